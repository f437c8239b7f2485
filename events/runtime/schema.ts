/**
 * Schemas: a small data description of Go types, as `encoding/json` sees them. The generated files
 * in `events/` describe every aws-lambda-go event type with these builders; `decode.ts` and
 * `encode.ts` walk them.
 *
 * @module
 */

/** How Go `string` fields that arrive as JSON `null`, `""` or absent are represented. */
export type Strategy = "none" | "empty";

/**
 * The TypeScript type of a Go string field or element under strategy `S`:
 * `T | undefined` for `"none"`, `T` for `"empty"`.
 *
 * @example
 * ```ts
 * import type { Str } from "./schema.ts";
 * import { equal } from "node:assert/strict";
 * const a: Str<"none"> = undefined;
 * const b: Str<"empty"> = "";
 * equal(a ?? b, "");
 * ```
 */
export type Str<S extends Strategy, T extends string = string> = S extends "empty" ? T
  : T | undefined;

/** Go numeric kinds; the decoder checks integers and their range. */
export type NumberKind =
  | "int"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "uint"
  | "uint8"
  | "uint16"
  | "uint32"
  | "uint64"
  | "float32"
  | "float64";

/** A hand-written JSON codec for a Go type with its own `MarshalJSON`/`UnmarshalJSON`. */
export interface CustomCodec<T = unknown> {
  /** The Go type name. */
  readonly name: string;
  /** Checks and converts a JSON value; throws `TypeError`/`RangeError` naming `path`. */
  decode(json: unknown, path: string): T;
  /** Converts back to a JSON value. */
  encode(value: T): unknown;
  /** A representative JSON value, for generated test samples. */
  sample(): unknown;
}

/** One struct field after `encoding/json` flattening. */
export interface FieldSchema {
  /** The JSON object key. */
  readonly json: string;
  /** The Go field name (with the embedded path when it was promoted, e.g. `Header.Version`). */
  readonly go: string;
  /** The field's type. */
  readonly type: Schema;
  /** Tagged `omitempty`. */
  readonly omitempty: boolean;
}

/** A Go struct (or a named type whose underlying type is a struct). */
export interface StructSchema {
  readonly kind: "struct";
  readonly name: string;
  readonly fields: readonly FieldSchema[];
}

/** A Go type as the JSON codec sees it. */
export type Schema =
  | { readonly kind: "string" }
  | { readonly kind: "number"; readonly go: NumberKind }
  | { readonly kind: "bool" }
  | { readonly kind: "any" }
  | { readonly kind: "bytes" }
  | { readonly kind: "ptr"; readonly elem: Schema }
  | { readonly kind: "slice"; readonly elem: Schema }
  | { readonly kind: "map"; readonly elem: Schema }
  | { readonly kind: "ref"; readonly name: string; readonly get: () => Schema }
  | { readonly kind: "custom"; readonly codec: CustomCodec }
  | StructSchema;

const str: Schema = { kind: "string" };
const bool: Schema = { kind: "bool" };
const any: Schema = { kind: "any" };
const bytes: Schema = { kind: "bytes" };

/**
 * Builders for schemas, used by the generated files.
 *
 * @example
 * ```ts
 * import { t } from "./schema.ts";
 * import { ok } from "node:assert/strict";
 * const headers = t.map(t.str);
 * ok(headers.kind === "map");
 * ```
 */
export const t = {
  /** Go `string` (or a named string type). */
  str,
  /** Go `bool`. */
  bool,
  /** Go `interface{}` or `json.RawMessage`: any JSON value, kept as it is. */
  any,
  /** Go `[]byte`: base64 text on the wire, `Uint8Array` in TypeScript. */
  bytes,
  /** A Go number of the given kind. */
  num(go: NumberKind): Schema {
    return { kind: "number", go };
  },
  /** Go `*T`: JSON `null` stays `null`. */
  ptr(elem: Schema): Schema {
    return { kind: "ptr", elem };
  },
  /** Go `[]T`: JSON `null` stays `null`. */
  slice(elem: Schema): Schema {
    return { kind: "slice", elem };
  },
  /** Go `map[string]T`: JSON `null` stays `null`. */
  map(elem: Schema): Schema {
    return { kind: "map", elem };
  },
  /** A named Go type, resolved lazily (declarations may come later or be cyclic). */
  ref(name: string, get: () => Schema): Schema {
    return { kind: "ref", name, get };
  },
  /** A hand-written codec. */
  custom<T>(codec: CustomCodec<T>): Schema {
    return { kind: "custom", codec: codec as CustomCodec };
  },
};

/**
 * One struct field.
 *
 * @param json The JSON key.
 * @param go The Go field name.
 * @param type The field's schema.
 * @param omitempty Whether the Go tag says `omitempty`.
 * @returns The field schema.
 * @example
 * ```ts
 * import { f, t } from "./schema.ts";
 * import { ok } from "node:assert/strict";
 * ok(f("key", "Key", t.str).json === "key");
 * ```
 */
export function f(json: string, go: string, type: Schema, omitempty = false): FieldSchema {
  return { json, go, type, omitempty };
}

/**
 * A struct schema.
 *
 * @param name The Go type name.
 * @param fields The fields in `encoding/json` order.
 * @returns The struct schema.
 * @example
 * ```ts
 * import { f, struct, t } from "./schema.ts";
 * import { ok } from "node:assert/strict";
 * const s = struct("S3Bucket", [f("name", "Name", t.str)]);
 * ok(s.fields.length === 1);
 * ```
 */
export function struct(name: string, fields: readonly FieldSchema[]): StructSchema {
  return { kind: "struct", name, fields };
}

/**
 * Follows `ref` schemas to the schema they name.
 *
 * @param schema Any schema.
 * @returns The first schema that is not a `ref`.
 * @example
 * ```ts
 * import { resolve, t } from "./schema.ts";
 * import { ok } from "node:assert/strict";
 * ok(resolve(t.ref("X", () => t.str)).kind === "string");
 * ```
 */
export function resolve(schema: Schema): Exclude<Schema, { kind: "ref" }> {
  let s = schema;
  while (s.kind === "ref") s = s.get();
  return s;
}
