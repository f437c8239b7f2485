// Internal: one reading closure per schema node, built once and cached, so decoding with a schema
// does no dispatch on the schema's kind per value.
import {
  type ElemSchema,
  type MapSchema,
  resolve,
  type ScalarSchema,
  type Schema,
  type StructSchema,
} from "../schema.ts";
import { K } from "../wasm/mod.ts";
import type { TapeReader } from "./_tape_reader.ts";
import { readInterface } from "./_read_any.ts";

/** Reads the value at the reader's cursor, whose wire type id is `tid`. */
export type Reader = (r: TapeReader, tid: number) => unknown;

const cache = new WeakMap<Schema, Reader>();

function kindAt(r: TapeReader): number {
  return r.i32[r.p] & 0xff;
}

function f32(v: number, r: TapeReader, tid: number): number {
  const f = Math.fround(v);
  if (!Number.isFinite(f) && Number.isFinite(v)) r.fail(`value ${v} overflows float32`, tid);
  return f;
}

/** The reading closure of a schema. */
export function readerOf(s: Schema): Reader {
  let f = cache.get(s);
  if (f === undefined) {
    f = build(s);
    cache.set(s, f);
  }
  return f;
}

/** The reader of what `s` stands for once lazy and pointer wrappers are followed. */
export function directReader(s: Schema): Reader {
  let b = s;
  for (;;) {
    b = resolve(b);
    if (b.kind !== "ptr") return readerOf(b);
    b = (b as ElemSchema).elem;
  }
}

function build(s: Schema): Reader {
  switch (s.kind) {
    case "lazy": {
      let target: Reader | undefined;
      return (r, tid) => (target ??= readerOf(resolve(s)))(r, tid);
    }
    case "ptr": {
      let target: Reader | undefined;
      return (r, tid) => (target ??= readerOf((s as ElemSchema).elem))(r, tid);
    }
    case "string":
      return (r, tid) => {
        if (kindAt(r) !== K.STRING) r.mismatch(s, tid);
        return r.string();
      };
    case "int": {
      const bits = (s as ScalarSchema).bits;
      const max = 2 ** (bits - 1);
      if ((s as ScalarSchema).wide) {
        return (r, tid) => {
          if (kindAt(r) !== K.INT) r.mismatch(s, tid);
          const lo = r.i32[r.p + 2] >>> 0, hi = r.i32[r.p + 3];
          r.p += 4;
          const v = hi * 4294967296 + lo;
          return Number.isSafeInteger(v) ? v : r.i64[(r.p - 2) >> 1];
        };
      }
      return (r, tid) => {
        if (kindAt(r) !== K.INT) r.mismatch(s, tid);
        const v = r.int();
        if (bits < 64 && (v >= max || v < -max)) {
          r.fail(`value ${v} out of range for ${s.goString}`, tid);
        }
        return v;
      };
    }
    case "uint": {
      const bits = (s as ScalarSchema).bits;
      const max = 2 ** bits;
      if ((s as ScalarSchema).wide) {
        return (r, tid) => {
          if (kindAt(r) !== K.UINT) r.mismatch(s, tid);
          const lo = r.i32[r.p + 2] >>> 0, hi = r.i32[r.p + 3] >>> 0;
          r.p += 4;
          const v = hi * 4294967296 + lo;
          return v <= Number.MAX_SAFE_INTEGER ? v : BigInt.asUintN(64, r.i64[(r.p - 2) >> 1]);
        };
      }
      return (r, tid) => {
        if (kindAt(r) !== K.UINT) r.mismatch(s, tid);
        const v = r.uint();
        if (bits < 64 && v >= max) r.fail(`value ${v} out of range for ${s.goString}`, tid);
        return v;
      };
    }
    case "int64":
      return (r, tid) => {
        if (kindAt(r) !== K.INT) r.mismatch(s, tid);
        r.p += 4;
        return r.i64[(r.p - 2) >> 1];
      };
    case "uint64":
      return (r, tid) => {
        if (kindAt(r) !== K.UINT) r.mismatch(s, tid);
        r.p += 4;
        return BigInt.asUintN(64, r.i64[(r.p - 2) >> 1]);
      };
    case "bool":
      return (r, tid) => {
        if (kindAt(r) !== K.BOOL) r.mismatch(s, tid);
        r.p += 4;
        return r.i32[r.p - 2] !== 0;
      };
    case "float": {
      const narrow = (s as ScalarSchema).bits === 32;
      return (r, tid) => {
        if (kindAt(r) !== K.FLOAT) r.mismatch(s, tid);
        r.p += 4;
        const v = r.f64[(r.p - 2) >> 1];
        return narrow ? f32(v, r, tid) : v;
      };
    }
    case "complex": {
      const narrow = (s as ScalarSchema).bits === 32;
      return (r, tid) => {
        if (kindAt(r) !== K.COMPLEX) r.mismatch(s, tid);
        r.p += 8;
        const re = r.f64[(r.p - 6) >> 1], im = r.f64[(r.p - 2) >> 1];
        return narrow ? [f32(re, r, tid), f32(im, r, tid)] : [re, im];
      };
    }
    case "bytes":
      return (r, tid) => {
        if (kindAt(r) !== K.BYTES) r.mismatch(s, tid);
        return r.view();
      };
    case "marshaler":
      return (r, tid) => {
        const k = kindAt(r);
        if (k !== K.GOBENC && k !== K.BINARY && k !== K.TEXT) r.mismatch(s, tid);
        return r.view();
      };
    case "interface":
      return (r, tid) => {
        if (kindAt(r) !== K.IFACE) r.mismatch(s, tid);
        return readInterface(r);
      };
    case "struct":
      return (r, tid) => {
        if (kindAt(r) !== K.STRUCT) r.mismatch(s, tid);
        return r.struct(s as StructSchema, tid);
      };
    case "slice":
    case "array": {
      const es = s as ElemSchema;
      const want = s.kind === "slice" ? K.SLICE : K.ARRAY;
      let elem: Reader | undefined;
      return (r, tid) => {
        if (kindAt(r) !== want) r.mismatch(s, tid);
        const n = r.i32[r.p + 2];
        if (want === K.ARRAY && n !== es.len) {
          r.fail(`array length ${n} does not match ${s.goString}`, tid);
        }
        const et = r.wire(tid).elem!;
        const read = elem ??= directReader(es.elem);
        r.p += 4;
        const out = new Array(n);
        for (let j = 0; j < n; j++) out[j] = read(r, et);
        return out;
      };
    }
    case "map": {
      const ms = s as MapSchema;
      let key: Reader | undefined, value: Reader | undefined;
      return (r, tid) => {
        if (kindAt(r) !== K.MAP) r.mismatch(s, tid);
        const n = r.i32[r.p + 2];
        const wt = r.wire(tid);
        const rk = key ??= directReader(ms.key), rv = value ??= directReader(ms.value);
        r.p += 4;
        const out = new Map();
        for (let j = 0; j < n; j++) {
          const k = rk(r, wt.key!);
          out.set(k, rv(r, wt.elem!));
        }
        return out;
      };
    }
    default:
      return (r, tid) => r.fail(`unsupported schema kind ${s.kind}`, tid);
  }
}
