/**
 * Events for `deno task bench:compare` and `bench:runtime-api`, in three shapes: one long JSON
 * string of ASCII letters (`string`), the same with non-ASCII text and escapes in it (`text`), and
 * an array of small records (`records`, like an SQS batch). Each is made so that Go's
 * `encoding/json` (through `interface{}` or a struct: keys in order, numbers small integers) and
 * `JSON.stringify` print it byte-equal to itself: keys already sorted, no `<>&`, no U+2028/9, no
 * `\b` or `\f` (which the two escape differently). The load driver checks every reply against
 * the event (or against {@link changeRecords} of it), so a peer that answers wrong fails the run.
 *
 * @module
 */

/** The event shapes. */
export type Shape = "string" | "text" | "records";

/**
 * Pieces of the `text` shape, as JSON text: letters, two- to four-byte UTF-8 characters, and the
 * escapes both printers write the same way.
 */
const TEXT_PIECES = [
  ..."abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789".split(""),
  "é",
  "ß",
  "ƛ",
  "ü",
  "Ω",
  "日本",
  "語",
  "€",
  "😀",
  "🦀",
  '\\"',
  "\\\\",
  "\\n",
  "\\t",
  "\\u0001",
];

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";

const utf8 = new TextEncoder();

/** JSON string content of exactly `n` bytes of UTF-8, mixing {@link TEXT_PIECES}. */
function unicodeText(n: number, seed: number): string {
  const parts: string[] = [];
  let size = 0;
  let x = seed >>> 0 || 1;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const piece = TEXT_PIECES[(x >>> 0) % TEXT_PIECES.length];
    const len = utf8.encode(piece).length;
    if (size + len > n) break;
    parts.push(piece);
    size += len;
  }
  return parts.join("") + "x".repeat(n - size);
}

function text(n: number, seed: number): string {
  let s = "";
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s += ALPHABET[(x >>> 0) % ALPHABET.length];
  }
  return s;
}

/**
 * Makes an event of exactly `size` bytes of JSON (or the nearest size the shape allows above it,
 * for sizes below its skeleton).
 *
 * @param shape `"string"`: `{"data":"…"}` (ASCII letters); `"text"`: the same with non-ASCII
 * characters and escapes; `"records"`: `[{"body":"…","id":"m-…","n":…}, …]`.
 * @param size Bytes of JSON wanted.
 * @returns The JSON text's UTF-8 bytes.
 * @throws {RangeError} When `size` is not a positive integer.
 * @example
 * ```ts
 * import { makeEvent } from "./compare_payloads.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(makeEvent("records", 1024).length, 1024);
 * ```
 */
export function makeEvent(shape: Shape, size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`makeEvent: size must be a positive integer, got ${size}`);
  }
  let json: string;
  if (shape === "string") {
    json = `{"data":"${text(Math.max(0, size - 11), size)}"}`;
  } else if (shape === "text") {
    json = `{"data":"${unicodeText(Math.max(0, size - 11), size)}"}`;
  } else {
    const records: string[] = [];
    let total = 2; // [ ]
    let i = 0;
    for (;;) {
      const rec = `{"body":"${text(40, i + 1)}","id":"m-${i}","n":${i % 1000}}`;
      const add = rec.length + (i > 0 ? 1 : 0);
      if (total + add > size && i > 0) break;
      records.push(rec);
      total += add;
      i++;
    }
    // Pad the last record's body to land on the exact size.
    const pad = size - total;
    if (pad > 0) {
      const last = records.length - 1;
      records[last] = records[last].replace('","id"', `${text(pad, 7)}","id"`);
    }
    json = `[${records.join(",")}]`;
  }
  return utf8.encode(json);
}

/**
 * What the benchmark's changing handler answers to a records event: each record's `n` grown by
 * its body's length, printed as `JSON.stringify` and Go's `encoding/json` print it.
 *
 * @param event A records event from {@link makeEvent}.
 * @returns The reply's UTF-8 bytes.
 * @throws {TypeError} When the event is not a JSON array of records.
 * @example
 * ```ts
 * import { changeRecords } from "./compare_payloads.ts";
 * import { equal } from "node:assert/strict";
 * const event = new TextEncoder().encode('[{"body":"abc","id":"m-0","n":1}]');
 * equal(new TextDecoder().decode(changeRecords(event)), '[{"body":"abc","id":"m-0","n":4}]');
 * ```
 */
export function changeRecords(event: Uint8Array): Uint8Array {
  const records: unknown = JSON.parse(new TextDecoder().decode(event));
  if (!Array.isArray(records)) throw new TypeError("changeRecords: the event is not an array");
  for (const r of records as { body: string; n: number }[]) r.n += r.body.length;
  return utf8.encode(JSON.stringify(records));
}
