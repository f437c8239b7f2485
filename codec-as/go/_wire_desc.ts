// Internal: wire types as the JSON and `%v` printers see them (json_print.ts, _fmt.ts): user
// types reduced to what printing needs, the built-in type ids, and the built-in id of a basic
// type an interface value names.
/** A user wire type, reduced to what printing needs. */
export type WireDesc =
  | { kind: "array"; name: string; elem: number; len: number }
  | { kind: "slice"; name: string; elem: number }
  | { kind: "struct"; name: string; fields: { name: string; id: number }[] }
  | { kind: "map"; name: string; key: number; elem: number }
  | { kind: "GobEncoder" | "BinaryMarshaler" | "TextMarshaler"; name: string };

/** Wire types by id (ids ≥ 64); built-in ids 1–8 need no entry. */
export type WireTypes = ReadonlyMap<number, WireDesc>;

/** Built-in gob type ids. */
export const BUILTIN = {
  bool: 1,
  int: 2,
  uint: 3,
  float: 4,
  bytes: 5,
  string: 6,
  complex: 7,
  interface: 8,
} as const;

/** Built-in type id of a Go type name registered for an interface value, if it is a basic type. */
export const INTERFACE_NAMES: Record<string, number> = {
  bool: 1,
  int: 2,
  int8: 2,
  int16: 2,
  int32: 2,
  int64: 2,
  uint: 3,
  uint8: 3,
  uint16: 3,
  uint32: 3,
  uint64: 3,
  uintptr: 3,
  float32: 4,
  float64: 4,
  "[]uint8": 5,
  string: 6,
  complex64: 7,
  complex128: 7,
};
