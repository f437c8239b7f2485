/**
 * Go's `fmt` `%v` text of decoded gob values (Go 1.19), for map keys that encoding/json refuses.
 *
 * @module
 */

import { BUILTIN, type WireTypes } from "./_wire_desc.ts";

/**
 * Go's fmt `%v` of a decoded value: used for map keys encoding/json cannot print (bool, float,
 * complex, array and struct keys).
 *
 * @param v The value as the schema-less decoder returns it.
 * @param id Its wire type id.
 * @param types The stream's wire types.
 * @returns The text `fmt.Sprint` gives.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * equal(goV(1e6, 4, new Map()), "1e+06");
 * ```
 */
export function goV(v: unknown, id: number, types: WireTypes): string {
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (typeof v === "number") return id === BUILTIN.float ? goFloatV(v) : String(v);
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return `[${v.join(" ")}]`;
  if (id === BUILTIN.complex && Array.isArray(v)) {
    const im = goFloatV(v[1]);
    return `(${goFloatV(v[0])}${/^[-+]/.test(im) ? "" : "+"}${im}i)`;
  }
  const t = types.get(id);
  if (Array.isArray(v)) {
    const elem = t && (t.kind === "array" || t.kind === "slice") ? t.elem : 0;
    return `[${v.map((x) => goV(x, elem, types)).join(" ")}]`;
  }
  if (t?.kind === "struct" && typeof v === "object" && v !== null) {
    const rec = v as Record<string, unknown>;
    return `{${t.fields.map((f) => goV(rec[f.name], f.id, types)).join(" ")}}`;
  }
  return String(v);
}

/** Go 1.19 fmt %v of a float64: strconv 'g' with shortest digits: 'e' form
 * below 1e-4 and from 1e6, else plain. */
function goFloatV(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mant, expText] = f.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(f);
}
