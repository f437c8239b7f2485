/**
 * Struct field resolution as Go's `encoding/json` does it: embedded structs are flattened
 * breadth-first, a tagged embedded struct is a plain field, `json:"-"` and unexported fields are
 * left out, and among fields with the same JSON name the shallowest wins, a tagged one beats
 * untagged ones at the same depth, and any other tie removes the name entirely.
 *
 * @module
 */

import type { Decl, Expr, GoField } from "./model.ts";

/** One JSON field of a struct after flattening. */
export interface JsonField {
  /** The JSON key. */
  json: string;
  /** The Go field path, e.g. `Header.Version` for a promoted field. */
  goPath: string;
  /** The Go type of the field. */
  type: Expr;
  omitempty: boolean;
  /** The embedded struct it was promoted from, if any. */
  via?: string;
}

interface Candidate extends JsonField {
  index: number[];
  depth: number;
  tagged: boolean;
}

const TAG_PUNCT = "!#$%&()*+-./:;<=>?@[]^_{|}~ ";

function validTag(name: string): boolean {
  if (name === "") return false;
  for (const c of name) {
    if (!TAG_PUNCT.includes(c) && !/[\p{L}\p{N}]/u.test(c)) return false;
  }
  return true;
}

function exported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

/**
 * The struct fields of a named type (following aliases and `type A B` of structs).
 *
 * @param name A type name in the package.
 * @param decls The package's declarations by name.
 * @returns The fields, or `undefined` when the type is not a struct of this package.
 */
export function structFieldsOf(
  name: string,
  decls: ReadonlyMap<string, Decl>,
): GoField[] | undefined {
  const seen = new Set<string>();
  let d = decls.get(name);
  while (d !== undefined && !seen.has(d.name)) {
    seen.add(d.name);
    if (d.type.kind === "struct") return d.type.fields ?? [];
    if (d.type.kind !== "ident") return undefined;
    d = decls.get(d.type.name!);
  }
  return undefined;
}

function deref(e: Expr): Expr {
  return e.kind === "ptr" ? e.elem! : e;
}

/**
 * Flattens a struct's fields the way `encoding/json` does.
 *
 * @param fields The struct's declared fields.
 * @param decls The package's declarations by name (to look into embedded structs).
 * @returns The JSON fields in Go's encoding order.
 * @throws {Error} An embedded type from another package.
 * @example
 * ```ts
 * import { flattenFields } from "./fields.ts";
 * import { ok } from "node:assert/strict";
 * const string = { kind: "ident" as const, name: "string" };
 * const tag = { present: false, name: "", skip: false, omitempty: false, string: false };
 * const out = flattenFields([{ name: "A", embedded: false, type: string, tag }], new Map());
 * ok(out[0].json === "A");
 * ```
 */
export function flattenFields(
  fields: readonly GoField[],
  decls: ReadonlyMap<string, Decl>,
): JsonField[] {
  type Level = { fields: readonly GoField[]; typeName: string; index: number[]; path: string[] };
  let next: Level[] = [{ fields, typeName: "", index: [], path: [] }];
  let nextCount = new Map<string, number>();
  const visited = new Set<string>();
  const found: Candidate[] = [];
  while (next.length > 0) {
    const current = next;
    const count = nextCount;
    next = [];
    nextCount = new Map();
    for (const level of current) {
      if (level.typeName !== "") {
        if (visited.has(level.typeName)) continue;
        visited.add(level.typeName);
      }
      level.fields.forEach((sf, i) => {
        const ft = deref(sf.type);
        const embeddedStruct = sf.embedded && ft.kind === "ident"
          ? structFieldsOf(ft.name!, decls)
          : undefined;
        if (sf.embedded) {
          if (ft.kind === "qual") {
            throw new Error(`embedded ${ft.pkg}.${ft.name} is not supported`);
          }
          if (!exported(sf.name) && embeddedStruct === undefined) return;
        } else if (!exported(sf.name)) {
          return;
        }
        if (sf.tag.skip) return;
        if (sf.tag.string) {
          throw new Error(`field ${sf.name}: the json ",string" option is not supported`);
        }
        const tagName = validTag(sf.tag.name) ? sf.tag.name : "";
        const index = [...level.index, i];
        const path = [...level.path, sf.name];
        if (tagName !== "" || embeddedStruct === undefined) {
          const c: Candidate = {
            json: tagName || sf.name,
            goPath: path.join("."),
            type: sf.type,
            omitempty: sf.tag.omitempty,
            index,
            depth: index.length,
            tagged: tagName !== "",
          };
          if (level.path.length > 0) c.via = level.path.join(".");
          found.push(c);
          // The same struct embedded twice at one level: its fields cancel out (Go adds a copy).
          if ((count.get(level.typeName) ?? 0) > 1) found.push({ ...c });
          return;
        }
        const name = ft.name!;
        nextCount.set(name, (nextCount.get(name) ?? 0) + 1);
        if (nextCount.get(name) === 1) {
          next.push({ fields: embeddedStruct, typeName: name, index, path });
        }
      });
    }
  }
  return dominant(found);
}

function compareIndex(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

function dominant(found: Candidate[]): JsonField[] {
  const byName = new Map<string, Candidate[]>();
  for (const c of found) byName.set(c.json, [...(byName.get(c.json) ?? []), c]);
  const out: Candidate[] = [];
  for (const group of byName.values()) {
    group.sort((a, b) =>
      a.depth - b.depth || Number(b.tagged) - Number(a.tagged) || compareIndex(a.index, b.index)
    );
    if (
      group.length > 1 && group[0].depth === group[1].depth && group[0].tagged === group[1].tagged
    ) {
      continue;
    }
    out.push(group[0]);
  }
  out.sort((a, b) => compareIndex(a.index, b.index));
  return out.map(({ json, goPath, type, omitempty, via }) =>
    via === undefined ? { json, goPath, type, omitempty } : { json, goPath, type, omitempty, via }
  );
}
