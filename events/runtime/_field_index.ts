// Internal: a struct schema's fields by JSON key, built once per schema.

import type { FieldSchema, StructSchema } from "./schema.ts";

const INDEX = new WeakMap<StructSchema, Map<string, FieldSchema>>();

/** The struct's fields by JSON key (memoised per schema object). */
export function fieldIndex(s: StructSchema): Map<string, FieldSchema> {
  let m = INDEX.get(s);
  if (m === undefined) {
    m = new Map(s.fields.map((fl) => [fl.json, fl]));
    INDEX.set(s, m);
  }
  return m;
}
