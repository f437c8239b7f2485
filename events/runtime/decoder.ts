/**
 * Decoder objects: what a handler is given to turn the raw JSON event into a typed value.
 *
 * @module
 */

import { decodeValue } from "./decode.ts";
import { encodeValue } from "./encode.ts";
import type { Schema, Strategy } from "./schema.ts";

/**
 * Decodes one Go type under one strategy. Callable: `decoder(json)` is `decoder.decode(json)`.
 *
 * @typeParam T The decoded TypeScript type.
 */
export interface EventDecoder<T> {
  /** Decodes a parsed JSON value; throws `TypeError` naming the field path on a wrong shape. */
  (json: unknown): T;
  /** The Go type name, e.g. `S3Event`. */
  readonly typeName: string;
  /** The string strategy this decoder applies. */
  readonly strings: Strategy;
  /** The schema it follows. */
  readonly schema: Schema;
  /** Same as calling the decoder. */
  decode(json: unknown): T;
  /** Encodes a value back to a JSON value (`Uint8Array` → base64, times → their wire form). */
  encode(value: T): unknown;
}

/**
 * Makes a decoder for a schema and strategy.
 *
 * @param typeName The Go type name.
 * @param schema Its schema.
 * @param strings The string strategy.
 * @returns The decoder.
 * @example
 * ```ts
 * import { makeDecoder } from "./decoder.ts";
 * import { f, struct, t } from "./schema.ts";
 * import { ok } from "node:assert/strict";
 * const d = makeDecoder<{ name: string }>("S", struct("S", [f("name", "Name", t.str)]), "empty");
 * ok(d({}).name === "");
 * ```
 */
export function makeDecoder<T>(
  typeName: string,
  schema: Schema,
  strings: Strategy,
): EventDecoder<T> {
  const decode = (json: unknown): T => decodeValue(schema, json, strings) as T;
  return Object.assign(decode, {
    typeName,
    strings,
    schema,
    decode,
    encode: (value: T): unknown => encodeValue(schema, value),
  });
}
