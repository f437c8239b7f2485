// Internal: the cursor over one decoded message's tape (assembly/decode.ts): its records, numbers,
// strings and byte views, and reading a struct with a schema. Schema-less reading (`readAny`, and
// every interface value) is in _read_any.ts; a reader closure per schema in _schema_readers.ts.
import { GobError } from "../error.ts";
import type { Schema, StructSchema } from "../schema.ts";
import { decodeGoString } from "../strings.ts";
import { F_RAW, K, mem, memoryBuffer } from "../wasm/mod.ts";
import { KIND_NAMES, type WireType } from "../wire_type.ts";
import { directReader, type Reader, readerOf } from "./_schema_readers.ts";
import { EMPTY, setField, zeroOf } from "./_values.ts";

interface Plan {
  /** wire type id the plan is for */
  tid: number;
  /** wire field index → schema field index, -1 = skip */
  map: Int32Array;
  /** schema field names, schemas, and wire type ids (by wire field index) */
  names: string[];
  schemas: Schema[];
  readers: Reader[];
  wireIds: number[];
  /** object with every field at its zero value when that is immutable (spread per value) */
  template: Record<string, unknown>;
  /** schema field indexes whose zero value is a fresh object (filled when absent) */
  fresh: number[];
  /** some field is named __proto__: build with defineProperty */
  proto: boolean;
  /** plans of the same schema for other wire type ids */
  other?: Plan;
  /** Both the schema and the wire struct have fields, and no name is in both (Go refuses a
   * top-level value then: "no fields matched"). */
  noneMatched: boolean;
}

const TWO32 = 4294967296;

/** Reads the tape of one message. */
export class TapeReader {
  i32: Int32Array = mem().i32;
  f64: Float64Array = mem().f64;
  i64: BigInt64Array = mem().i64;
  buf: ArrayBuffer = memoryBuffer();
  /** int32 index of the current record */
  p = 0;
  text = "";
  depthLeft = 0;
  /** The next struct read is the message's top-level value (set by `GobDecoder.next`). */
  top = false;

  constructor(
    readonly wire: (id: number) => WireType,
    readonly plans: Map<Schema, Plan>,
    /** stream offset of the message being read (for errors) */
    readonly offsetOf: () => number,
  ) {}

  /** Prepares for a message whose tape starts at `tapePtr`. */
  reset(tapePtr: number, arenaPtr: number, arenaLen: number, units: number): void {
    const m = mem();
    this.i32 = m.i32;
    this.f64 = m.f64;
    this.i64 = m.i64;
    this.buf = m.u8.buffer as ArrayBuffer;
    this.p = tapePtr >>> 2;
    this.tapeBase = this.p;
    // All of the message's strings in one pass: short ASCII text by hand (a TextDecoder call
    // costs more than building a few dozen characters), the rest with one TextDecoder call.
    if (arenaLen === 0) this.text = "";
    else if (units === arenaLen && arenaLen <= 64) {
      this.text = asciiText(m.u8, arenaPtr, arenaPtr + arenaLen);
    } else this.text = textDecoder.decode(m.u8.subarray(arenaPtr, arenaPtr + arenaLen));
    this.units = units;
  }

  /** UTF-16 length of `text` (reported by the engine). */
  units = 0;

  fail(detail: string, tid?: number): never {
    throw new GobError(detail, this.offsetOf(), tid);
  }

  mismatch(s: Schema, tid: number): never {
    const k = this.i32[this.p] & 0xff;
    return this.fail(`type mismatch: wire ${KIND_NAMES[k] ?? k} into ${s.goString}`, tid);
  }

  int(): number {
    const lo = this.i32[this.p + 2] >>> 0, hi = this.i32[this.p + 3];
    this.p += 4;
    if (hi === 0 || hi === -1) {
      return hi === 0 ? lo : lo - TWO32;
    }
    const v = hi * TWO32 + lo;
    if (!Number.isSafeInteger(v)) {
      this.fail(`integer ${this.i64[(this.p - 2) >> 1]} exceeds ±2^53-1`);
    }
    return v;
  }

  uint(): number {
    const lo = this.i32[this.p + 2] >>> 0, hi = this.i32[this.p + 3] >>> 0;
    this.p += 4;
    const v = hi * TWO32 + lo;
    if (v > Number.MAX_SAFE_INTEGER) {
      this.fail(
        `unsigned integer ${BigInt.asUintN(64, this.i64[(this.p - 2) >> 1])} exceeds 2^53-1`,
      );
    }
    return v;
  }

  string(): string {
    const i = this.p;
    this.p += 4;
    const lo = this.i32[i + 2], hi = this.i32[i + 3];
    if ((this.i32[i] & F_RAW) !== 0) {
      return decodeGoString(new Uint8Array(this.buf, lo >>> 0, hi));
    }
    return this.text.substring(lo, lo + hi);
  }

  view(): Uint8Array {
    const i = this.p;
    this.p += 4;
    const at = this.i32[i + 2] >>> 0, n = this.i32[i + 3];
    const kept = this.kept;
    if (kept !== undefined) {
      const from = at - this.keptAt;
      if (from >= 0 && from + n <= kept.length) return kept.subarray(from, from + n);
    }
    return new Uint8Array(this.buf, at, n);
  }

  /** A chunk the decoder owns ({@linkcode GobDecoder.pushOwned}): views of bytes in it come from it. */
  kept: Uint8Array | undefined = undefined;
  /** Where `kept` was copied to in codec memory. */
  keptAt = 0;

  /** Index of the record after the current one and its children. */
  skip(): void {
    const k = this.i32[this.p] & 0xff;
    if (
      k === K.STRUCT || k === K.SLICE || k === K.ARRAY || k === K.MAP || k === K.IFACE
    ) {
      const end = this.i32[this.p + 3];
      // end is a record number relative to the tape start
      this.p = this.tapeBase + end * 4;
    } else this.p += k === K.COMPLEX ? 8 : 4;
  }

  tapeBase = 0;

  read(s: Schema, tid: number): unknown {
    return readerOf(s)(this, tid);
  }

  plan(s: StructSchema, tid: number): Plan {
    let plan = this.plans.get(s);
    while (plan !== undefined && plan.tid !== tid) plan = plan.other;
    if (plan !== undefined) return plan;
    const wfields = this.wire(tid).fields ?? [];
    const map = new Int32Array(wfields.length).fill(-1);
    wfields.forEach((f, i) => {
      map[i] = s.fields.findIndex((x) => x.name === f.name);
    });
    const template: Record<string, unknown> = {};
    const fresh: number[] = [];
    s.fields.forEach((f, i) => {
      const z = zeroOf(f);
      const shared = z === null || typeof z !== "object" || z === EMPTY;
      if (!shared) fresh.push(i);
      setField(template, f.name, shared ? z : null);
    });
    plan = {
      tid,
      map,
      names: s.fields.map((f) => f.name),
      schemas: s.fields.map((f) => f.schema),
      readers: s.fields.map((f) => directReader(f.schema)),
      wireIds: wfields.map((f) => f.id),
      template,
      fresh,
      proto: s.fields.some((f) => f.name === "__proto__"),
      other: this.plans.get(s),
      noneMatched: wfields.length > 0 && s.fields.length > 0 && map.every((x) => x < 0),
    };
    this.plans.set(s, plan);
    return plan;
  }

  struct(s: StructSchema, tid: number): Record<string, unknown> {
    const count = this.i32[this.p + 2];
    const plan = this.plan(s, tid);
    if (this.top) {
      // The message's top-level struct: Go refuses it when no field matched.
      this.top = false;
      if (plan.noneMatched) {
        this.fail(`type mismatch: no fields matched compiling decoder for ${s.goName}`, tid);
      }
    }
    const o: Record<string, unknown> = { ...plan.template };
    this.p += 4;
    const { map, names, schemas, readers, wireIds, fresh } = plan;
    let set = 0; // bit i: fresh[i]'s field was present (up to 31, then checked by value)
    for (let j = 0; j < count; j++) {
      const wf = this.i32[this.p + 1];
      const si = map[wf];
      if (si < 0) {
        this.skip();
        continue;
      }
      const v = readers[si](this, wireIds[wf]);
      if (plan.proto) setField(o, names[si], v);
      else o[names[si]] = v;
      if (fresh.length !== 0) {
        const k = fresh.indexOf(si);
        if (k >= 0 && k < 31) set |= 1 << k;
      }
    }
    for (let k = 0; k < fresh.length; k++) {
      if (k < 31 ? (set & (1 << k)) === 0 : o[names[fresh[k]]] === null) {
        const i = fresh[k];
        setField(o, names[i], zeroOf(schemas[i]));
      }
    }
    return o;
  }
}

/** Keeps a leading U+FEFF: it is the first character of the message's first string. */
const textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** ASCII bytes [from, to) as a string, eight characters per call. */
function asciiText(u8: Uint8Array, from: number, to: number): string {
  let r = "";
  let i = from;
  for (; i + 8 <= to; i += 8) {
    r += String.fromCharCode(
      u8[i],
      u8[i + 1],
      u8[i + 2],
      u8[i + 3],
      u8[i + 4],
      u8[i + 5],
      u8[i + 6],
      u8[i + 7],
    );
  }
  for (; i < to; i++) r += String.fromCharCode(u8[i]);
  return r;
}
