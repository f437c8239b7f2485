/**
 * A handler's result as JSON bytes, exactly as `JSON.stringify` + UTF-8 give them, with its large
 * strings written as their own bytes: `JSON.stringify` copies a string character by character
 * (~6 ms for 6 MB here), while checking its UTF-8 for characters to escape takes gob.wasm ~1.3 ms
 * and an unescaped string is then just its bytes between quotes.
 *
 * {@linkcode jsonParts} finds the large strings by walking the result's plain objects and arrays
 * (a bounded number of values), copying them with each large string replaced by a marker;
 * `JSON.stringify` of the copy gives the rest of the text, and {@linkcode writeJsonParts} puts
 * the pieces together. Anything the walk does not know — `toJSON`, class instances, `Map`s,
 * boxed values, cycles — is left to `JSON.stringify` as it is.
 *
 * @module
 */
import { jsonEscapeIndex } from "./_json_escape.ts";

/** Strings at least this long (UTF-16 code units) are written as their own bytes. */
export const LARGE_STRING = 64 * 1024;

/** How many values (properties, elements) the walk looks at, at most. */
const WALK_BUDGET = 4096;

/** JSON text in pieces: `texts[0]`, `strings[0]` as a JSON string, `texts[1]`, and so on. */
export interface JsonParts {
  /** The text around the large strings (one more than `strings`). */
  texts: string[];
  /** The large strings, in order. */
  strings: string[];
  /**
   * For each large string, whether it is known to need no escaping (equal to a string the caller
   * vouched for): its UTF-8 is then written without being checked.
   */
  plain?: boolean[];
}

let nonce: string | undefined;

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v) ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) {
    return false;
  }
  return !("toJSON" in v);
}

/**
 * Splits the JSON text of `value` at its large strings (none, when the walk finds none: then the
 * text is one piece). Returns `undefined` when `value` is neither a plain object, an array nor a
 * large string, or holds a cycle: then `JSON.stringify(value)` is the answer. Each property the
 * walk reads (getters included) is read once: the text is made from its copies.
 *
 * @param value A handler's result.
 * @param plain Strings known to need no JSON escaping (an event's long strings decoded from their
 *   bytes, `json_event.ts`): a large string equal to one of them is marked in
 *   {@linkcode JsonParts.plain}.
 * @returns The pieces, or `undefined`.
 * @throws What `JSON.stringify` throws (a `BigInt`, a cycle below the walk).
 * @example
 * ```ts
 * import { jsonParts } from "./_json_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const big = "x".repeat(70_000);
 * const parts = jsonParts({ id: 1, body: big })!;
 * deepStrictEqual(parts.texts, ['{"id":1,"body":', "}"]);
 * deepStrictEqual(parts.strings, [big]);
 * deepStrictEqual(jsonParts({ id: 1, body: "small" }), { texts: [ '{"id":1,"body":"small"}' ], strings: [] });
 * deepStrictEqual(jsonParts(42), undefined);
 * ```
 */
export function jsonParts(value: unknown, plain?: readonly string[]): JsonParts | undefined {
  if (typeof value === "string") {
    return value.length >= LARGE_STRING
      ? { texts: ["", ""], strings: [value], plain: marks([value], plain) }
      : undefined;
  }
  if (typeof value !== "object" || value === null || !isPlain(value)) return undefined;
  const mark = nonce ??= `\u{fdd0}lambda-gob:${crypto.randomUUID()}:`;
  const walk = new Walk(mark);
  const tree = walk.copy(value);
  if (walk.cycle) return undefined;
  const strings = walk.strings;
  const text = JSON.stringify(tree);
  if (strings.length === 0) return { texts: [text], strings: [] };
  // Each marker appears once, as a whole JSON string, where its string goes — unless a string of
  // the result's own holds the marker's random text: then the strings go back into the copy.
  const pieces = text.split(mark);
  if (pieces.length !== strings.length + 1) return walk.whole(tree);
  const texts = [pieces[0].slice(0, -1)]; // drop the marker's opening quote
  const order: string[] = [];
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i];
    const close = p.indexOf('"');
    const index = Number(p.slice(0, close));
    if (!(index >= 0 && index < strings.length) || close < 1) return walk.whole(tree);
    order.push(strings[index]);
    texts.push(i < pieces.length - 1 ? p.slice(close + 1, -1) : p.slice(close + 1));
  }
  return { texts, strings: order, plain: marks(order, plain) };
}

/**
 * The walk behind {@linkcode jsonParts}: a copy of the result with each large string replaced by
 * a marker. (An object with methods, not closures over the strings: V8's call feedback would keep
 * the first such closures — and a 6 MB string with them — alive through young-generation
 * collections.)
 */
class Walk {
  /** The large strings, in the order their markers were given out. */
  readonly strings: string[] = [];
  /** Where each large string was replaced by its marker (to put it back if the split fails). */
  readonly slots: [Record<string, unknown> | unknown[], string | number][] = [];
  readonly open = new Set<object>();
  budget = WALK_BUDGET;
  cycle = false;

  constructor(readonly mark: string) {}

  visit(v: unknown): unknown {
    if (typeof v === "string") {
      if (v.length < LARGE_STRING) return v;
      this.strings.push(v);
      return this.mark + (this.strings.length - 1);
    }
    if (typeof v !== "object" || v === null || this.budget <= 0 || !isPlain(v)) return v;
    if (this.open.has(v)) {
      this.cycle = true; // JSON.stringify of the original says which
      return v;
    }
    return this.copy(v);
  }

  copy(node: object): object {
    this.open.add(node);
    let out: object;
    if (Array.isArray(node)) {
      const a: unknown[] = []; // (packed, as JSON.stringify's fast path likes; holes → undefined)
      for (let i = 0; i < node.length && !this.cycle; i++) {
        this.budget--;
        const v = node[i];
        const c = this.visit(v);
        if (c !== v && typeof v === "string") this.slots.push([a, i]);
        a.push(c);
      }
      out = a;
    } else {
      // A plain object, so that copies of one shape share V8's hidden class (a prototype-less
      // one is a dictionary, which JSON.stringify serialises far slower); "__proto__" is defined,
      // not assigned, so it stays a key.
      const o: Record<string, unknown> = {};
      const src = node as Record<string, unknown>;
      for (const k of Object.keys(src)) {
        if (this.cycle) break;
        this.budget--;
        const v = src[k];
        const c = this.visit(v);
        if (c !== v && typeof v === "string") this.slots.push([o, k]);
        if (k === "__proto__") {
          Object.defineProperty(o, k, { value: c, enumerable: true, writable: true });
        } else o[k] = c;
      }
      out = o;
    }
    this.open.delete(node);
    return out;
  }

  /** The strings put back into the copy `tree`, and its whole text. */
  whole(tree: object): JsonParts {
    for (let i = 0; i < this.slots.length; i++) {
      const [holder, key] = this.slots[i];
      Object.defineProperty(holder, key, {
        value: this.strings[i],
        enumerable: true,
        writable: true,
      });
    }
    return { texts: [JSON.stringify(tree)], strings: [] };
  }
}

/**
 * Which of `strings` equal one of `plain` (compared by value: an equal string needs no escaping
 * either; the same string object compares at once).
 */
function marks(strings: string[], plain: readonly string[] | undefined): boolean[] | undefined {
  if (plain === undefined || plain.length === 0) return undefined;
  const out: boolean[] = [];
  for (const s of strings) out.push(plain.includes(s));
  return out;
}

const encoder = new TextEncoder();

/**
 * Writes the UTF-8 of {@linkcode JsonParts} into `into`, each large string between quotes, escaped
 * as `JSON.stringify` would when it needs escaping.
 *
 * @param parts The pieces.
 * @param into Where to write.
 * @returns The bytes written, or -1 when `into` is too small.
 * @example
 * ```ts
 * import { jsonParts, writeJsonParts } from "./_json_result.ts";
 * const into = new Uint8Array(200_000);
 * const n = writeJsonParts(jsonParts(["a\"b".repeat(30_000)])!, into);
 * import { equal } from "node:assert/strict";
 * equal(n, 2 + 30_000 * 4 + 2); // [" and "], each a"b escaped to four bytes
 * equal(new TextDecoder().decode(into.subarray(0, 6)), '["a\\"b');
 * ```
 */
export function writeJsonParts(parts: JsonParts, into: Uint8Array): number {
  let at = 0;
  const put = (s: string): boolean => {
    if (s.length === 0) return true;
    const r = encoder.encodeInto(s, into.subarray(at));
    at += r.written;
    return r.read === s.length;
  };
  for (let i = 0; i < parts.strings.length; i++) {
    if (!put(parts.texts[i])) return -1;
    const s = parts.strings[i];
    const start = at;
    if (at >= into.length) return -1;
    into[at++] = 0x22;
    if (!put(s)) return -1;
    if (
      parts.plain?.[i] === true ||
      (s.isWellFormed() && jsonEscapeIndex(into.subarray(start + 1, at)) === -1)
    ) {
      if (at >= into.length) return -1;
      into[at++] = 0x22;
    } else {
      at = start; // escapes needed (or lone surrogates): as JSON.stringify writes it
      if (!put(JSON.stringify(s))) return -1;
    }
  }
  return put(parts.texts[parts.strings.length]) ? at : -1;
}

/**
 * The UTF-8 of {@linkcode JsonParts}, written into `into` when it is large enough, else into a new
 * buffer: first one sized for ASCII without escapes (and an eighth more), then one for any text,
 * then one for the worst case.
 *
 * @param parts The pieces.
 * @param into A buffer to reuse, if any.
 * @returns A view of the bytes, from the start of `into` or of the new buffer.
 * @example
 * ```ts
 * import { jsonParts, jsonPartsBytes } from "./_json_result.ts";
 * const bytes = jsonPartsBytes(jsonParts({ s: "ƛ".repeat(70_000) })!);
 * import { equal } from "node:assert/strict";
 * equal(bytes.length, 6 + 70_000 * 2 + 2); // {"s":" then two bytes for each ƛ, then "}
 * ```
 */
export function jsonPartsBytes(parts: JsonParts, into?: Uint8Array): Uint8Array {
  let units = 0;
  for (const t of parts.texts) units += t.length;
  for (const s of parts.strings) units += s.length + 2;
  let buf = into ?? new Uint8Array(0);
  for (const size of [units + (units >> 3), units * 3, jsonPartsMaxBytes(parts)]) {
    if (buf.length < size) buf = new Uint8Array(size);
    const n = writeJsonParts(parts, buf);
    if (n >= 0) return buf.subarray(0, n);
  }
  throw new RangeError("JSON text larger than its bound"); // jsonPartsMaxBytes always fits
}

/**
 * Bytes {@linkcode writeJsonParts} needs at most.
 *
 * @param parts The pieces.
 * @returns An upper bound, in bytes.
 * @example
 * ```ts
 * import { jsonParts, jsonPartsMaxBytes } from "./_json_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(jsonPartsMaxBytes(jsonParts(["x".repeat(70_000)])!), 1260012);
 * ```
 */
export function jsonPartsMaxBytes(parts: JsonParts): number {
  let units = 0;
  for (const t of parts.texts) units += t.length;
  for (const s of parts.strings) units += 6 * s.length + 2; // "\u001f" for each, at worst
  return 3 * units;
}
