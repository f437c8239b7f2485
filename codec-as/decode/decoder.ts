/**
 * `GobDecoder`: a streaming gob decoder. Push bytes as they arrive (or read them straight into
 * codec memory with `writable`/`commit`), pull complete values with `next(schema)` or
 * `nextAny()`. "Need more bytes" is a state (`undefined`), not an error.
 *
 * Length: one class, `GobDecoder`, whose input side (push, pushOwned with the missing middle of a
 * large owned chunk, writable/commit) and output side (next, nextAny) share one stream's handle
 * and state; limits, the engine's stream record and tape reading are in files of their own.
 *
 * @module
 */
import { GobError } from "../error.ts";
import {
  engineError,
  F_ARENA,
  F_HOLETO,
  F_NTYPES,
  F_RESULT,
  F_TAPE,
  F_UNITS,
  messageOffset,
} from "./_dec_stream.ts";
import { type GobLimits, resolveLimits } from "./limits.ts";
import { TapeReader } from "./_tape_reader.ts";
import { readAny } from "./_read_any.ts";
import { type ElemSchema, resolve, type Schema } from "../schema.ts";
import { mem, memoryBuffer, S, wasm } from "../wasm/mod.ts";
import { BUILTIN_TYPES, readEntry, type WireType } from "../wire_type.ts";

/**
 * Whether `bytes` is a view into codec memory (valid only until the next codec call), rather than
 * memory of its own: a decoded `[]byte` is such a view unless it came from a chunk given to
 * {@linkcode GobDecoder.pushOwned}.
 *
 * @param bytes A decoded byte array.
 * @returns `true` for a view into codec memory.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { GobDecoder, GobEncoder, gob, isCodecMemory } from "../mod.ts";
 * const enc = new GobEncoder();
 * enc.encode(gob.bytes, new Uint8Array([1, 2, 3]));
 * const dec = new GobDecoder();
 * dec.push(enc.take());
 * equal(isCodecMemory(dec.next(gob.bytes)!), true);
 * ```
 */
export function isCodecMemory(bytes: Uint8Array): boolean {
  return bytes.buffer === memoryBuffer();
}

const registry = new FinalizationRegistry<number>((h) => wasm.decFree(h));

/** Nesting the engine allows at most, whatever maxDepth says (native stack headroom). */
const WASM_MAX_DEPTH = 2000;

/**
 * An owned chunk at least this long is written into codec memory without its middle (all but
 * HOLE_EDGE bytes at each end): a value whose one byte array spans the middle decodes without
 * it — its bytes are views of the chunk anyway — and only otherwise is the middle written.
 */
const HOLE_MIN = 256 * 1024;
const HOLE_EDGE = 64 * 1024;

/**
 * Streaming gob decoder (one stream).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { GobDecoder, gob } from "../mod.ts";
 * const dec = new GobDecoder();
 * dec.push(new Uint8Array([0x03, 0x04, 0x00, 0x06])); // int 3, as Go sends it
 * equal(dec.next(gob.int), 3);
 * equal(dec.next(gob.int), undefined); // need more bytes
 * dec.free();
 * ```
 */
export class GobDecoder {
  #h: number;
  #types = new Map<number, WireType>();
  #known = 0;
  #error?: GobError;
  #lastWritable = 0;
  #reader: TapeReader;

  /**
   * Creates a decoder for one stream, with its own buffers in codec memory.
   *
   * @param options limits (see GobLimits)
   * @throws {RangeError} for invalid limits
   */
  constructor(options?: { limits?: GobLimits }) {
    const l = resolveLimits(options?.limits);
    // The engine recurses: beyond WASM_MAX_DEPTH it could overflow the native stack mid-way
    // through an allocation, so deeper limits are clamped (the excess is a GobError all the same).
    this.#h = wasm.decNew(l.maxMessageBytes, Math.min(l.maxDepth, WASM_MAX_DEPTH), l.maxElements);
    registry.register(this, this.#h, this);
    this.#reader = new TapeReader(
      (id) => this.#wire(id),
      new Map(),
      () => this.#msgOffset(),
    );
  }

  #handle(): number {
    if (this.#h === 0) throw new TypeError("GobDecoder used after free()");
    return this.#h;
  }

  /**
   * Writable view of ≥ min free bytes at the end of this stream's input (WASM memory).
   * @param min bytes wanted (default 64 KiB)
   * @returns the view; valid until the next codec call
   * @throws {RangeError} when the buffer cannot grow that far
   */
  writable(min = 65536): Uint8Array {
    if (!Number.isInteger(min) || min < 0) throw new RangeError(`writable(${min})`);
    const p = this.#reserve(min);
    const n = wasm.decSpace(this.#h);
    this.#lastWritable = n;
    return this.#view = new Uint8Array(memoryBuffer(), p, n);
  }

  #view?: Uint8Array;

  /**
   * Marks n bytes of the last writable() view as received.
   * @param n bytes written
   * @throws {RangeError} when n exceeds that view
   */
  commit(n: number): void {
    const h = this.#handle();
    if (!Number.isInteger(n) || n < 0 || n > this.#lastWritable) {
      throw new RangeError(`commit(${n}) exceeds the writable view of ${this.#lastWritable} bytes`);
    }
    if (n > 0 && this.#view?.buffer !== memoryBuffer()) {
      // another codec call grew the memory: the bytes went into a detached view
      throw new RangeError("commit() after codec memory grew: the writable() view is stale");
    }
    wasm.decCommit(h, n);
    this.#lastWritable -= n;
  }

  /**
   * Copies bytes in.
   * @param chunk bytes received
   */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const p = this.#reserve(chunk.length); // (before mem(): reserving may grow the memory)
    mem().u8.set(chunk, p);
    wasm.decCommit(this.#h, chunk.length);
  }

  /**
   * Copies bytes in, as {@linkcode GobDecoder.push}, and lets the decoder keep `chunk`: byte
   * arrays (`[]byte` and marshaled values) decoded from it are returned as views of `chunk`
   * itself instead of codec memory, so they stay valid after later codec calls and the caller
   * need not copy them. Hand over a chunk of its own (a whole large message read for the
   * purpose) and do not change it afterwards. Of a chunk of 256 KiB or more, the middle is copied
   * into codec memory only if decoding needs it: a value whose one byte array spans it (a large
   * payload) decodes from the chunk's ends alone.
   *
   * @param chunk bytes received, owned by the decoder from now on
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { GobDecoder, GobEncoder, gob } from "../mod.ts";
   * const Blob = gob.struct("main.Blob", { Data: gob.bytes });
   * const enc = new GobEncoder();
   * enc.encode(Blob, { Data: new Uint8Array([1, 2, 3]) });
   * const bytes = enc.take();
   * const dec = new GobDecoder();
   * dec.pushOwned(bytes);
   * equal(dec.next(Blob)!.Data.buffer, bytes.buffer);
   * ```
   */
  pushOwned(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    const p = this.#reserve(n), h = this.#h;
    const u8 = mem().u8;
    if (n < HOLE_MIN) u8.set(chunk, p);
    else {
      // Its middle is written only if the decoder turns out to need it (see #fillHole).
      u8.set(chunk.subarray(0, HOLE_EDGE), p);
      u8.set(chunk.subarray(n - HOLE_EDGE), p + n - HOLE_EDGE);
      wasm.decHole(h, p, p + HOLE_EDGE, p + n - HOLE_EDGE);
      this.#hole = chunk;
    }
    wasm.decCommit(h, n);
    this.#reader.kept = chunk;
    this.#reader.keptAt = p;
  }

  /**
   * Makes room for `n` more input bytes (writing first the middle of an owned chunk, should it
   * still be missing: the input may move) and returns their address in codec memory. Earlier
   * `writable()` views and input addresses mean nothing afterwards.
   */
  #reserve(n: number): number {
    const h = this.#handle();
    this.#fillHole();
    const p = wasm.decWritable(h, n);
    if (p === 0) throw new RangeError(`cannot reserve ${n} input bytes`);
    this.#lastWritable = 0;
    this.#reader.kept = undefined;
    return p;
  }

  /** The owned chunk whose middle is not in codec memory yet (see `pushOwned`). */
  #hole: Uint8Array | undefined;

  /** Writes the middle of the owned chunk, if it is still missing, and clears the hole. */
  #fillHole(): void {
    const chunk = this.#hole;
    if (chunk === undefined) return;
    this.#hole = undefined;
    const at = this.#reader.keptAt;
    mem().u8.set(chunk.subarray(HOLE_EDGE, chunk.length - HOLE_EDGE), at + HOLE_EDGE);
    wasm.decHole(this.#h, 0, 0, 0);
  }

  #wire(id: number): WireType {
    const t = this.#types.get(id) ?? BUILTIN_TYPES.get(id);
    if (t === undefined) throw new GobError(`unknown type id ${id}`, this.#msgOffset(), id);
    return t;
  }

  #msgOffset(): number {
    return messageOffset(this.#h);
  }

  #sync(n: number): void {
    for (let i = this.#known; i < n; i++) {
      const t = readEntry(wasm.typeAt(this.#h, i));
      this.#types.set(t.id, t);
    }
    this.#known = n;
  }

  /** Runs the engine; returns the result type id, or 0 when more bytes are needed. */
  #step(): number {
    if (this.#error) throw this.#error;
    const h = this.#handle();
    let st: number;
    try {
      st = wasm.decNext(h);
      if (st === S.HOLE) {
        this.#fillHole();
        st = wasm.decNext(h);
      }
    } catch (e) {
      this.#error = new GobError(`codec trap: ${e}`, this.#msgOffset());
      throw this.#error;
    }
    const i = mem().i32, b = h >>> 2;
    if (this.#hole !== undefined && i[b + F_HOLETO] === 0) this.#hole = undefined; // decoded around
    const n = i[b + F_NTYPES];
    if (n !== this.#known) this.#sync(n);
    if (st === S.MORE) return 0;
    if (st === S.ERROR) {
      this.#error = engineError(h);
      throw this.#error;
    }
    const tape = i[b + F_TAPE] >>> 2, arena = i[b + F_ARENA] >>> 2;
    this.#reader.reset(
      i[tape] >>> 0,
      i[arena] >>> 0,
      i[arena + 1],
      i[b + F_UNITS],
    );
    return i[b + F_RESULT];
  }

  /**
   * Next value decoded into `schema`; type-definition messages are consumed on the way.
   * @param schema the Go type to decode into
   * @returns the value, or undefined when more bytes are needed
   * @throws {GobError} corrupt data or a wire type that does not fit the schema
   */
  next<T>(schema: Schema<T>): T | undefined {
    const tid = this.#step();
    if (tid === 0) return undefined;
    try {
      this.#reader.top = tid > 64 && topStruct(schema);
      return this.#reader.read(schema, tid) as T;
    } catch (e) {
      throw this.#stackError(e);
    }
  }

  /**
   * Next value as plain JS, without a schema: struct → object with every field (absent ones
   * zero: 0, "", false, [0, 0]; absent slices/maps/structs/[]byte/interfaces → null); int/uint →
   * number when safe, else bigint; float → number; complex → [re, im]; string → string;
   * []byte → Uint8Array view; slice/array → Array; map → Map; interface → { name, value,
   * typeId } (typeId: the concrete value's wire type id) or null; marshaler types → GobOpaque { kind, name, bytes }.
   * @returns the value, or undefined when more bytes are needed
   * @throws {GobError} corrupt data
   */
  nextAny(): unknown {
    const tid = this.#step();
    if (tid === 0) return undefined;
    this.#lastTypeId = tid;
    try {
      return readAny(this.#reader, tid);
    } catch (e) {
      throw this.#stackError(e);
    }
  }

  #lastTypeId = 0;

  /**
   * Wire type id of the top-level value the last `nextAny()` returned (0 before any): with
   * `types`, what a printer needs to treat the value by its wire type.
   */
  get lastTypeId(): number {
    return this.#lastTypeId;
  }

  /** A JavaScript stack overflow (maxDepth set beyond what the stack holds) as a GobError. */
  #stackError(e: unknown): unknown {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return new GobError("value nested too deep for the JavaScript stack", this.#msgOffset());
    }
    return e;
  }

  /**
   * Whether the stream is broken: a corrupt message (or one over the limits) failed, and every
   * later call throws that error again. A well-formed value that does not fit the schema asked for
   * is a `GobError` too, but leaves the stream intact (`failed` stays false): it was consumed
   * whole, and the next value can be read.
   */
  get failed(): boolean {
    return this.#error !== undefined;
  }

  /** Wire types received so far. */
  get types(): ReadonlyMap<number, WireType> {
    return this.#types;
  }

  /** Releases this stream's WASM memory. */
  free(): void {
    if (this.#h === 0) return;
    registry.unregister(this);
    wasm.decFree(this.#h);
    this.#h = 0;
  }
}

/**
 * Whether a schema is a struct, behind pointers or not: Go refuses a top-level struct value that
 * shares no field with the wire struct ("no fields matched"), not a nested one.
 */
function topStruct(schema: Schema): boolean {
  let s = schema;
  while (s.kind === "ptr" || s.kind === "lazy") {
    s = s.kind === "ptr" ? (s as ElemSchema).elem : resolve(s);
  }
  return s.kind === "struct";
}
