/**
 * The decoder's wire types, reduced to what the JSON printer needs, and printed for `--types`.
 *
 * @module
 */

import { BUILTIN_TYPES, type WireType } from "../mod.ts";

export type { WireType };
import { goQuote, type WireDesc } from "../go/mod.ts";

/**
 * Converts the built-in and received wire types to printer descriptions.
 *
 * @param types The decoder's `types`.
 * @returns Descriptions by id.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const m = wireDescs(new Map([[65, { id: 65, kind: "slice" as const, name: "[]int", elem: 2 }]]));
 * assert.ok(m.get(65)?.kind === "slice");
 * ```
 */
export function wireDescs(types: ReadonlyMap<number, WireType>): Map<number, WireDesc> {
  const out = new Map<number, WireDesc>();
  // The built-in wire types (ids 16–24: wireType, arrayType, …) are valid value types too.
  for (const [id, t] of [...BUILTIN_TYPES, ...types]) {
    switch (t.kind) {
      case "array":
        out.set(id, { kind: "array", name: t.name, elem: t.elem!, len: t.len! });
        break;
      case "slice":
        out.set(id, { kind: "slice", name: t.name, elem: t.elem! });
        break;
      case "map":
        out.set(id, { kind: "map", name: t.name, key: t.key!, elem: t.elem! });
        break;
      case "struct":
        out.set(id, { kind: "struct", name: t.name, fields: t.fields!.map((f) => ({ ...f })) });
        break;
      case "GobEncoder":
      case "BinaryMarshaler":
      case "TextMarshaler":
        out.set(id, { kind: t.kind, name: t.name });
        break;
      default:
        break; // built-in ids need no description
    }
  }
  return out;
}

/**
 * The wire types as one JSON object keyed by id, e.g.
 * `{"65":{"kind":"struct","name":"P","fields":[{"name":"X","id":2}]}}`.
 *
 * @param types The decoder's `types`.
 * @returns JSON text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const s = wireTypesJSON(new Map([[65, { id: 65, kind: "slice" as const, name: "[]int", elem: 2 }]]));
 * assert.ok(s === '{"65":{"kind":"slice","name":"[]int","elem":2}}');
 * ```
 */
export function wireTypesJSON(types: ReadonlyMap<number, WireType>): string {
  const parts: string[] = [];
  for (const [id, t] of [...types].sort((a, b) => a[0] - b[0])) {
    if (id < 64) continue;
    const p = [`"kind":${goQuote(t.kind)}`, `"name":${goQuote(t.name)}`];
    if (t.key !== undefined) p.push(`"key":${t.key}`);
    if (t.elem !== undefined) p.push(`"elem":${t.elem}`);
    if (t.len !== undefined) p.push(`"len":${t.len}`);
    if (t.fields) {
      p.push(
        `"fields":[${t.fields.map((f) => `{"name":${goQuote(f.name)},"id":${f.id}}`).join(",")}]`,
      );
    }
    parts.push(`"${id}":{${p.join(",")}}`);
  }
  return `{${parts.join(",")}}`;
}
