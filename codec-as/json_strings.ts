/**
 * Where a JSON text's long string values are, found by gob.wasm sixteen bytes at a time: what lets
 * a large event's long strings be decoded straight from its bytes instead of through `JSON.parse`,
 * which would first need the whole text as a string and then copy each string out of it.
 *
 * @module
 */
import { mem, memoryBuffer, wasm } from "./wasm.ts";

/** Most long strings reported per text (the room gob.wasm keeps for them); any more stay in the text. */
export const MAX_LONG_STRINGS = 64;

/**
 * Literals (strings and keys) scanned before giving up: past them, long strings are left in the
 * text. It keeps the scan short for texts of many small strings (an SQS batch), which have none.
 */
export const MAX_SCANNED_LITERALS = 4096;

// Static memory in gob.wasm, not an allocation: one could grow memory, and so detach the view of
// codec memory a caller holds.
let out = 0;

/**
 * Finds the long string values of a JSON text: string literals whose content is at least
 * `minBytes` bytes, holds no backslash and no control character — so that its UTF-8 is the
 * string's value as it is — and that are values, not object keys. At most
 * {@linkcode MAX_LONG_STRINGS} are reported, within the first {@linkcode MAX_SCANNED_LITERALS}
 * literals. Text in codec memory is scanned where it is; other text is copied in first.
 *
 * @param utf8 The JSON text's UTF-8 bytes.
 * @param minBytes The least content length, in bytes, of a string reported.
 * @returns Pairs of offsets into `utf8`: each string's content is `utf8.subarray(pairs[2k],
 *   pairs[2k + 1])`, between its quotes. Text that is not JSON gives some pairs or none; parsing the
 *   rest rejects it.
 * @example
 * ```ts
 * import { jsonLongStrings } from "./json_strings.ts";
 * const utf8 = new TextEncoder().encode('{"id":"a","body":"0123456789"}');
 * console.log([...jsonLongStrings(utf8, 8)]); // [ 18, 28 ]
 * ```
 */
export function jsonLongStrings(utf8: Uint8Array, minBytes: number): Uint32Array {
  if (out === 0) out = wasm.jsonLongStringsOut();
  const n = utf8.length;
  if (n > 0 && utf8.buffer === memoryBuffer()) return scan(utf8.byteOffset, n, minBytes);
  if (n > PREFIX_BYTES) {
    // Many small literals (an SQS batch) reach the scan's limits early: then the whole text gives
    // the pairs its prefix gives, and the text is not copied whole into codec memory, which would
    // keep it grown by the text's size.
    const pairs = copiedScan(utf8.subarray(0, PREFIX_BYTES), minBytes);
    if (settled(utf8, pairs)) return pairs;
  }
  return copiedScan(utf8, minBytes);
}

/** Text copied into codec memory before {@linkcode jsonLongStrings} looks at it, at most. */
export const PREFIX_BYTES = 256 * 1024;

function scan(at: number, n: number, minBytes: number): Uint32Array {
  const found = wasm.jsonLongStrings(
    at,
    n,
    Math.max(minBytes, 0),
    out,
    MAX_LONG_STRINGS,
    MAX_SCANNED_LITERALS,
  );
  return mem().u32.slice(out >>> 2, (out >>> 2) + 2 * found);
}

function copiedScan(utf8: Uint8Array, minBytes: number): Uint32Array {
  const at = wasm.alloc(Math.max(utf8.length, 1));
  mem().u8.set(utf8, at);
  const pairs = scan(at, utf8.length, minBytes);
  wasm.free(at);
  return pairs;
}

/**
 * Whether the scan of a prefix of `utf8` (the pairs it gave, just now) stopped at its limits
 * inside the prefix, and its last string is followed by something other than whitespace there (the
 * scan takes a string followed by nothing but whitespace for a value: in the whole text a `:` may
 * come after it).
 */
function settled(utf8: Uint8Array, pairs: Uint32Array): boolean {
  const literals = wasm.jsonLongStringsLiterals();
  if (pairs.length < 2 * MAX_LONG_STRINGS && literals < MAX_SCANNED_LITERALS) return false;
  if (pairs.length === 0) return true;
  for (let k = pairs[pairs.length - 1] + 1; k < PREFIX_BYTES; k++) {
    const c = utf8[k];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}
