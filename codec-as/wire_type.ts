/**
 * Wire types: the type definitions a gob stream carries (and the built-in ones), as plain objects.
 *
 * @module
 */
import { K, mem } from "./wasm/mod.ts";
import { decodeGoString } from "./strings.ts";

/** Kinds of wire type. */
export type WireKind =
  | "bool"
  | "int"
  | "uint"
  | "float"
  | "bytes"
  | "string"
  | "complex"
  | "interface"
  | "array"
  | "slice"
  | "struct"
  | "map"
  | "GobEncoder"
  | "BinaryMarshaler"
  | "TextMarshaler";

/** A type definition received on a stream (or a built-in type). */
export interface WireType {
  /** Type id. */
  readonly id: number;
  /** Kind of type. */
  readonly kind: WireKind;
  /** CommonType.Name as sent (informational only). */
  readonly name: string;
  /** Element type id (array, slice, map). */
  readonly elem?: number;
  /** Key type id (map). */
  readonly key?: number;
  /** Array length. */
  readonly len?: number;
  /** Struct fields in wire order. */
  readonly fields?: readonly { readonly name: string; readonly id: number }[];
}

/** Wire kind names by engine kind number. */
export const KIND_NAMES: readonly WireKind[] = [
  "bool", // 0 unused
  "bool",
  "int",
  "uint",
  "float",
  "bytes",
  "string",
  "complex",
  "interface",
  "array",
  "slice",
  "struct",
  "map",
  "GobEncoder",
  "BinaryMarshaler",
  "TextMarshaler",
];

function bytesAt(ptr: number, len: number): Uint8Array {
  return len === 0 ? new Uint8Array(0) : mem().u8.slice(ptr, ptr + len);
}

/**
 * Reads a TypeEntry (assembly/types.ts layout) from WASM memory.
 *
 * @param ptr the entry's address
 * @returns the wire type
 * @example
 * ```ts ignore
 * // readEntry(wasm.typeAt(handle, 0)): it reads codec memory an engine handle points into
 * ```
 */
export function readEntry(ptr: number): WireType {
  const i32 = mem().i32;
  const b = ptr >>> 2;
  const id = i32[b], kind = i32[b + 1], elem = i32[b + 2], key = i32[b + 3], len = i32[b + 4];
  const nfields = i32[b + 5], fieldsPtr = i32[b + 6] >>> 0;
  const name = decodeGoString(bytesAt(i32[b + 7] >>> 0, i32[b + 8]));
  const k = KIND_NAMES[kind];
  switch (kind) {
    case K.ARRAY:
      return Object.freeze({ id, kind: k, name, elem, len });
    case K.SLICE:
      return Object.freeze({ id, kind: k, name, elem });
    case K.MAP:
      return Object.freeze({ id, kind: k, name, key, elem });
    case K.STRUCT: {
      const fields = [];
      for (let i = 0; i < nfields; i++) {
        const f = (fieldsPtr >>> 2) + i * 4; // Field: namePtr, nameLen, id, entry
        const v = mem().i32;
        fields.push(
          Object.freeze({ name: decodeGoString(bytesAt(v[f] >>> 0, v[f + 1])), id: v[f + 2] }),
        );
      }
      return Object.freeze({ id, kind: k, name, fields: Object.freeze(fields) });
    }
    default:
      return Object.freeze({ id, kind: k, name });
  }
}

const builtinKinds: [number, WireKind, string][] = [
  [1, "bool", "bool"],
  [2, "int", "int"],
  [3, "uint", "uint"],
  [4, "float", "float"],
  [5, "bytes", "bytes"],
  [6, "string", "string"],
  [7, "complex", "complex"],
  [8, "interface", "interface"],
];

function st(id: number, name: string, fields: [string, number][]): WireType {
  return Object.freeze({
    id,
    kind: "struct" as const,
    name,
    fields: Object.freeze(fields.map(([n, i]) => Object.freeze({ name: n, id: i }))),
  });
}

/** Built-in types by id (1–8 scalars, 16–24 the type-definition types). */
export const BUILTIN_TYPES: ReadonlyMap<number, WireType> = new Map<number, WireType>([
  ...builtinKinds.map(([id, kind, name]): [number, WireType] => [
    id,
    Object.freeze({ id, kind, name }),
  ]),
  [
    16,
    st(16, "wireType", [
      ["ArrayT", 17],
      ["SliceT", 19],
      ["StructT", 20],
      ["MapT", 23],
      ["GobEncoderT", 24],
      ["BinaryMarshalerT", 24],
      ["TextMarshalerT", 24],
    ]),
  ],
  [17, st(17, "arrayType", [["CommonType", 18], ["Elem", 2], ["Len", 2]])],
  [18, st(18, "CommonType", [["Name", 6], ["Id", 2]])],
  [19, st(19, "sliceType", [["CommonType", 18], ["Elem", 2]])],
  [20, st(20, "structType", [["CommonType", 18], ["Field", 22]])],
  [21, st(21, "fieldType", [["Name", 6], ["Id", 2]])],
  [22, Object.freeze({ id: 22, kind: "slice" as const, name: "[]*gob.fieldType", elem: 21 })],
  [23, st(23, "mapType", [["CommonType", 18], ["Key", 2], ["Elem", 2]])],
  [24, st(24, "gobEncoderType", [["CommonType", 18]])],
]);
