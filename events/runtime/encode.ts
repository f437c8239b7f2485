/**
 * Encoding a decoded value back to a JSON value (ready for `JSON.stringify`), following a schema.
 *
 * - Absent (`undefined`) fields are left out; `""` in an `omitempty` string field is left out (as
 *   Go does), so `"empty"` gives back absent or `null` `omitempty` strings as absent and others as
 *   `""`.
 * - `undefined` elements of string slices and maps become `null` (what `"none"` decoded them from).
 * - `Uint8Array` becomes base64; hand-written types use their codec; unknown keys are written as
 *   they are.
 *
 * @module
 */

import { encodeBase64 } from "./base64.ts";
import { setOwn } from "./_path.ts";
import { resolve, type Schema } from "./schema.ts";
import { fieldIndex } from "./_field_index.ts";

/**
 * Encodes `value` as `schema` into a JSON value.
 *
 * @param schema The type.
 * @param value A value of that type (as decoded, or built by hand).
 * @returns A JSON value: objects, arrays, strings, numbers, booleans and `null`.
 * @example
 * ```ts
 * import { encodeValue } from "./encode.ts";
 * import { t } from "./schema.ts";
 * import { ok } from "node:assert/strict";
 * ok(encodeValue(t.bytes, new Uint8Array([104, 105])) === "aGk=");
 * ```
 */
export function encodeValue(schema: Schema, value: unknown): unknown {
  const s = resolve(schema);
  if (value === undefined || value === null) return null;
  switch (s.kind) {
    case "string":
    case "number":
    case "bool":
    case "any":
      return value;
    case "bytes":
      return value instanceof Uint8Array ? encodeBase64(value) : value;
    case "ptr":
      return encodeValue(s.elem, value);
    case "slice":
      return Array.isArray(value) ? value.map((v) => encodeValue(s.elem, v)) : value;
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        setOwn(out, k, encodeValue(s.elem, v));
      }
      return out;
    }
    case "custom":
      return s.codec.encode(value);
    case "struct": {
      const { byJson } = fieldIndex(s);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        const known = byJson.get(k);
        if (known === undefined) {
          setOwn(out, k, v);
        } else if (!(known.field.omitempty && known.kind === "string" && v === "")) {
          setOwn(out, k, encodeValue(known.field.type, v));
        }
      }
      return out;
    }
  }
}
