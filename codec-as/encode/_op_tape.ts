// Internal: the op tape an encoder writes into WASM memory for assembly/encode.ts to serialise.
import { encodeGoString } from "../strings.ts";
import { mem, O, wasm } from "../wasm/mod.ts";

const textEncoder = new TextEncoder();
const TWO32 = 4294967296;

/** Writes op records (16 bytes: op, a, b, c; numbers at +8) and arena bytes. */
export class OpWriter {
  n = 0;
  #cap = 0; // records
  #tape = 0; // byte address
  #arena = 0;
  #arenaCap = 0;
  arenaLen = 0;
  #i32 = mem().i32;
  #f64 = mem().f64;
  #u8 = mem().u8;
  #memory: ArrayBufferLike = this.#u8.buffer;
  /** []byte values at least this long (0: none) are referenced by the tape, not copied in. */
  spliceFrom = 0;
  /** The referenced byte arrays of the pending output, by their index in O.EXTERN records. */
  externs: Uint8Array[] = [];

  constructor(readonly h: number) {}

  /** Starts a new tape; re-takes memory views (memory may have grown since the last call). */
  reset(): void {
    this.n = 0;
    this.#delta = 0;
    this.arenaLen = 0;
    if (this.#i32.length === 0) this.#views(); // memory grew: the old views are detached
  }

  #views(): void {
    const m = mem();
    this.#i32 = m.i32;
    this.#f64 = m.f64;
    this.#u8 = m.u8;
    this.#memory = m.u8.buffer;
  }

  #grow(records: number): void {
    let cap = Math.max(256, this.#cap * 2);
    while (cap < this.n + records) cap *= 2;
    const p = wasm.encReserve(this.h, 0, cap * 16);
    if (p === 0) throw new RangeError(`encoder tape of ${cap} records exceeds codec memory`);
    this.#tape = p;
    this.#cap = cap;
    this.#views();
  }

  #growArena(bytes: number): void {
    let cap = Math.max(4096, this.#arenaCap * 2);
    while (cap < this.arenaLen + bytes) cap *= 2;
    if (cap > 2 ** 29) {
      throw new RangeError(`encoder arena of ${cap} bytes exceeds the 512 MiB cap`);
    }
    const p = wasm.encReserve(this.h, 1, cap);
    if (p === 0) throw new RangeError(`encoder arena of ${cap} bytes exceeds codec memory`);
    this.#arena = p;
    this.#arenaCap = cap;
    this.#views();
  }

  #delta = 0;

  /** A struct field delta to write before the next record's value (packed into its op word). */
  fieldDelta(d: number): void {
    if (this.#delta !== 0) {
      // a nested struct's first field: the outer delta goes out on its own
      const outer = this.#delta >>> 8;
      this.#delta = 0;
      this.op(O.SMALL, outer);
    }
    this.#delta = d << 8;
  }

  /** Appends a record with small integer operands. */
  op(code: number, a = 0, b = 0, c = 0): void {
    if (this.n >= this.#cap) this.#grow(1);
    const i = (this.#tape >>> 2) + this.n * 4;
    const v = this.#i32;
    v[i] = code | this.#delta;
    this.#delta = 0;
    v[i + 1] = a;
    v[i + 2] = b;
    v[i + 3] = c;
    this.n++;
  }

  /** Appends a record carrying a float64 (UNUM, INUM, FLOAT). */
  num(code: number, x: number): void {
    if (this.n >= this.#cap) this.#grow(1);
    const i = (this.#tape >>> 2) + this.n * 4;
    this.#i32[i] = code | this.#delta;
    this.#delta = 0;
    this.#f64[(i + 2) >>> 1] = x;
    this.n++;
  }

  /** Appends UINT/INT with a 64-bit value as halves. */
  u64(code: number, lo: number, hi: number): void {
    this.op(code, 0, lo | 0, hi | 0);
  }

  /** Appends INT from a bigint. */
  bigInt(v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.u64(O.INT, Number(u & 0xffffffffn), Number(u >> 32n));
  }

  /** Appends UINT from a bigint. */
  bigUint(v: bigint): void {
    this.u64(O.UINT, Number(v & 0xffffffffn), Number(v >> 32n));
  }

  /** Appends an int from a safe-integer number. */
  int(v: number): void {
    if (v >= 0 && v < 0x80000000) this.op(O.INT, 0, v, 0);
    else this.num(O.INUM, v);
  }

  /** Appends a uint from a safe non-negative integer. */
  uint(v: number): void {
    if (v < 0x80000000) this.op(O.SMALL, v);
    else this.u64(O.UINT, v % TWO32, Math.floor(v / TWO32));
  }

  /** Whether a view lies in this encoder's output buffer (a take() result): it must be copied. */
  #inOutput(b: Uint8Array): boolean {
    const out = this.#i32[this.h >>> 2] >>> 2; // EncStream.out → Buf { ptr, len, cap }
    const start = this.#i32[out] >>> 0, cap = this.#i32[out + 2] >>> 0;
    return b.byteOffset < start + cap && b.byteOffset + b.length > start;
  }

  /**
   * Appends length-prefixed bytes: zero-copy when they already live in codec memory, referenced
   * (O.EXTERN) when they are long enough to splice, else copied into the arena.
   */
  bytes(b: Uint8Array): void {
    if (b.buffer === this.#memory) {
      if (!this.#inOutput(b)) {
        this.op(O.BYTES, b.byteOffset, b.length, 0);
        return;
      }
    } else if (this.spliceFrom > 0 && b.length >= this.spliceFrom) {
      this.op(O.EXTERN, this.externs.length, b.length, 0);
      this.externs.push(b);
      return;
    }
    if (this.arenaLen + b.length > this.#arenaCap) this.#growArena(b.length);
    this.#u8.set(b, this.#arena + this.arenaLen);
    this.op(O.BYTES, this.arenaLen, b.length, 1);
    this.arenaLen += b.length;
  }

  /** Appends a Go string (see strings.ts for non-UTF-8 bytes). */
  string(s: string): void {
    const len = s.length;
    const max = len * 3;
    if (this.arenaLen + max > this.#arenaCap) this.#growArena(max);
    const u8 = this.#u8;
    const at = this.#arena + this.arenaLen;
    let n = 0;
    if (len <= 512) {
      for (; n < len; n++) {
        const c = s.charCodeAt(n);
        if (c >= 0x80) break;
        u8[at + n] = c;
      }
    }
    if (n < len) {
      if (s.isWellFormed()) n = textEncoder.encodeInto(s, u8.subarray(at, at + max)).written;
      else {
        const b = encodeGoString(s);
        u8.set(b, at);
        n = b.length;
      }
    }
    this.op(O.BYTES, this.arenaLen, n, 1);
    this.arenaLen += n;
  }
}
