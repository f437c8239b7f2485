/**
 * Compares the JSON Go printed for a value with the JSON `gob dump` printed, as JSON values with
 * exact integers, guided by the sender's Go type where gob itself loses a distinction:
 *
 * - a pointer: Go prints a nil pointer as `null`; on the wire it is an absent (zero) value, which
 *   the dump prints as the pointee's zero;
 * - float32 (and complex64 parts): Go prints float32 precision, the dump the widened float64;
 * - with `nilEqualsEmpty` (when Go printed the sender's value, not the decoded one): an empty
 *   slice equals `null`, as do an empty map and an empty `[]byte`;
 * - an embedded struct: gob sends it as a field named by its type, which the dump prints nested;
 *   Go's JSON promotes its fields into the parent (none through a nil embedded pointer, which
 *   the dump prints as the pointee's zero).
 *
 * @module
 */

import {
  type GoDecls,
  type GoField,
  type GoType,
  jsonFields,
  jsonName,
  JsonNumber,
  JsonObject,
  type JsonValue,
  underlying,
} from "../codec-as/go/mod.ts";

/** Options of {@linkcode compareGoJson}. */
export interface CompareOptions {
  /** The Go type of the value (absent: compare as plain JSON). */
  type?: GoType;
  /** The declarations the type refers to. */
  decls?: GoDecls;
  /** Treat `null` and empty slices/maps/[]byte as equal (Go printed the value before gob). */
  nilEqualsEmpty?: boolean;
  /**
   * Named Go types that marshal themselves (GobEncoder/BinaryMarshaler): compared as plain JSON,
   * and an absent one, which the dump prints as null (the bytes of its zero value are not on the
   * wire), is accepted.
   */
  marshalers?: ReadonlySet<string>;
}

/**
 * Compares Go's JSON (`want`) with ours (`got`).
 *
 * @param want Go's JSON, parsed with `parseJsonExact`.
 * @param got Our JSON, parsed the same way.
 * @param options The Go type and declarations, and see {@linkcode CompareOptions}.
 * @returns `undefined` when equal, else the JSON path and reason of the first difference.
 * @example
 * ```ts
 * import { parseJsonExact } from "../codec-as/go/mod.ts";
 * import { parseGoTypes } from "../codec-as/go/mod.ts";
 * import { ok } from "node:assert/strict";
 * const decls = parseGoTypes("type T struct { P *int }");
 * const type = decls.get("T")!.type;
 * const diff = compareGoJson(parseJsonExact('{"P":null}'), parseJsonExact('{"P":0}'), { type, decls });
 * ok(diff === undefined);
 * ```
 */
export function compareGoJson(
  want: JsonValue,
  got: JsonValue,
  options: CompareOptions = {},
): string | undefined {
  return cmp(want, got, options.type, options.decls ?? new Map(), options, "$");
}

function show(v: JsonValue): string {
  return JSON.stringify(
    v,
    (_, x) =>
      x instanceof JsonNumber
        ? x.text
        : x instanceof JsonObject
        ? Object.fromEntries(x.entries)
        : x,
  );
}

function isZeroJson(v: JsonValue, type: GoType | undefined, decls: GoDecls): boolean {
  if (v === null || v === false || v === "") return true;
  if (v instanceof JsonNumber) return Number(v.text) === 0;
  if (type === undefined) return false;
  const t = underlying(decls, type);
  if (t.kind === "time") return v === "0001-01-01T00:00:00Z";
  if (Array.isArray(v)) {
    if (t.kind === "slice" || t.kind === "map") return v.length === 0;
    if (t.kind === "array") return v.every((x) => isZeroJson(x, t.elem, decls));
    if (t.kind === "scalar") return v.every((x) => isZeroJson(x, undefined, decls));
    return false;
  }
  if (v instanceof JsonObject) {
    if (t.kind === "map") return v.entries.length === 0;
    if (t.kind === "struct") {
      const byName = new Map(t.fields.map((f) => [jsonName(f).name, f.type]));
      return v.entries.every(([k, x]) => isZeroJson(x, byName.get(k), decls));
    }
    if (t.kind === "ptr") return isZeroJson(v, t.elem, decls);
  }
  return false;
}

function numEq(a: JsonNumber, b: JsonNumber, float: boolean, f32: boolean): boolean {
  const int = /^-?[0-9]+$/;
  if (!float && int.test(a.text) && int.test(b.text)) return BigInt(a.text) === BigInt(b.text);
  const x = Number(a.text), y = Number(b.text);
  if (f32) return Object.is(Math.fround(x), Math.fround(y));
  return Object.is(x, y);
}

function cmp(
  want: JsonValue,
  got: JsonValue,
  type: GoType | undefined,
  decls: GoDecls,
  o: CompareOptions,
  path: string,
): string | undefined {
  const diff = () => `${path}: Go ${show(want)} ≠ ours ${show(got)}`;
  if (type?.kind === "named" && o.marshalers?.has(type.name)) {
    return got === null ? undefined : cmp(want, got, undefined, decls, o, path);
  }
  const t = type === undefined ? undefined : underlying(decls, type);
  if (t?.kind === "ptr") {
    if (want === null) return got === null || isZeroJson(got, t.elem, decls) ? undefined : diff();
    return cmp(want, got, t.elem, decls, o, path);
  }
  if (o.nilEqualsEmpty && (t?.kind === "slice" || t?.kind === "map")) {
    const empty = (v: JsonValue) =>
      v === null || v === "" || (Array.isArray(v) && v.length === 0) ||
      (v instanceof JsonObject && v.entries.length === 0);
    if (empty(want) && empty(got)) return undefined;
  }
  if (want instanceof JsonNumber || got instanceof JsonNumber) {
    if (!(want instanceof JsonNumber && got instanceof JsonNumber)) return diff();
    const f32 = t?.kind === "scalar" && (t.name === "float32" || t.name === "complex64");
    const float = t?.kind === "scalar" && /^(float|complex)/.test(t.name);
    return numEq(want, got, float, f32) ? undefined : diff();
  }
  if (Array.isArray(want) || Array.isArray(got)) {
    if (!Array.isArray(want) || !Array.isArray(got) || want.length !== got.length) return diff();
    const elem = t?.kind === "slice" || t?.kind === "array"
      ? t.elem
      : t?.kind === "scalar"
      ? t
      : undefined;
    for (let i = 0; i < want.length; i++) {
      const d = cmp(want[i], got[i], elem, decls, o, `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (want instanceof JsonObject || got instanceof JsonObject) {
    if (!(want instanceof JsonObject && got instanceof JsonObject)) return diff();
    if (t?.kind === "struct" && t.fields.some((f) => f.embedded)) {
      const flat = promote(got, t.fields, new Set(want.entries.map(([k]) => k)), decls);
      if (typeof flat === "string") return `${path}: ${flat}`;
      got = flat;
    }
    const w = new Map(want.entries), g = new Map(got.entries);
    if (w.size !== g.size || [...w.keys()].some((k) => !g.has(k))) return diff();
    const order = (o: JsonObject) => JSON.stringify(o.entries.map(([k]) => k));
    if (order(want) !== order(got)) {
      return `${path}: key order: Go ${order(want)} ≠ ours ${order(got)}`;
    }
    const fieldTypes = t?.kind === "struct"
      ? new Map(jsonFields(t.fields, decls).map((f) => [f.name, f.path[f.path.length - 1].type]))
      : undefined;
    for (const [k, x] of w) {
      const ft = t?.kind === "map" ? t.elem : fieldTypes?.get(k);
      const d = cmp(x, g.get(k)!, ft, decls, o, `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return want === got ? undefined : diff();
}

/**
 * The dump's object of a struct with embedded structs, in the shape Go's JSON has: each embedded
 * struct's entries in its place. An embedded pointer none of whose fields Go printed was nil:
 * the dump must show it zero, and it is left out.
 */
function promote(
  got: JsonObject,
  fields: GoField[],
  wantKeys: Set<string>,
  decls: GoDecls,
): JsonObject | string {
  const out: [string, JsonValue][] = [];
  for (const [k, x] of got.entries) {
    const f = fields.find((f) => f.embedded && f.name === k && jsonName(f).name === f.name);
    const elem = f && (f.type.kind === "ptr" ? f.type.elem : f.type);
    const u = elem && underlying(decls, elem);
    if (f && u?.kind === "struct" && x === null) continue; // a nil embedded pointer: nothing printed
    if (!f || u?.kind !== "struct" || !(x instanceof JsonObject)) {
      out.push([k, x]);
      continue;
    }
    const inner = promote(x, u.fields, wantKeys, decls);
    if (typeof inner === "string") return inner;
    if (f.type.kind === "ptr" && !inner.entries.some(([n]) => wantKeys.has(n))) {
      if (!isZeroJson(x, elem, decls)) return `embedded *${k}: Go has it nil, ours ${show(x)}`;
      continue;
    }
    out.push(...inner.entries);
  }
  return new JsonObject(out);
}
