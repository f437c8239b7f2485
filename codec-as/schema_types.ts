/**
 * The schema types: what a schema of each kind holds (`Schema` and its kinds' interfaces), the
 * interface value shape, and `Infer`. The builders that make schemas are in schema.ts, which
 * exports these types too.
 *
 * @module
 */

/** The kinds of schema. */
export type SchemaKind =
  | "bool"
  | "int"
  | "int64"
  | "uint"
  | "uint64"
  | "float"
  | "complex"
  | "string"
  | "bytes"
  | "slice"
  | "array"
  | "map"
  | "struct"
  | "ptr"
  | "interface"
  | "marshaler"
  | "lazy";

/** A Go type described for the codec; T is the JavaScript type it decodes to / encodes from. */
export interface Schema<T = unknown> {
  /** Which kind of Go type. */
  readonly kind: SchemaKind;
  /** Go's `reflect.Type.String()` of the type, e.g. `[]main.Item`. */
  readonly goString: string;
  /** Go's `reflect.Type.Name()`: the name of a named type, "" for unnamed composites. */
  readonly goName: string;
  /** Phantom: the JavaScript type (never set). */
  readonly __type?: T;
}

/** The JavaScript type a schema stands for. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A value of a Go interface type: the registered concrete type name and its value. */
export interface GobInterfaceValue {
  /** Name the concrete type was registered under (`gob.Register`), e.g. "main.Point". */
  name: string;
  /** The concrete value (decoded schema-less, like `GobDecoder.nextAny`). */
  value: unknown;
  /** When encoding: the concrete type's schema (inferred for boolean/number/bigint/string/bytes). */
  schema?: Schema;
  /**
   * Set when decoding: the wire type id of the concrete value (look it up in
   * `GobDecoder.types`, or a built-in id below 64), so the value can be treated by its wire type
   * (a map's key kind, an array's length). Ignored when encoding.
   */
  typeId?: number;
}

/** Scalar schema (bool, ints, floats, complex, string, bytes, interface). */
export interface ScalarSchema<T = unknown> extends Schema<T> {
  /** Integer width in bits for range checks (0 = 64 / not an integer). */
  readonly bits: number;
  /** A 64-bit `int`/`uint` decoded exactly: a number when safe, else a bigint. */
  readonly wide?: boolean;
}

/** A struct field. */
export interface FieldSchema {
  /** Go field name (wire name; fields match by name). */
  readonly name: string;
  /** The field's type. */
  readonly schema: Schema;
}

/** `struct` schema. */
export interface StructSchema<T = unknown> extends Schema<T> {
  /** Fields in Go declaration order. */
  readonly fields: readonly FieldSchema[];
}

/** `slice`, `array` and `ptr` schemas. */
export interface ElemSchema<T = unknown> extends Schema<T> {
  /** Element (or pointee) type. */
  readonly elem: Schema;
  /** Array length (arrays only). */
  readonly len: number;
}

/** `map` schema. */
export interface MapSchema<T = unknown> extends Schema<T> {
  /** Key type. */
  readonly key: Schema;
  /** Value type. */
  readonly value: Schema;
}

/** Marshaler wire kinds. */
export type MarshalerKind = "GobEncoder" | "BinaryMarshaler" | "TextMarshaler";

/** A type with its own encoding: opaque bytes on the wire. */
export interface MarshalerSchema extends Schema<Uint8Array> {
  /** Which Go interface the type implements. */
  readonly marshaler: MarshalerKind;
  /** Whether bytes stand for Go's zero value (omitted as a struct field). */
  readonly isZero: (bytes: Uint8Array) => boolean;
}

/** Recursive-type indirection. */
export interface LazySchema<T = unknown> extends Schema<T> {
  /** The schema it stands for. */
  readonly resolve: () => Schema<T>;
}

/** Options of named composite types. */
export interface NameOptions {
  /** Go name of a named slice/array/map type, package-qualified (e.g. "main.Events"). */
  name?: string;
}
