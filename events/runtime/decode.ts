/**
 * Decoding a parsed JSON value into the shape a schema describes, under one string strategy.
 *
 * Rules (the same for every generated type):
 * - A Go `string` field: `"none"` drops JSON `null` and `""` (the key is absent afterwards);
 *   `"empty"` turns `null` and an absent key into `""`.
 * - A Go `string` element (slice element, map value): `null` becomes `undefined` (`"none"`) or
 *   `""` (`"empty"`); `""` stays `""`.
 * - Other fields keep their presence: an absent key stays absent. JSON `null` stays `null` for
 *   pointers, slices, maps, `[]byte` and `interface{}`; for numbers, booleans, structs and the
 *   hand-written types (where Go leaves the zero value) it is read as absent.
 * - Keys the type does not know are kept, unchanged, in their place (lossless).
 * - A value of the wrong shape throws a `TypeError` naming its path, e.g.
 *   `Records[0].s3.object.size: expected number, got "abc"`; an integer out of its Go type's range
 *   throws a `RangeError`.
 *
 * @module
 */

import { decodeBase64 } from "./base64.ts";
import { fieldIndex } from "./_field_index.ts";
import {
  indexPath,
  isObject,
  isReservedKey,
  keyPath,
  prefixError,
  rangeError,
  setOwn,
  shapeError,
} from "./_path.ts";
import {
  type NumberKind,
  resolve,
  type Schema,
  type Strategy,
  type StructSchema,
} from "./schema.ts";

const RANGES: Partial<Record<NumberKind, [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
  int: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint: [0, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/**
 * Decodes `json` as `schema` under `strings`.
 *
 * @param schema The type to decode as.
 * @param json A parsed JSON value.
 * @param strings The string strategy.
 * @param path The path of `json` inside the whole event, for error messages.
 * @returns The decoded value (a fresh object tree; unknown keys are shared with the input).
 * @throws {TypeError} A value has the wrong shape.
 * @throws {RangeError} An integer is outside its Go type's range.
 * @example
 * ```ts
 * import { decodeValue } from "./decode.ts";
 * import { f, struct, t } from "./schema.ts";
 * import { ok } from "node:assert/strict";
 * const s = struct("S", [f("name", "Name", t.str)]);
 * ok(JSON.stringify(decodeValue(s, { name: null }, "empty")) === '{"name":""}');
 * ```
 */
export function decodeValue(
  schema: Schema,
  json: unknown,
  strings: Strategy,
  path = "",
): unknown {
  try {
    return decode(schema, json, strings);
  } catch (e) {
    throw path === "" ? e : prefixError(e, path);
  }
}

// The recursion builds no path strings: a failing value's path is put together on the way out
// (prefixError at each level), so decoding a well-formed event allocates none.
function decode(schema: Schema, json: unknown, strings: Strategy): unknown {
  const s = resolve(schema);
  switch (s.kind) {
    case "string":
      if (typeof json === "string") return json;
      if (json === null) return strings === "empty" ? "" : undefined;
      throw shapeError("", "string", json);
    case "number":
      return decodeNumber(s.go, json);
    case "bool":
      if (typeof json === "boolean") return json;
      throw shapeError("", "boolean", json);
    case "any":
      return json;
    case "bytes": {
      if (json === null) return null;
      const bytes = typeof json === "string" ? decodeBase64(json) : undefined;
      if (bytes === undefined) throw shapeError("", "base64 string", json);
      return bytes;
    }
    case "ptr":
      return json === null ? null : decode(s.elem, json, strings);
    case "slice": {
      if (json === null) return null;
      if (!Array.isArray(json)) throw shapeError("", "array", json);
      const out = new Array(json.length);
      for (let i = 0; i < json.length; i++) {
        try {
          out[i] = decode(s.elem, json[i], strings);
        } catch (e) {
          throw prefixError(e, indexPath("", i));
        }
      }
      return out;
    }
    case "map": {
      if (json === null) return null;
      if (!isObject(json)) throw shapeError("", "object", json);
      const out: Record<string, unknown> = {};
      for (const k in json) {
        try {
          setOwn(out, k, decode(s.elem, json[k], strings));
        } catch (e) {
          throw prefixError(e, keyPath("", k));
        }
      }
      return out;
    }
    case "custom":
      return s.codec.decode(json, "");
    case "struct":
      return decodeStruct(s, json, strings);
  }
}

function decodeNumber(go: NumberKind, json: unknown): number {
  if (typeof json !== "number") throw shapeError("", "number", json);
  const range = RANGES[go];
  if (range === undefined) return json;
  if (!Number.isInteger(json)) throw shapeError("", `integer (Go ${go})`, json);
  if (json < range[0] || json > range[1]) {
    throw rangeError("", `${json} is out of range for Go ${go}`);
  }
  return json;
}

/** Kinds where Go leaves the zero value for JSON null; we read null as absent. */
const NULL_IS_ABSENT = new Set<Schema["kind"]>(["number", "bool", "struct", "custom"]);

function decodeStruct(s: StructSchema, json: unknown, strings: Strategy): Record<string, unknown> {
  if (!isObject(json)) throw shapeError("", "object", json);
  const { byJson, stringKeys } = fieldIndex(s);
  const out: Record<string, unknown> = {};
  for (const k in json) {
    const v = json[k];
    const known = byJson.get(k);
    if (known === undefined) {
      if (!isReservedKey(k)) setOwn(out, k, v);
    } else if (known.kind === "string") {
      if (typeof v === "string") {
        if (v !== "" || strings === "empty") setOwn(out, k, v);
      } else if (v === null) {
        if (strings === "empty") setOwn(out, k, "");
      } else {
        throw prefixError(shapeError("", "string", v), keyPath("", k));
      }
    } else if (!(v === null && NULL_IS_ABSENT.has(known.kind))) {
      try {
        setOwn(out, k, decode(known.field.type, v, strings));
      } catch (e) {
        throw prefixError(e, keyPath("", k));
      }
    }
  }
  if (strings === "empty") {
    for (const k of stringKeys) if (!Object.hasOwn(out, k)) setOwn(out, k, "");
  }
  return out;
}
