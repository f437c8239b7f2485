/**
 * Schemas: Go types described for the codec, and the `gob` builders. A schema's type parameter is
 * the JavaScript type it decodes to and encodes from.
 *
 * Go type names: `gob.struct("main.Point", …)` gives Go's `Name()` "Point" and `String()`
 * "main.Point"; composite types compute `String()` like Go's reflect (`[]main.Point`,
 * `map[string]int32`, `*main.Point`). Give package-qualified names when byte-exact output (type
 * definitions carry these names) matters.
 *
 * The schema types are declared in schema_types.ts and exported from here too.
 *
 * @module
 */

import type {
  GobInterfaceValue,
  Infer,
  LazySchema,
  MarshalerKind,
  MarshalerSchema,
  NameOptions,
  ScalarSchema,
  Schema,
  SchemaKind,
} from "./schema_types.ts";
export type {
  ElemSchema,
  FieldSchema,
  GobInterfaceValue,
  Infer,
  LazySchema,
  MapSchema,
  MarshalerKind,
  MarshalerSchema,
  NameOptions,
  ScalarSchema,
  Schema,
  SchemaKind,
  StructSchema,
} from "./schema_types.ts";

function lastSegment(name: string): string {
  const i = name.lastIndexOf(".");
  return i < 0 ? name : name.slice(i + 1);
}

function scalar<T>(kind: SchemaKind, goString: string, bits = 0, wide = false): ScalarSchema<T> {
  // Every scalar has the same properties in the same order: one shape for the readers and writers.
  return Object.freeze({ kind, goString, goName: goString, bits, wide });
}

/**
 * Follows `lazy` schemas to the schema they stand for.
 *
 * @param s a schema
 * @returns the first schema that is not `lazy`
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { gob, resolve } from "./schema.ts";
 * equal(resolve(gob.lazy(() => gob.int)), gob.int);
 * ```
 */
export function resolve(s: Schema): Schema {
  while (s.kind === "lazy") s = (s as LazySchema).resolve();
  return s;
}

function composite<T>(
  kind: SchemaKind,
  props: Record<string, unknown>,
  goStringOf: () => string,
  name?: string,
): Schema<T> {
  let cached: string | undefined = name;
  const s = {
    kind,
    ...props,
    goName: name === undefined ? "" : lastSegment(name),
    get goString(): string {
      return cached ??= goStringOf();
    },
  };
  return s as unknown as Schema<T>;
}

/**
 * Builders for schemas.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { gob, type Infer } from "./schema.ts";
 * const Item = gob.struct("main.Item", { ID: gob.int, Tags: gob.slice(gob.string) });
 * type Item = Infer<typeof Item>; // { ID: number; Tags: string[] }
 * const item: Item = { ID: 1, Tags: ["a"] };
 * equal(Item.goString, "main.Item");
 * equal(gob.slice(Item).goString, "[]main.Item");
 * equal(item.ID, 1);
 * ```
 */
export const gob = {
  /** Go `bool`. */
  bool: scalar<boolean>("bool", "bool"),
  /** Go `int` (and int8..int64 on decode); outside ±2^53-1 → GobError: use `int64`. */
  int: scalar<number>("int", "int", 64),
  /** Go `int8`, decoded as number. */
  int8: scalar<number>("int", "int8", 8),
  /** Go `int16`, decoded as number. */
  int16: scalar<number>("int", "int16", 16),
  /** Go `int32`, decoded as number. */
  int32: scalar<number>("int", "int32", 32),
  /** Go `int64`, full range as bigint. */
  int64: scalar<bigint>("int64", "int64", 64),
  /** Go `int64`, full range: a number when within ±2^53-1 (no bigint on the common path), else a
   * bigint. Encodes either. */
  intWide: scalar<number | bigint>("int", "int64", 64, true),
  /** Go `uint`; outside 2^53-1 → GobError: use `uint64`. */
  uint: scalar<number>("uint", "uint", 64),
  /** Go `uint8`. */
  uint8: scalar<number>("uint", "uint8", 8),
  /** Go `uint16`. */
  uint16: scalar<number>("uint", "uint16", 16),
  /** Go `uint32`. */
  uint32: scalar<number>("uint", "uint32", 32),
  /** Go `uint64`, full range as bigint. */
  uint64: scalar<bigint>("uint64", "uint64", 64),
  /** Go `uint64`, full range: a number up to 2^53-1 (no bigint on the common path), else a
   * bigint. Encodes either. */
  uintWide: scalar<number | bigint>("uint", "uint64", 64, true),
  /** Go `float64`. */
  float: scalar<number>("float", "float64"),
  /** Go `float32` (values rounded to float32 when encoding). */
  float32: scalar<number>("float", "float32", 32),
  /** Go `complex128` as [re, im]. */
  complex: scalar<[number, number]>("complex", "complex128"),
  /** Go `complex64` as [re, im]. */
  complex64: scalar<[number, number]>("complex", "complex64", 32),
  /** Go `string`. Bytes that are not UTF-8 map to U+DC80..U+DCFF (lone surrogates) and back. */
  string: scalar<string>("string", "string"),
  /** Go `[]byte`; decoded as a view into codec memory (copy to keep it). */
  bytes: scalar<Uint8Array>("bytes", "[]uint8"),
  /** Go `interface{}`: `{ name, value }` or null. */
  interface: scalar<GobInterfaceValue | null>("interface", "interface {}"),

  /**
   * Go slice `[]T`.
   * @param elem element type
   * @param options name of a named slice type
   * @returns the schema
   */
  slice<T>(elem: Schema<T>, options?: NameOptions): Schema<T[]> {
    return composite("slice", { elem, len: 0 }, () => "[]" + elem.goString, options?.name);
  },
  /**
   * Go array `[len]T`; decoding checks the length.
   * @param elem element type
   * @param len length
   * @param options name of a named array type
   * @returns the schema
   * @throws {RangeError} when len is not a non-negative integer
   */
  array<T>(elem: Schema<T>, len: number, options?: NameOptions): Schema<T[]> {
    if (!Number.isSafeInteger(len) || len < 0) throw new RangeError(`array length ${len}`);
    return composite("array", { elem, len }, () => `[${len}]${elem.goString}`, options?.name);
  },
  /**
   * Go map `map[K]V` as a Map.
   * @param key key type
   * @param value value type
   * @param options name of a named map type
   * @returns the schema
   */
  map<K, V>(key: Schema<K>, value: Schema<V>, options?: NameOptions): Schema<Map<K, V>> {
    return composite(
      "map",
      { key, value },
      () => `map[${key.goString}]${value.goString}`,
      options?.name,
    );
  },
  /**
   * Go struct. Field order = Go declaration order; absent fields decode to their zero value.
   * @param name Go type name, package-qualified for exact type names ("main.Point")
   * @param fields field schemas in declaration order
   * @returns the schema
   */
  struct<F extends Record<string, Schema>>(
    name: string,
    fields: F,
  ): Schema<{ [K in keyof F]: Infer<F[K]> }> {
    const list = Object.entries(fields).map(([n, s]) => Object.freeze({ name: n, schema: s }));
    return Object.freeze({
      kind: "struct" as const,
      goString: name,
      goName: lastSegment(name),
      fields: Object.freeze(list),
    }) as unknown as Schema<{ [K in keyof F]: Infer<F[K]> }>;
  },
  /**
   * Go pointer `*T`: nil ↔ undefined (omitted on the wire).
   * @param elem pointee type
   * @returns the schema
   */
  ptr<T>(elem: Schema<T>): Schema<T | undefined> {
    return composite("ptr", { elem, len: 0 }, () => "*" + elem.goString);
  },
  /**
   * A type implementing GobEncoder / BinaryMarshaler / TextMarshaler: opaque bytes.
   * @param name Go type name ("time.Time")
   * @param kind which interface
   * @param options isZero: bytes that stand for the zero value (omitted in structs)
   * @returns the schema
   */
  marshaler(
    name: string,
    kind: MarshalerKind,
    options?: { isZero?: (bytes: Uint8Array) => boolean },
  ): Schema<Uint8Array> {
    const s: MarshalerSchema = Object.freeze({
      kind: "marshaler" as const,
      goString: name,
      goName: lastSegment(name),
      marshaler: kind,
      isZero: options?.isZero ?? ((b: Uint8Array) => b.length === 0),
    });
    return s;
  },
  /** Go `time.Time`: a GobEncoder named "Time"; see time.ts for converting its bytes. */
  time: null as unknown as Schema<Uint8Array>,
  /**
   * Defers a schema (recursive types).
   * @param f returns the schema
   * @returns the schema
   */
  lazy<T>(f: () => Schema<T>): Schema<T> {
    let cached: Schema<T> | undefined;
    const get = () => cached ??= f();
    const s = {
      kind: "lazy" as const,
      resolve: get,
      get goString(): string {
        return get().goString;
      },
      get goName(): string {
        return get().goName;
      },
    };
    return s as LazySchema<T>;
  },
};

const ZERO_TIME = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
(gob as { time: Schema<Uint8Array> }).time = gob.marshaler("time.Time", "GobEncoder", {
  isZero: (b) => b.length === 0 || (b.length === 15 && b.every((x, i) => x === ZERO_TIME[i])),
});
