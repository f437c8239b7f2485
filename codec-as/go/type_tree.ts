/**
 * The Go type tree that types.ts's parser builds: scalar names, type expressions, struct fields,
 * declarations, and `underlying` (following named types).
 *
 * @module
 */

import { GoSyntaxError } from "./_lexer.ts";

/** Go's predeclared scalar types that the codec supports. */
export type GoScalar =
  | "bool"
  | "string"
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
  | "uintptr"
  | "float32"
  | "float64"
  | "complex64"
  | "complex128";

/** One struct field. */
export interface GoField {
  /** Field name (for an embedded field, the type's name). */
  name: string;
  /** Field type. */
  type: GoType;
  /** The raw struct tag, "" when none. */
  tag: string;
  /** True for an embedded field. */
  embedded: boolean;
}

/** A Go type expression. `named` refers to a declaration (or `time.Time`). */
export type GoType =
  | { kind: "scalar"; name: GoScalar }
  | { kind: "named"; name: string; line: number; column: number }
  | { kind: "time" }
  | { kind: "interface" }
  | { kind: "ptr"; elem: GoType }
  | { kind: "slice"; elem: GoType }
  | { kind: "array"; len: number; elem: GoType }
  | { kind: "map"; key: GoType; elem: GoType }
  | { kind: "struct"; fields: GoField[] };

/** One `type` declaration. */
export interface GoTypeDecl {
  /** Declared name. */
  name: string;
  /** The type on the right-hand side. */
  type: GoType;
  /** True for `type A = B`. */
  alias: boolean;
  /** 1-based line of the name. */
  line: number;
  /** 1-based column of the name. */
  column: number;
}

/** All declarations of one source, by name. */
export type GoDecls = ReadonlyMap<string, GoTypeDecl>;

/**
 * Follows named types to the first type that is not a name (Go's "underlying type").
 *
 * @param decls The declarations.
 * @param t A type, possibly `named`.
 * @returns The underlying type (never `named`).
 * @throws {GoSyntaxError} For an undeclared name or a cycle of names (`type A B; type B A`).
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { parseGoTypes } from "./types.ts";
 * const decls = parseGoTypes("type A B\ntype B []int");
 * equal(underlying(decls, decls.get("A")!.type).kind, "slice");
 * ```
 */
export function underlying(decls: GoDecls, t: GoType): Exclude<GoType, { kind: "named" }> {
  const seen = new Set<string>();
  while (t.kind === "named") {
    const d = decls.get(t.name);
    if (!d) throw new GoSyntaxError(`undefined type ${t.name}`, t.line, t.column);
    if (seen.has(t.name)) {
      throw new GoSyntaxError(`invalid recursive type ${t.name}`, d.line, d.column);
    }
    seen.add(t.name);
    t = d.type;
  }
  return t;
}
