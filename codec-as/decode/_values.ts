// Internal: how decoded objects are built: the zero value of a schema, setting a field (also one
// named "__proto__"), and which wire field names schema-less decoding drops. Shared by both
// decoding paths and by the encoder (a missing array encodes as its zero value).
import {
  type ElemSchema,
  type FieldSchema,
  resolve,
  type Schema,
  type StructSchema,
} from "../schema.ts";

/** Shared zero-length bytes (nothing to mutate): the zero value of `[]byte` and marshalers. */
export const EMPTY = new Uint8Array(0);

/**
 * Whether schema-less decoding drops a wire struct field of this name: `__proto__` and the names of
 * `Object.prototype`'s properties (`constructor`, `toString`, …). All are unexported Go names, which
 * Go never sends and its decoder never matches, so dropping them loses nothing a Go peer could
 * send, and a decoded object never carries them.
 */
export function isReservedFieldName(name: string): boolean {
  return name === "__proto__" || Object.hasOwn(Object.prototype, name);
}

/** Sets a property, also for the name "__proto__" (as an own property, never the prototype). */
export function setField(o: Record<string, unknown>, name: string, v: unknown): void {
  if (name === "__proto__") {
    Object.defineProperty(o, name, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else o[name] = v;
}

/** Zero value of a struct field's schema. */
export function zeroOf(f: FieldSchema | Schema): unknown {
  const s0 = "schema" in f ? f.schema : f;
  const s = resolve(s0);
  switch (s.kind) {
    case "bool":
      return false;
    case "int":
    case "uint":
    case "float":
      return 0;
    case "int64":
    case "uint64":
      return 0n;
    case "complex":
      return [0, 0];
    case "string":
      return "";
    case "bytes":
    case "marshaler":
      return EMPTY;
    case "interface":
      return null;
    case "ptr":
      return undefined;
    case "slice":
      return [];
    case "map":
      return new Map();
    case "array": {
      const a = s as ElemSchema;
      return Array.from({ length: a.len }, () => zeroOf(a.elem));
    }
    case "struct": {
      const o: Record<string, unknown> = {};
      for (const x of (s as StructSchema).fields) setField(o, x.name, zeroOf(x));
      return o;
    }
    default:
      return undefined;
  }
}
