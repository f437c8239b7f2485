/**
 * Which struct fields gob and encoding/json see, their JSON names, and `[]byte` detection.
 *
 * @module
 */

import { type GoDecls, type GoField, type GoType, underlying } from "./types.ts";

/**
 * The fields gob sends, in declaration order: the exported ones. An embedded field is a field
 * named by its type's name (`Base` for `Base` or `*Base`), sent when that name is exported.
 *
 * @param fields A struct's fields.
 * @returns The exported ones.
 * @throws {TypeError} For an embedded `time.Time` (its promoted `UnmarshalJSON` would make the
 *   whole struct a JSON time; unsupported).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const f = exportedFields([{ name: "a", type: { kind: "interface" }, tag: "", embedded: false }]);
 * assert.ok(f.length === 0);
 * ```
 */
export function exportedFields(fields: GoField[]): GoField[] {
  return fields.filter((f) => {
    if (f.embedded && embedsTime(f.type)) {
      throw new TypeError(`embedded field ${f.name} (time.Time) is not supported`);
    }
    return isExported(f.name);
  });
}

function embedsTime(t: GoType): boolean {
  return t.kind === "time" || (t.kind === "ptr" && t.elem.kind === "time");
}

/** A field as `encoding/json` sees it, promoted fields of embedded structs included. */
export interface JsonField {
  /** The JSON key (json tag name, else the Go field name). */
  name: string;
  /** The Go fields from the outer struct down to this one (longer than 1 when promoted). */
  path: GoField[];
  /** Whether the name comes from a json tag. */
  tagged: boolean;
  /** Whether the `,string` option applies (string, bool, integer and float fields). */
  quoted: boolean;
}

/**
 * The fields `encoding/json` decodes into, as Go's `typeFields` finds them: exported fields by
 * their json name; an untagged embedded struct (or pointer to one) contributes its fields one
 * level deeper; for each name the shallowest field wins, a tagged one over untagged ones at the
 * same depth, and a name still ambiguous is dropped. Embedded structs whose type name is not
 * exported are left out (gob cannot send them).
 *
 * @param fields The struct's fields.
 * @param decls Declarations the field types refer to.
 * @returns The visible fields, in no particular order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseGoTypes } from "./types.ts";
 * const decls = parseGoTypes("type B struct { X int }; type T struct { B; Y int `json:\"y,string\"` }");
 * const t = decls.get("T")!.type as { kind: "struct"; fields: import("./types.ts").GoField[] };
 * const f = jsonFields(t.fields, decls);
 * assert.ok(f.some((x) => x.name === "X" && x.path.length === 2));
 * assert.ok(f.some((x) => x.name === "y" && x.quoted));
 * ```
 */
export function jsonFields(fields: GoField[], decls: GoDecls): JsonField[] {
  const found: (JsonField & { depth: number })[] = [];
  const visited = new Set<string>();
  let level: { fields: GoField[]; path: GoField[]; count: number }[] = [{
    fields,
    path: [],
    count: 1,
  }];
  for (let depth = 0; level.length > 0; depth++) {
    const next = new Map<string, { fields: GoField[]; path: GoField[]; count: number }>();
    for (const { fields: fs, path, count } of level) {
      for (const f of exportedFields(fs)) {
        const tag = jsonTag(f);
        if (tag.skip) continue;
        const inner = f.type.kind === "ptr" ? f.type.elem : f.type;
        const u = underlying(decls, inner);
        const here = [...path, f];
        if (!f.embedded || tag.name !== "" || u.kind !== "struct") {
          const field = {
            name: tag.name || f.name,
            path: here,
            tagged: tag.name !== "",
            quoted: tag.string && u.kind === "scalar" && !/^complex/.test(u.name),
            depth,
          };
          for (let i = 0; i < count; i++) found.push(field); // a repeated type annihilates
          continue;
        }
        const key = inner.kind === "named" ? inner.name : "";
        if (key !== "" && visited.has(key)) continue;
        const seen = next.get(key);
        if (seen && key !== "") seen.count++;
        else next.set(key || `#${next.size}`, { fields: u.fields, path: here, count: 1 });
      }
    }
    for (const k of next.keys()) if (!k.startsWith("#")) visited.add(k);
    level = [...next.values()];
  }
  const byName = new Map<string, (JsonField & { depth: number })[]>();
  for (const f of found) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const out: JsonField[] = [];
  for (const group of byName.values()) {
    const min = Math.min(...group.map((f) => f.depth));
    const top = group.filter((f) => f.depth === min).sort((a, b) => +b.tagged - +a.tagged);
    if (top.length > 1 && top[0].tagged === top[1].tagged) continue; // ambiguous: dropped
    const { depth: _, ...f } = top[0];
    out.push(f);
  }
  return out;
}

function jsonTag(f: GoField): { name: string; skip: boolean; string: boolean } {
  const m = /(?:^|\s)json:"((?:[^"\\]|\\.)*)"/.exec(f.tag);
  if (!m) return { name: "", skip: false, string: false };
  if (m[1] === "-") return { name: "", skip: true, string: false };
  const [name, ...opts] = m[1].split(",");
  return { name: validTagName(name) ? name : "", skip: false, string: opts.includes("string") };
}

/** Go's isValidTag: letters, digits and most punctuation; not empty. */
function validTagName(s: string): boolean {
  return s !== "" && /^[\p{L}\p{N}!#$%&()*+\-./:;<=>?@[\]^_{|}~ ]+$/u.test(s);
}

/**
 * Whether a Go identifier is exported (starts with an upper-case letter).
 *
 * @param name Identifier.
 * @returns True when exported.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(isExported("Name") && !isExported("name"));
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
 * import assert from "node:assert/strict";
 * const n = jsonName({ name: "A", type: { kind: "interface" }, tag: 'json:"a,omitempty"', embedded: false });
 * assert.ok(n.name === "a" && !n.skip);
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
 * import assert from "node:assert/strict";
 * assert.ok(isBytes({ kind: "scalar", name: "uint8" }, new Map()));
 * ```
 */
export function isBytes(elem: GoType, decls: GoDecls): boolean {
  const u = underlying(decls, elem);
  return u.kind === "scalar" && u.name === "uint8";
}
