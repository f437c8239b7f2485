/**
 * Go strings in JavaScript. Go strings are bytes; those that are not valid UTF-8 are represented
 * losslessly: each byte of an invalid sequence becomes a lone surrogate U+DC80..U+DCFF (like
 * Python's "surrogateescape"), and encoding turns such code units back into those bytes. Valid
 * UTF-8 never produces lone surrogates, so the mapping is unambiguous.
 *
 * @module
 */

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const textEncoder = new TextEncoder();

/**
 * Decodes Go string bytes, escaping invalid UTF-8 bytes as U+DC80..U+DCFF.
 *
 * @param bytes the string's bytes
 * @returns the JavaScript string
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeGoString } from "./strings.ts";
 * assert.equal(decodeGoString(new Uint8Array([0x61, 0xff])), "a\udcff");
 * ```
 */
export function decodeGoString(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeEscaped(bytes);
  }
}

function seqLength(b: Uint8Array, i: number): number {
  const c = b[i];
  const n = b.length;
  const cont = (j: number) => j < n && (b[j] & 0xc0) === 0x80;
  if (c < 0x80) return 1;
  if (c < 0xc2) return 0;
  if (c < 0xe0) return cont(i + 1) ? 2 : 0;
  if (c < 0xf0) {
    const c1 = b[i + 1];
    if (c === 0xe0 && c1 < 0xa0) return 0;
    if (c === 0xed && c1 >= 0xa0) return 0;
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c < 0xf5) {
    const c1 = b[i + 1];
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 >= 0x90) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

function decodeEscaped(b: Uint8Array): string {
  let out = "";
  let run = 0; // start of the current valid run
  let i = 0;
  while (i < b.length) {
    const n = seqLength(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (run < i) out += utf8.decode(b.subarray(run, i));
    out += String.fromCharCode(0xdc00 | b[i]);
    i++;
    run = i;
  }
  if (run < i) out += utf8.decode(b.subarray(run, i));
  return out;
}

/**
 * UTF-8 bytes of a string, turning U+DC80..U+DCFF lone surrogates back into raw bytes (other
 * lone surrogates become U+FFFD like TextEncoder).
 *
 * @param s the string
 * @returns its Go bytes
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeGoString } from "./strings.ts";
 * assert.deepEqual(encodeGoString("a\udcff"), new Uint8Array([0x61, 0xff]));
 * ```
 */
export function encodeGoString(s: string): Uint8Array {
  if (s.isWellFormed()) return textEncoder.encode(s);
  const parts: number[] = [];
  let run = 0;
  const flush = (end: number) => {
    if (run < end) { for (const x of textEncoder.encode(s.slice(run, end))) parts.push(x); }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) {
      flush(i);
      parts.push(c & 0xff);
      run = i + 1;
    }
  }
  flush(s.length);
  return new Uint8Array(parts);
}
