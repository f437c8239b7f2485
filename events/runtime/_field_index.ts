// Internal: a struct schema's fields by JSON key with their resolved kinds, built once per schema
// (on first use, when every generated module has loaded and every `ref` can be followed).

import { type FieldSchema, resolve, type Schema, type StructSchema } from "./schema.ts";

/** A field with the kind its type resolves to. */
export interface IndexedField {
  readonly field: FieldSchema;
  readonly kind: Schema["kind"];
}

/** The fields of a struct by JSON key, and the JSON keys of its Go string fields. */
export interface FieldIndex {
  readonly byJson: ReadonlyMap<string, IndexedField>;
  readonly stringKeys: readonly string[];
}

const INDEX = new WeakMap<StructSchema, FieldIndex>();

/** The index of a struct schema (memoised per schema object). */
export function fieldIndex(s: StructSchema): FieldIndex {
  let index = INDEX.get(s);
  if (index === undefined) {
    const byJson = new Map<string, IndexedField>();
    for (const field of s.fields) byJson.set(field.json, { field, kind: resolve(field.type).kind });
    const stringKeys = [...byJson.values()].filter((f) => f.kind === "string").map((f) =>
      f.field.json
    );
    index = { byJson, stringKeys };
    INDEX.set(s, index);
  }
  return index;
}
