/**
 * Hand-written TypeScript for Go `DynamoDBAttributeValue` (attributevalue.go): a DynamoDB value
 * as a one-key JSON object naming its type (`{"S": "x"}`, `{"N": "1"}`, `{"M": {…}}`, …).
 * Binary values are base64 on the wire and `Uint8Array` here. The strategy for strings does not
 * apply inside: `{"S": ""}` is a real value.
 *
 * @module
 */

import { decodeBase64, encodeBase64 } from "./base64.ts";
import {
  describe,
  indexPath,
  isObject,
  keyPath,
  rangeError,
  setOwn,
  shapeError,
  typeError,
} from "./_path.ts";
import type { CustomCodec } from "./schema.ts";

/** Go `DynamoDBAttributeValue` (attributevalue.go): exactly one of the keys. */
export type DynamoDBAttributeValue =
  | { S: string }
  | { N: string }
  | { B: Uint8Array }
  | { BOOL: boolean }
  | { NULL: boolean }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: Uint8Array[] }
  | { L: DynamoDBAttributeValue[] }
  | { M: Record<string, DynamoDBAttributeValue> };

/** Deepest nesting of `L`/`M` values accepted. */
export const MAX_ATTRIBUTE_DEPTH = 64;

function strings(json: unknown, path: string): string[] {
  if (!Array.isArray(json)) throw shapeError(path, "array of strings", json);
  return json.map((v, i) => {
    if (typeof v !== "string") throw shapeError(indexPath(path, i), "string", v);
    return v;
  });
}

function bytes(json: unknown, path: string): Uint8Array {
  const b = typeof json === "string" ? decodeBase64(json) : undefined;
  if (b === undefined) throw shapeError(path, "base64 string", json);
  return b;
}

/**
 * Decodes one attribute value.
 *
 * @param json A parsed JSON value.
 * @param path Its path, for errors.
 * @param depth Current nesting depth.
 * @returns The attribute value.
 * @throws {TypeError} Not exactly one known type key, or a value of the wrong shape.
 * @throws {RangeError} Nested deeper than {@link MAX_ATTRIBUTE_DEPTH}.
 * @example
 * ```ts
 * import { decodeAttributeValue } from "./attribute_value.ts";
 * import { ok } from "node:assert/strict";
 * const v = decodeAttributeValue({ L: [{ N: "1" }, { S: "a" }] }, "");
 * ok("L" in v && v.L.length === 2);
 * ```
 */
export function decodeAttributeValue(
  json: unknown,
  path: string,
  depth = 0,
): DynamoDBAttributeValue {
  if (depth > MAX_ATTRIBUTE_DEPTH) {
    throw rangeError(path, `DynamoDB value nested deeper than ${MAX_ATTRIBUTE_DEPTH}`);
  }
  if (!isObject(json)) throw shapeError(path, "DynamoDB attribute value object", json);
  const keys = Object.keys(json);
  if (keys.length !== 1) {
    throw typeError(
      path,
      `expected one DynamoDB type key, got ${keys.length} (${keys.join(", ")})`,
    );
  }
  const key = keys[0];
  const v = json[key];
  const p = keyPath(path, key);
  switch (key) {
    case "S":
    case "N":
      if (typeof v !== "string") throw shapeError(p, "string", v);
      return key === "S" ? { S: v } : { N: v };
    case "BOOL":
    case "NULL":
      if (typeof v !== "boolean") throw shapeError(p, "boolean", v);
      return key === "BOOL" ? { BOOL: v } : { NULL: v };
    case "B":
      return { B: bytes(v, p) };
    case "SS":
      return { SS: strings(v, p) };
    case "NS":
      return { NS: strings(v, p) };
    case "BS":
      if (!Array.isArray(v)) throw shapeError(p, "array of base64 strings", v);
      return { BS: v.map((b, i) => bytes(b, indexPath(p, i))) };
    case "L":
      if (!Array.isArray(v)) throw shapeError(p, "array", v);
      return { L: v.map((e, i) => decodeAttributeValue(e, indexPath(p, i), depth + 1)) };
    case "M": {
      if (!isObject(v)) throw shapeError(p, "object", v);
      const m: Record<string, DynamoDBAttributeValue> = {};
      for (const [k, e] of Object.entries(v)) {
        setOwn(m, k, decodeAttributeValue(e, keyPath(p, k), depth + 1));
      }
      return { M: m };
    }
    default:
      throw typeError(
        path,
        `unknown DynamoDB type ${describe(key)} (want one of S N B BOOL NULL SS NS BS L M)`,
      );
  }
}

/**
 * Encodes one attribute value back to its JSON form.
 *
 * @param value The attribute value.
 * @returns The JSON value.
 * @example
 * ```ts
 * import { encodeAttributeValue } from "./attribute_value.ts";
 * import { ok } from "node:assert/strict";
 * const json = encodeAttributeValue({ B: new Uint8Array([104, 105]) });
 * ok(JSON.stringify(json) === '{"B":"aGk="}');
 * ```
 */
export function encodeAttributeValue(value: DynamoDBAttributeValue): unknown {
  if ("B" in value) return { B: encodeBase64(value.B) };
  if ("BS" in value) return { BS: value.BS.map(encodeBase64) };
  if ("L" in value) return { L: value.L.map(encodeAttributeValue) };
  if ("M" in value) {
    const m: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(value.M)) setOwn(m, k, encodeAttributeValue(e));
    return { M: m };
  }
  return { ...value };
}

/** Codec of Go `DynamoDBAttributeValue`. */
export const DynamoDBAttributeValueCodec: CustomCodec<DynamoDBAttributeValue> = {
  name: "DynamoDBAttributeValue",
  decode: (json, path) => decodeAttributeValue(json, path),
  encode: encodeAttributeValue,
  sample: () => ({
    M: {
      s: { S: "text" },
      n: { N: "12.5" },
      b: { B: "aGk=" },
      t: { BOOL: true },
      z: { NULL: true },
      ss: { SS: ["a", ""] },
      ns: { NS: ["1", "-2"] },
      bs: { BS: ["AA==", "/w=="] },
      l: { L: [{ S: "x" }, { M: {} }] },
    },
  }),
};
