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
import { indexPath, isObject, keyPath, setOwn, shapeError } from "./_path.ts";
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
 * const s = struct("S", [f("name", "Name", t.str)]);
 * console.assert(JSON.stringify(decodeValue(s, { name: null }, "empty")) === '{"name":""}');
 * ```
 */
export function decodeValue(
  schema: Schema,
  json: unknown,
  strings: Strategy,
  path = "",
): unknown {
  const s = resolve(schema);
  switch (s.kind) {
    case "string":
      if (typeof json === "string") return json;
      if (json === null) return strings === "empty" ? "" : undefined;
      throw shapeError(path, "string", json);
    case "number":
      return decodeNumber(s.go, json, path);
    case "bool":
      if (typeof json === "boolean") return json;
      throw shapeError(path, "boolean", json);
    case "any":
      return json;
    case "bytes": {
      if (json === null) return null;
      if (typeof json !== "string") throw shapeError(path, "base64 string", json);
      const bytes = decodeBase64(json);
      if (bytes === undefined) throw shapeError(path, "base64 string", json);
      return bytes;
    }
    case "ptr":
      return json === null ? null : decodeValue(s.elem, json, strings, path);
    case "slice": {
      if (json === null) return null;
      if (!Array.isArray(json)) throw shapeError(path, "array", json);
      return json.map((v, i) => decodeValue(s.elem, v, strings, indexPath(path, i)));
    }
    case "map": {
      if (json === null) return null;
      if (!isObject(json)) throw shapeError(path, "object", json);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(json)) {
        setOwn(out, k, decodeValue(s.elem, v, strings, keyPath(path, k)));
      }
      return out;
    }
    case "custom":
      return s.codec.decode(json, path);
    case "struct":
      return decodeStruct(s, json, strings, path);
  }
}

function decodeNumber(go: NumberKind, json: unknown, path: string): number {
  if (typeof json !== "number") throw shapeError(path, "number", json);
  const range = RANGES[go];
  if (range === undefined) return json;
  if (!Number.isInteger(json)) throw shapeError(path, `integer (Go ${go})`, json);
  if (json < range[0] || json > range[1]) {
    throw new RangeError(`${path || "<root>"}: ${json} is out of range for Go ${go}`);
  }
  return json;
}

/** Kinds where Go leaves the zero value for JSON null; we read null as absent. */
const NULL_IS_ABSENT = new Set<Schema["kind"]>(["number", "bool", "struct", "custom"]);

function decodeStruct(
  s: StructSchema,
  json: unknown,
  strings: Strategy,
  path: string,
): Record<string, unknown> {
  if (!isObject(json)) throw shapeError(path, "object", json);
  const { byJson, stringKeys } = fieldIndex(s);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) {
    const known = byJson.get(k);
    if (known === undefined) {
      setOwn(out, k, v);
    } else if (known.kind === "string") {
      if (strings === "none" && (v === null || v === "")) continue;
      setOwn(out, k, v === null ? "" : decodeValue(known.field.type, v, strings, keyPath(path, k)));
    } else if (!(v === null && NULL_IS_ABSENT.has(known.kind))) {
      setOwn(out, k, decodeValue(known.field.type, v, strings, keyPath(path, k)));
    }
  }
  if (strings === "empty") {
    for (const k of stringKeys) if (!Object.hasOwn(out, k)) setOwn(out, k, "");
  }
  return out;
}
