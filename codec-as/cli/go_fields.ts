/**
 * Which struct fields gob and encoding/json see, their JSON names, and `[]byte` detection.
 *
 * @module
 */

import { type GoDecls, type GoField, type GoType, underlying } from "./go_types.ts";

/**
 * The exported fields gob and encoding/json see, in declaration order.
 *
 * @param fields A struct's fields.
 * @returns The exported ones.
 * @throws {TypeError} For an embedded field (gob and json treat them differently; unsupported).
 * @example
 * ```ts
 * const f = exportedFields([{ name: "a", type: { kind: "interface" }, tag: "", embedded: false }]);
 * console.assert(f.length === 0);
 * ```
 */
export function exportedFields(fields: GoField[]): GoField[] {
  return fields.filter((f) => {
    if (!isExported(f.name)) return false;
    if (f.embedded) throw new TypeError(`embedded field ${f.name} is not supported`);
    return true;
  });
}

/**
 * Whether a Go identifier is exported (starts with an upper-case letter).
 *
 * @param name Identifier.
 * @returns True when exported.
 * @example
 * ```ts
 * console.assert(isExported("Name") && !isExported("name"));
 * ```
 */
export function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

/**
 * A field's JSON name (from its `json` tag, else its Go name) and whether json skips it.
 *
 * @param f The field.
 * @returns The name and `skip` for `json:"-"`.
 * @example
 * ```ts
 * const n = jsonName({ name: "A", type: { kind: "interface" }, tag: 'json:"a,omitempty"', embedded: false });
 * console.assert(n.name === "a" && !n.skip);
 * ```
 */
export function jsonName(f: GoField): { name: string; skip: boolean } {
  const m = /(?:^|\s)json:"((?:[^"\\]|\\.)*)"/.exec(f.tag);
  if (!m) return { name: f.name, skip: false };
  const [name] = m[1].split(",");
  if (m[1] === "-") return { name: f.name, skip: true };
  return { name: name || f.name, skip: false };
}

/**
 * Whether `elem` makes `[]elem` a gob `[]byte` (its underlying type is uint8).
 *
 * @param elem The slice element type.
 * @param decls Declarations.
 * @returns True for byte slices.
 * @example
 * ```ts
 * console.assert(isBytes({ kind: "scalar", name: "uint8" }, new Map()));
 * ```
 */
export function isBytes(elem: GoType, decls: GoDecls): boolean {
  const u = underlying(decls, elem);
  return u.kind === "scalar" && u.name === "uint8";
}
