/**
 * JSON → the JavaScript value the codec encodes for a Go type, following Go's `encoding/json`
 * decoding rules (`json.Unmarshal` into a zero value of that type): null leaves non-nullable
 * values at zero, struct keys match field names (json tag first, then case-insensitively), unknown
 * keys are ignored, integers must be integral and in range, `[]byte` is base64, `time.Time` is
 * RFC 3339. `interface{}` takes null, booleans, numbers (integral → `int`, else `float64`) and
 * strings. Embedded structs' fields are promoted into the parent's keys (shallowest wins, a tagged
 * one over untagged ones at the same depth, ties dropped; nil embedded pointers are allocated on
 * the way), and a `,string` field takes its value as one JSON literal inside a JSON string.
 *
 * Value shapes: signed/unsigned integers → bigint; floats → number (float32 rounded); complex →
 * `[re, im]` (read from a JSON `[re, im]`, our extension: Go's JSON has no complex); string →
 * string; `[]byte` and `time.Time` → Uint8Array; pointer → value or undefined (nil); slice/array
 * → array; map → Map or undefined (nil); struct → object with every field; interface → `{ name,
 * value }` or null.
 *
 * @module
 */

import { type GoDecls, type GoField, type GoType, underlying } from "./types.ts";
import { JsonNumber, JsonObject, type JsonValue, parseJsonExact } from "./json_exact.ts";
import { timeToGob } from "./time.ts";
import { exportedFields, isBytes, jsonFields } from "./fields.ts";
import { goTypeString } from "./schema.ts";
import { INT_BITS, zeroValue } from "./_zero_value.ts";

export { zeroValue } from "./_zero_value.ts";

/** The value of a Go interface holding a basic type. */
export interface InterfaceValue {
  /** Go's registered name of the concrete type: "int", "float64", "string" or "bool". */
  name: string;
  /** The concrete value (bigint for int). */
  value: unknown;
}

/** A Go type together with the declarations its names refer to. */
export interface GoRoot {
  /** Declarations that named types refer to. */
  decls: GoDecls;
  /** The type. */
  type: GoType;
}

/**
 * Converts parsed JSON to the codec value of a Go type, as `json.Unmarshal` into a zero value.
 *
 * @param json The JSON value (from `parseJsonExact`).
 * @param root The Go type and its declarations.
 * @returns The codec value.
 * @throws {TypeError} When the JSON has the wrong shape for the type (Go's UnmarshalTypeError).
 * @throws {RangeError} When a number does not fit the type.
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert/strict";
 * import { parseGoTypes } from "./types.ts";
 * import { parseJsonExact } from "./json_exact.ts";
 * const decls = parseGoTypes("type T struct { A int64; B []string }");
 * const v = jsonToValue(parseJsonExact('{"a": 1, "B": ["x"]}'), { decls, type: decls.get("T")!.type });
 * deepStrictEqual(v, { A: 1n, B: ["x"] });
 * ```
 */
export function jsonToValue(json: JsonValue, root: GoRoot): unknown {
  return new Converter(root.decls).convert(json, root.type, "$");
}

function kindOf(j: JsonValue): string {
  if (j === null) return "null";
  if (j instanceof JsonNumber) return "number";
  if (j instanceof JsonObject) return "object";
  if (Array.isArray(j)) return "array";
  return typeof j;
}

class Converter {
  constructor(readonly decls: GoDecls) {}

  mismatch(j: JsonValue, what: string, path: string): never {
    throw new TypeError(
      `json: cannot unmarshal ${kindOf(j)} into Go value of type ${what} at ${path}`,
    );
  }

  convert(j: JsonValue, type: GoType, path: string): unknown {
    const t = underlying(this.decls, type);
    const goName = type.kind === "named" ? type.name : t.kind;
    if (j === null) return zeroValue(type, this.decls);
    switch (t.kind) {
      case "scalar":
        return this.scalar(j, t.name, path);
      case "time":
        if (typeof j !== "string") this.mismatch(j, "time.Time", path);
        return timeToGob(j as string);
      case "interface":
        return this.iface(j, path);
      case "ptr":
        return this.convert(j, t.elem, path);
      case "slice":
        if (isBytes(t.elem, this.decls)) {
          if (typeof j !== "string") this.mismatch(j, "[]byte", path);
          return fromBase64(j as string, path);
        }
        if (!Array.isArray(j)) this.mismatch(j, goName, path);
        return (j as JsonValue[]).map((x, i) => this.convert(x, t.elem, `${path}[${i}]`));
      case "array": {
        if (!Array.isArray(j)) this.mismatch(j, goName, path);
        const a = j as JsonValue[];
        return Array.from(
          { length: t.len },
          (_, i) =>
            i < a.length
              ? this.convert(a[i], t.elem, `${path}[${i}]`)
              : zeroValue(t.elem, this.decls),
        );
      }
      case "map": {
        if (!(j instanceof JsonObject)) this.mismatch(j, goName, path);
        const out = new Map<unknown, unknown>();
        const k = underlying(this.decls, t.key);
        for (const [key, val] of (j as JsonObject).entries) {
          out.set(
            this.mapKey(key, k, path),
            this.convert(val, t.elem, `${path}[${JSON.stringify(key)}]`),
          );
        }
        return out;
      }
      case "struct":
        if (!(j instanceof JsonObject)) this.mismatch(j, goName, path);
        return this.struct(j as JsonObject, t.fields, path);
    }
  }

  struct(j: JsonObject, fields: GoField[], path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of exportedFields(fields)) out[f.name] = zeroValue(f.type, this.decls);
    const visible = jsonFields(fields, this.decls);
    for (const [key, val] of j.entries) {
      const hit = visible.find((v) => v.name === key) ?? visible.find((v) => foldEq(v.name, key));
      if (!hit) continue;
      const f = hit.path[hit.path.length - 1];
      const at = `${path}.${hit.path.map((x) => x.name).join(".")}`;
      // a promoted field: json allocates the nil embedded pointers on the way (even for null)
      let o = out;
      for (const e of hit.path.slice(0, -1)) {
        if (o[e.name] === undefined) o[e.name] = this.zeroPointee(e.type);
        o = o[e.name] as Record<string, unknown>;
      }
      const json = hit.quoted && val !== null ? this.unquote(val, f.type, at) : val;
      if (json === null && !nullable(f.type, this.decls)) continue;
      o[f.name] = this.convert(json, f.type, at);
    }
    return out;
  }

  /** A `,string` field's value: a JSON string holding one literal of the field's type. */
  unquote(val: JsonValue, type: GoType, path: string): JsonValue {
    const what = goTypeString(type, this.decls);
    if (typeof val !== "string") {
      throw new TypeError(
        `json: invalid use of ,string struct tag, trying to unmarshal unquoted value into ${what} at ${path}`,
      );
    }
    let inner: JsonValue | undefined;
    try {
      if (!/^\s|\s$/.test(val)) inner = parseJsonExact(val);
    } catch { /* reported below */ }
    if (inner === undefined || Array.isArray(inner) || inner instanceof JsonObject) {
      throw new TypeError(
        `json: invalid use of ,string struct tag, trying to unmarshal ${
          JSON.stringify(val)
        } into ${what} at ${path}`,
      );
    }
    return inner;
  }

  zeroPointee(type: GoType): unknown {
    return zeroValue(type.kind === "ptr" ? type.elem : type, this.decls);
  }

  mapKey(key: string, k: GoType, path: string): unknown {
    if (k.kind === "scalar" && k.name === "string") return wellFormed(key);
    if (k.kind === "scalar" && k.name in INT_BITS) {
      return this.int(new JsonNumber(key), k.name, `${path} key ${JSON.stringify(key)}`, true);
    }
    throw new TypeError(`json: unsupported map key type at ${path}`);
  }

  scalar(j: JsonValue, name: string, path: string): unknown {
    if (name === "bool") {
      if (typeof j !== "boolean") this.mismatch(j, "bool", path);
      return j;
    }
    if (name === "string") {
      if (typeof j !== "string") this.mismatch(j, "string", path);
      return wellFormed(j as string);
    }
    if (name === "complex64" || name === "complex128") {
      const a = j as JsonValue[];
      if (!Array.isArray(a) || a.length !== 2) this.mismatch(j, name, path);
      return a.map((x) => this.float(x, name === "complex64" ? 32 : 64, path));
    }
    if (name === "float32" || name === "float64") {
      return this.float(j, name === "float32" ? 32 : 64, path);
    }
    return this.int(j, name, path, false);
  }

  float(j: JsonValue, bits: number, path: string): number {
    if (!(j instanceof JsonNumber)) this.mismatch(j, `float${bits}`, path);
    const n = Number((j as JsonNumber).text);
    const f = bits === 32 ? Math.fround(n) : n;
    if (!Number.isFinite(f)) {
      throw new RangeError(
        `json: number ${(j as JsonNumber).text} overflows float${bits} at ${path}`,
      );
    }
    return f;
  }

  int(j: JsonValue, name: string, path: string, key: boolean): bigint {
    if (!(j instanceof JsonNumber)) this.mismatch(j, name, path);
    const text = (j as JsonNumber).text;
    const [signed, bits] = INT_BITS[name];
    if (!(signed ? /^-?[0-9]+$/ : /^[0-9]+$/).test(text) || (key && /^-?0[0-9]/.test(text))) {
      throw new TypeError(
        `json: cannot unmarshal number ${text} into Go value of type ${name} at ${path}`,
      );
    }
    const v = BigInt(text);
    const lo = signed ? -(1n << BigInt(bits - 1)) : 0n;
    const hi = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
    if (v < lo || v > hi) throw new RangeError(`json: number ${text} overflows ${name} at ${path}`);
    return v;
  }

  iface(j: JsonValue, path: string): InterfaceValue {
    if (typeof j === "boolean") return { name: "bool", value: j };
    if (typeof j === "string") return { name: "string", value: wellFormed(j) };
    if (j instanceof JsonNumber) {
      if (/^-?[0-9]+$/.test(j.text)) {
        const v = BigInt(j.text);
        if (v >= -(1n << 63n) && v < 1n << 63n) return { name: "int", value: v };
      }
      return { name: "float64", value: this.float(j, 64, path) };
    }
    throw new TypeError(
      `json: cannot put ${kindOf(j)} into interface{} at ${path} (only null, bool, number, string)`,
    );
  }
}

/** Go's JSON decoder turns unpaired surrogate escapes into U+FFFD (the codec would otherwise
 * read U+DC80..U+DCFF as raw bytes). */
function wellFormed(s: string): string {
  return s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    "\ufffd",
  );
}

function nullable(type: GoType, decls: GoDecls): boolean {
  const k = underlying(decls, type).kind;
  return k === "ptr" || k === "map" || k === "slice" || k === "interface";
}

function foldEq(a: string, b: string): boolean {
  return a.length === b.length && a.toUpperCase() === b.toUpperCase();
}

function fromBase64(s: string, path: string): Uint8Array {
  const clean = s.replace(/[\r\n]/g, "");
  let bin: string;
  try {
    bin = atob(clean);
  } catch {
    throw new TypeError(`json: illegal base64 data at ${path}`);
  }
  if (clean.length % 4 !== 0) throw new TypeError(`json: illegal base64 data at ${path}`);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
