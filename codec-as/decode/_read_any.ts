// Internal: schema-less decoding of a message's tape (`GobDecoder.nextAny`), and of every gob
// interface value: what an interface holds is always read this way, schema or not.
import type { GobInterfaceValue, MarshalerKind } from "../schema.ts";
import { K } from "../wasm/mod.ts";
import { GobOpaque } from "../opaque.ts";
import type { TapeReader } from "./_tape_reader.ts";
import { isReservedFieldName, setField } from "./_values.ts";

const MARSHALERS: Record<number, MarshalerKind> = {
  [K.GOBENC]: "GobEncoder",
  [K.BINARY]: "BinaryMarshaler",
  [K.TEXT]: "TextMarshaler",
};

const TWO32 = 4294967296;

/**
 * Reads a gob interface value at the reader's cursor: the concrete type's registered name and its
 * value, decoded without a schema (a schema names only `interface{}`, never what it holds), with
 * the concrete value's wire type id; null for a nil interface.
 */
export function readInterface(r: TapeReader): GobInterfaceValue | null {
  const tid = r.i32[r.p + 2];
  r.p += 4;
  if (tid === 0) return null;
  const name = r.string();
  return { name, value: readAny(r, tid), typeId: tid };
}

/**
 * Reads the value at the reader's cursor, of wire type `tid`, without a schema (the JavaScript
 * shapes of `GobDecoder.nextAny`).
 */
export function readAny(r: TapeReader, tid: number): unknown {
  const i32 = r.i32;
  const k = i32[r.p] & 0xff;
  switch (k) {
    case K.BOOL:
      r.p += 4;
      return i32[r.p - 2] !== 0;
    case K.INT: {
      const lo = i32[r.p + 2] >>> 0, hi = i32[r.p + 3];
      r.p += 4;
      if (hi === 0) return lo;
      if (hi === -1) return lo - TWO32;
      const v = hi * TWO32 + lo;
      return Number.isSafeInteger(v) ? v : r.i64[(r.p - 2) >> 1];
    }
    case K.UINT: {
      const lo = i32[r.p + 2] >>> 0, hi = i32[r.p + 3] >>> 0;
      r.p += 4;
      const v = hi * TWO32 + lo;
      return v <= Number.MAX_SAFE_INTEGER ? v : BigInt.asUintN(64, r.i64[(r.p - 2) >> 1]);
    }
    case K.FLOAT:
      r.p += 4;
      return r.f64[(r.p - 2) >> 1];
    case K.COMPLEX:
      r.p += 8;
      return [r.f64[(r.p - 6) >> 1], r.f64[(r.p - 2) >> 1]];
    case K.STRING:
      return r.string();
    case K.BYTES:
      return r.view();
    case K.GOBENC:
    case K.BINARY:
    case K.TEXT:
      return new GobOpaque(MARSHALERS[k], r.wire(tid).name, r.view());
    case K.IFACE:
      return readInterface(r);
    case K.SLICE:
    case K.ARRAY: {
      const n = i32[r.p + 2];
      const elem = r.wire(tid).elem!;
      r.p += 4;
      const out = new Array(n);
      for (let j = 0; j < n; j++) out[j] = readAny(r, elem);
      return out;
    }
    case K.MAP: {
      const n = i32[r.p + 2];
      const wt = r.wire(tid);
      r.p += 4;
      const out = new Map();
      for (let j = 0; j < n; j++) {
        const key = readAny(r, wt.key!);
        out.set(key, readAny(r, wt.elem!));
      }
      return out;
    }
    case K.STRUCT: {
      const count = i32[r.p + 2];
      const fields = r.wire(tid).fields!;
      const vals: unknown[] = new Array(fields.length);
      r.p += 4;
      for (let j = 0; j < count; j++) {
        const wf = r.i32[r.p + 1];
        vals[wf] = readAny(r, fields[wf].id);
      }
      const o: Record<string, unknown> = {};
      for (let j = 0; j < fields.length; j++) {
        if (isReservedFieldName(fields[j].name)) continue;
        const v = vals[j];
        setField(o, fields[j].name, v !== undefined ? v : zeroAny(r, fields[j].id));
      }
      return o;
    }
    default:
      return r.fail(`corrupt tape record kind ${k}`, tid);
  }
}

/** The value an absent field of wire type `tid` stands for, schema-less. */
function zeroAny(r: TapeReader, tid: number): unknown {
  const wt = r.wire(tid);
  switch (wt.kind) {
    case "bool":
      return false;
    case "int":
    case "uint":
    case "float":
      return 0;
    case "complex":
      return [0, 0];
    case "string":
      return "";
    case "GobEncoder":
    case "BinaryMarshaler":
    case "TextMarshaler":
      return new GobOpaque(wt.kind, wt.name, new Uint8Array(0));
    default:
      return null;
  }
}
