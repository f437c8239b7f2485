/**
 * Where UTF-8 text first needs escaping inside a JSON string, found by gob.wasm sixteen bytes at a
 * time: the check behind writing a large string into JSON output as its own bytes, instead of
 * through `JSON.stringify`.
 *
 * @module
 */
import { mem, wasm } from "../../codec-as/wasm/mod.ts";

/** Bytes scanned per call: the text is copied into codec memory a piece at a time. */
const PIECE = 64 * 1024;
let scratch = 0;

/**
 * Index of the first byte of `utf8` that JSON must escape inside a string — `"`, `\` or a control
 * character below U+0020 — or -1 when there is none, so that `"` + the bytes + `"` is the JSON
 * text of the string they encode (as `JSON.stringify` writes it, for well-formed text).
 *
 * @param utf8 UTF-8 bytes.
 * @returns The index, or -1.
 * @example
 * ```ts
 * import { jsonEscapeIndex } from "./_json_escape.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const utf8 = new TextEncoder().encode('ƛ says "hi"');
 * deepStrictEqual(jsonEscapeIndex(utf8), 8); // "ƛ" is two bytes, then ` says ` is six
 * deepStrictEqual(jsonEscapeIndex(utf8.subarray(0, 6)), -1);
 * ```
 */
export function jsonEscapeIndex(utf8: Uint8Array): number {
  if (scratch === 0) scratch = wasm.alloc(PIECE);
  for (let at = 0; at < utf8.length; at += PIECE) {
    const n = Math.min(PIECE, utf8.length - at);
    mem().u8.set(utf8.subarray(at, at + n), scratch);
    const i = wasm.jsonEscapeAt(scratch, n);
    if (i < n) return at + i;
  }
  return -1;
}
