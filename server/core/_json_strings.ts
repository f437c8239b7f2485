/**
 * Where a JSON text's long string values are, found by gob.wasm sixteen bytes at a time: what lets
 * a large event's long strings be decoded straight from its bytes instead of through `JSON.parse`,
 * which would first need the whole text as a string and then copy each string out of it.
 *
 * @module
 */
import { mem, memoryBuffer, wasm } from "../../codec-as/wasm/mod.ts";

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
 * import { jsonLongStrings } from "./_json_strings.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const utf8 = new TextEncoder().encode('{"id":"a","body":"0123456789"}');
 * deepStrictEqual([...jsonLongStrings(utf8, 8)], [ 18, 28 ]);
 * ```
 */
export function jsonLongStrings(utf8: Uint8Array, minBytes: number): Uint32Array {
  if (out === 0) out = wasm.jsonLongStringsOut();
  const n = utf8.length;
  if (n > 0 && utf8.buffer === memoryBuffer()) {
    return pairsOf(
      wasm.jsonLongStrings(
        utf8.byteOffset,
        n,
        Math.max(minBytes, 0),
        out,
        MAX_LONG_STRINGS,
        MAX_SCANNED_LITERALS,
      ),
    );
  }
  return scanInWindows(utf8, minBytes, WINDOW_BYTES);
}

/**
 * Text not in codec memory is copied in and scanned this many bytes at a time, in one reused piece
 * of codec memory: a long text does not grow codec memory by its size, and a text of many small
 * literals (an SQS batch), whose scan ends at its limits early, is not copied past them.
 */
export const WINDOW_BYTES = 256 * 1024;

let window = 0;
let windowBytes = 0;

/**
 * {@linkcode jsonLongStrings} of text outside codec memory, copied in `size` bytes at a time (the
 * scan carries its state across the windows). Exported for tests, which use small windows.
 *
 * @param utf8 The JSON text's UTF-8 bytes.
 * @param minBytes The least content length, in bytes, of a string reported.
 * @param size The window's size in bytes.
 * @returns The pairs, as {@linkcode jsonLongStrings} gives them.
 * @example
 * ```ts
 * import { scanInWindows } from "./_json_strings.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const utf8 = new TextEncoder().encode('{"id":"a","body":"0123456789"}');
 * deepStrictEqual([...scanInWindows(utf8, 8, 4)], [ 18, 28 ]);
 * ```
 */
export function scanInWindows(utf8: Uint8Array, minBytes: number, size: number): Uint32Array {
  if (out === 0) out = wasm.jsonLongStringsOut();
  if (windowBytes < size) {
    if (window !== 0) wasm.free(window);
    window = wasm.alloc(size);
    windowBytes = size;
  }
  const n = utf8.length;
  let found = 0;
  let base = 0;
  do {
    const k = Math.min(size, n - base);
    mem().u8.set(utf8.subarray(base, base + k), window);
    found = wasm.jsonLongStringsWindow(
      window,
      k,
      base,
      Math.max(minBytes, 0),
      out,
      MAX_LONG_STRINGS,
      MAX_SCANNED_LITERALS,
      base === 0 ? 1 : 0, // first window
      base + k === n ? 1 : 0, // last window
    );
    base += k;
  } while (base < n && wasm.jsonLongStringsMore(MAX_LONG_STRINGS, MAX_SCANNED_LITERALS) !== 0);
  return pairsOf(found);
}

function pairsOf(found: number): Uint32Array {
  return mem().u32.slice(out >>> 2, (out >>> 2) + 2 * found);
}
