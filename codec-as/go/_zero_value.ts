// Internal: Go's zero value of a type in the codec's shape (what json.Unmarshal leaves where the
// JSON says nothing or null), and the integer types' signedness and width.
import { type GoDecls, type GoType, underlying } from "./types.ts";
import { timeToGob } from "./time.ts";
import { exportedFields, isBytes } from "./fields.ts";

/** Go integer types: [signed, bits]. */
export const INT_BITS: Record<string, [boolean, number]> = {
  int: [true, 64],
  int8: [true, 8],
  int16: [true, 16],
  int32: [true, 32],
  int64: [true, 64],
  uint: [false, 64],
  uint8: [false, 8],
  uint16: [false, 16],
  uint32: [false, 32],
  uint64: [false, 64],
  uintptr: [false, 64],
};

/**
 * The zero value of a Go type in codec shape.
 *
 * @param type Go type.
 * @param decls Declarations.
 * @returns The zero value.
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert/strict";
 * import { parseGoTypes } from "./types.ts";
 * const decls = parseGoTypes("type T struct { A int; S string }");
 * deepStrictEqual(zeroValue(decls.get("T")!.type, decls), { A: 0n, S: "" });
 * ```
 */
export function zeroValue(type: GoType, decls: GoDecls): unknown {
  const t = underlying(decls, type);
  switch (t.kind) {
    case "scalar":
      if (t.name in INT_BITS) return 0n;
      if (t.name === "bool") return false;
      if (t.name === "string") return "";
      if (t.name === "complex64" || t.name === "complex128") return [0, 0];
      return 0;
    case "time":
      return timeToGob("0001-01-01T00:00:00Z");
    case "interface":
      return null;
    case "ptr":
    case "map":
      return undefined;
    case "slice":
      return isBytes(t.elem, decls) ? new Uint8Array(0) : [];
    case "array":
      return Array.from({ length: t.len }, () => zeroValue(t.elem, decls));
    case "struct": {
      const o: Record<string, unknown> = {};
      for (const f of exportedFields(t.fields)) o[f.name] = zeroValue(f.type, decls);
      return o;
    }
  }
}
