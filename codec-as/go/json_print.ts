/**
 * Prints a schema-lessly decoded gob value as Go's `encoding/json` prints it after decoding into
 * the type the stream describes. The printer walks the wire type beside the value, so absent
 * (zero) struct fields, nil versus empty, floats and marshalers come out as in Go.
 *
 * @module
 */

import {
  base64,
  compareGoStrings,
  goFloat,
  goQuote,
  goQuoteBytes,
  goTimeJSON,
} from "./json_text.ts";
import { goV } from "./_fmt.ts";
import { isReservedFieldName } from "../mod.ts";
import { BUILTIN, INTERFACE_NAMES, type WireTypes } from "./_wire_desc.ts";

export { BUILTIN, type WireDesc, type WireTypes } from "./_wire_desc.ts";

/** Options of {@linkcode goJSON}. */
export interface GoJSONOptions {
  /** The stream's wire types (built-in ids 1–8 need none). */
  types?: WireTypes;
  /** Resolves an interface value's concrete type id when the value does not carry one. */
  interfaceType?: (name: string) => number | undefined;
  /**
   * What the stream has shown so far about unnamed GobEncoder types (by id): whether their bytes
   * were a time.Time. Pass the same map for every value of a stream; the printer fills it. An
   * absent value of such a type prints as the zero time unless its bytes were seen not to be one.
   */
  timeEvidence?: Map<number, boolean>;
}

/**
 * The JSON text Go's `encoding/json` writes for a decoded gob value of wire type `id`.
 *
 * @param value The value as the codec's schema-less decoder returns it (`undefined`/`null` for an
 *   absent field, which prints as the type's zero value).
 * @param id The wire type id of the value (0: unknown, printed by its JavaScript type).
 * @param options The stream's wire types and hooks, see {@linkcode GoJSONOptions}.
 * @returns One line of JSON (no newline).
 * @throws {TypeError} When the value does not have the shape the wire type says.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * const types = new Map([[65, { kind: "struct" as const, name: "P", fields: [{ name: "X", id: 2 }, { name: "S", id: 6 }] }]]);
 * equal(goJSON({ X: 22 }, 65, { types }), '{"X":22,"S":""}');
 * ```
 */
export function goJSON(value: unknown, id: number, options: GoJSONOptions = {}): string {
  const out: string[] = [];
  new Printer(options.types ?? new Map(), options, out).value(value, id, 0);
  return out.join("");
}

const MAX_DEPTH = 10_000;

class Printer {
  constructor(
    readonly types: WireTypes,
    readonly options: GoJSONOptions,
    readonly out: string[],
  ) {}

  fail(what: string, id: number, v: unknown): never {
    const shown = typeof v === "bigint" ? `${v}n` : Object.prototype.toString.call(v);
    throw new TypeError(`cannot print ${shown} as ${what} (type id ${id})`);
  }

  value(v: unknown, id: number, depth: number): void {
    if (depth > MAX_DEPTH) throw new RangeError(`value nested deeper than ${MAX_DEPTH}`);
    const out = this.out;
    switch (id) {
      case 0:
        return this.untyped(v, depth);
      case BUILTIN.bool:
        if (v === undefined || v === null) out.push("false");
        else if (typeof v === "boolean") out.push(String(v));
        else this.fail("bool", id, v);
        return;
      case BUILTIN.int:
      case BUILTIN.uint:
        if (v === undefined || v === null) out.push("0");
        else if (typeof v === "bigint") out.push(v.toString());
        else if (typeof v === "number" && Number.isInteger(v)) {
          out.push(Object.is(v, -0) ? "0" : String(v));
        } else this.fail("integer", id, v);
        return;
      case BUILTIN.float:
        if (v === undefined || v === null) out.push("0");
        else if (typeof v === "number") out.push(goFloat(v));
        else this.fail("float", id, v);
        return;
      case BUILTIN.complex:
        if (v === undefined || v === null) out.push("[0,0]");
        else if (Array.isArray(v) && v.length === 2) {
          out.push(`[${goFloat(v[0])},${goFloat(v[1])}]`);
        } else if (isComplexObject(v)) out.push(`[${goFloat(v.re)},${goFloat(v.im)}]`);
        else this.fail("complex", id, v);
        return;
      case BUILTIN.bytes:
        if (v === undefined || v === null) out.push("null");
        else if (v instanceof Uint8Array) out.push(v.length === 0 ? "null" : `"${base64(v)}"`);
        else this.fail("[]byte", id, v);
        return;
      case BUILTIN.string:
        if (v === undefined || v === null) out.push('""');
        else if (typeof v === "string") out.push(goQuote(v));
        else if (v instanceof Uint8Array) out.push(goQuoteBytes(v));
        else this.fail("string", id, v);
        return;
      case BUILTIN.interface:
        return this.iface(v, depth);
    }
    const t = this.types.get(id);
    if (!t) throw new TypeError(`cannot print a value of unknown type id ${id}`);
    switch (t.kind) {
      case "struct":
        return this.struct(v, id, t, depth);
      case "slice":
        if (v === undefined || v === null) return void out.push("null");
        if (!Array.isArray(v)) this.fail("slice", id, v);
        // Go decodes an empty slice into a nil one (SetLen on nil), which prints as null.
        if (v.length === 0) return void out.push("null");
        return this.list(v, t.elem, depth);
      case "array":
        if (v === undefined || v === null) return void out.push("null");
        if (!Array.isArray(v)) this.fail("array", id, v);
        return this.list(v, t.elem, depth);
      case "map":
        if (v === undefined || v === null) return void out.push("null");
        return this.map(v, id, t.key, t.elem, depth);
      case "GobEncoder":
      case "BinaryMarshaler":
      case "TextMarshaler":
        return this.marshaler(v, id, t.kind, t.name);
    }
  }

  list(v: unknown[], elem: number, depth: number) {
    this.out.push("[");
    for (let i = 0; i < v.length; i++) {
      if (i > 0) this.out.push(",");
      this.value(v[i], elem, depth + 1);
    }
    this.out.push("]");
  }

  struct(v: unknown, id: number, t: { fields: { name: string; id: number }[] }, depth: number) {
    // An absent struct-typed field was a nil pointer in the sender (gob always sends nested
    // structs): Go's JSON of the same type prints null.
    if (v === undefined || v === null) return void this.out.push("null");
    if (typeof v !== "object" || Array.isArray(v)) this.fail("struct", id, v);
    const rec = v as Record<string, unknown>;
    this.out.push("{");
    let first = true;
    t.fields.forEach((f) => {
      // Not sendable by Go (unexported) and dropped by the decoder: encoding/json would not print it.
      if (isReservedFieldName(f.name)) return;
      if (!first) this.out.push(",");
      first = false;
      this.out.push(goQuote(f.name), ":");
      this.value(Object.hasOwn(rec, f.name) ? rec[f.name] : undefined, f.id, depth + 1);
    });
    this.out.push("}");
  }

  map(v: unknown, id: number, keyId: number, elemId: number, depth: number) {
    let entries: [unknown, unknown][];
    if (v instanceof Map) entries = [...v.entries()];
    else if (typeof v === "object" && !Array.isArray(v) && v !== null) entries = Object.entries(v);
    else this.fail("map", id, v);
    const keyed = entries.map(([k, val]) => [this.key(k, keyId), val] as [string, unknown]);
    keyed.sort((a, b) => compareGoStrings(a[0], b[0]));
    this.out.push("{");
    keyed.forEach(([k, val], i) => {
      if (i > 0) this.out.push(",");
      this.out.push(goQuote(k), ":");
      this.value(val, elemId, depth + 1);
    });
    this.out.push("}");
  }

  /**
   * The key text: string kinds as is, integers in decimal (like encoding/json); for the kinds
   * encoding/json refuses (bool, float, complex, arrays, structs), fmt's %v.
   */
  key(k: unknown, keyId: number): string {
    if (typeof k === "string") return k;
    if (k instanceof Uint8Array) return new TextDecoder("utf-8", { ignoreBOM: true }).decode(k);
    return goV(k, keyId, this.types);
  }

  marshaler(v: unknown, id: number, kind: string, name: string): void {
    const maybeTime = kind === "GobEncoder" && TIME_NAMES.has(name);
    if (isOpaque(v)) v = v.bytes;
    // An absent marshaler field decodes schema-lessly as empty bytes: Go's zero value.
    if (v === undefined || v === null || (v instanceof Uint8Array && v.length === 0)) {
      const time = maybeTime && (name !== "" || this.options.timeEvidence?.get(id) !== false);
      return void this.out.push(time ? '"0001-01-01T00:00:00Z"' : "null");
    }
    if (!(v instanceof Uint8Array)) this.fail(kind, id, v);
    if (maybeTime) {
      const time = isTimeBytes(v);
      if (name === "" && id !== 0) this.options.timeEvidence?.set(id, time);
      if (time) {
        try {
          return void this.out.push(goTimeJSON(v));
        } catch (e) {
          // A year Go's MarshalJSON refuses (outside 0..9999): fall back to the bytes.
          if (!(e instanceof RangeError)) throw e;
        }
      }
    }
    if (kind === "TextMarshaler") return void this.out.push(goQuoteBytes(v));
    this.out.push(`"${base64(v)}"`);
  }

  iface(v: unknown, depth: number) {
    if (v === undefined || v === null) return void this.out.push("null");
    if (typeof v !== "object" || !("value" in v)) this.fail("interface", BUILTIN.interface, v);
    const iv = v as { name?: unknown; value: unknown; typeId?: unknown };
    let id: number | undefined = typeof iv.typeId === "number" ? iv.typeId : undefined;
    if (id === undefined && typeof iv.name === "string") {
      id = INTERFACE_NAMES[iv.name] ?? this.options.interfaceType?.(iv.name);
    }
    if (id !== undefined) return this.value(iv.value, id, depth + 1);
    this.untyped(iv.value, depth + 1);
  }

  /** Best effort for a value whose wire type is unknown: prints by JavaScript type. */
  untyped(v: unknown, depth: number): void {
    if (depth > MAX_DEPTH) throw new RangeError(`value nested deeper than ${MAX_DEPTH}`);
    const out = this.out;
    if (v === undefined || v === null) out.push("null");
    else if (typeof v === "boolean" || typeof v === "bigint") out.push(String(v));
    else if (typeof v === "number") out.push(goFloat(v));
    else if (typeof v === "string") out.push(goQuote(v));
    else if (v instanceof Uint8Array) out.push(v.length === 0 ? "null" : `"${base64(v)}"`);
    else if (isOpaque(v)) this.marshaler(v, 0, v.kind, v.name);
    else if (Array.isArray(v) && v.length === 0) {
      out.push("null"); // most likely a slice, which Go decodes empty as nil
    } else if (Array.isArray(v)) {
      out.push("[");
      v.forEach((x, i) => {
        if (i > 0) out.push(",");
        this.untyped(x, depth + 1);
      });
      out.push("]");
    } else if (v instanceof Map) {
      const e = [...v.entries()].map(([k, x]) => [String(k), x] as [string, unknown]);
      e.sort((a, b) => compareGoStrings(a[0], b[0]));
      out.push("{");
      e.forEach(([k, x], i) => {
        if (i > 0) out.push(",");
        out.push(goQuote(k), ":");
        this.untyped(x, depth + 1);
      });
      out.push("}");
    } else if (typeof v === "object") {
      if ("value" in v && "name" in v && Object.keys(v).length <= 3) return this.iface(v, depth);
      out.push("{");
      Object.entries(v).forEach(([k, x], i) => {
        if (i > 0) out.push(",");
        out.push(goQuote(k), ":");
        this.untyped(x, depth + 1);
      });
      out.push("}");
    } else this.fail("JSON", 0, v);
  }
}

/**
 * Wire names under which Go sends time.Time's GobEncoder type. Go names a type after where the
 * process first met it, and sends "" when that was as an element of a slice, array or map: an
 * unnamed GobEncoder is taken for a time.Time (the common case) when its bytes are one.
 */
const TIME_NAMES = new Set(["Time", "time.Time", ""]);

/** Whether bytes are a marshaled time.Time (version 1 or 2, valid nanoseconds). */
function isTimeBytes(b: Uint8Array): boolean {
  if (!((b.length === 15 && b[0] === 1) || (b.length === 16 && b[0] === 2))) return false;
  const nsec = new DataView(b.buffer, b.byteOffset + 9, 4).getInt32(0);
  return nsec >= 0 && nsec < 1e9;
}

/** A marshaler value as the schema-less decoder returns it (GobOpaque). */
function isOpaque(v: unknown): v is { kind: string; name: string; bytes: Uint8Array } {
  return typeof v === "object" && v !== null && "bytes" in v && "kind" in v && "name" in v &&
    v.bytes instanceof Uint8Array;
}

function isComplexObject(v: unknown): v is { re: number; im: number } {
  return typeof v === "object" && v !== null && "re" in v && "im" in v;
}
