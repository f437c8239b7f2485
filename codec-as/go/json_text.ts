/**
 * Scalar text exactly as Go's `encoding/json` (Go 1.19) writes it: strings with HTML-safe escaping
 * and invalid UTF-8 bytes as `\ufffd`, float64 numbers, base64, and `time.Time` as RFC 3339.
 *
 * @module
 */

import { encodeGoString } from "../mod.ts";

const HEX = "0123456789abcdef";

function escapeCodeUnit(c: number): string | undefined {
  if (c === 0x22) return '\\"';
  if (c === 0x5c) return "\\\\";
  if (c === 0x0a) return "\\n";
  if (c === 0x0d) return "\\r";
  if (c === 0x09) return "\\t";
  if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) {
    return "\\u00" + HEX[c >> 4] + HEX[c & 15];
  }
  if (c === 0x2028) return "\\u2028";
  if (c === 0x2029) return "\\u2029";
  return undefined;
}

/**
 * A JSON string literal as Go's `encoding/json` writes it, for a JavaScript string. Lone
 * surrogates (which UTF-8 text cannot produce) are written as `\ufffd`, as Go would write the
 * bytes of an invalid encoding.
 *
 * @param s The string.
 * @returns The quoted JSON text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(goQuote("<a&b>") === '"\\u003ca\\u0026b\\u003e"');
 * ```
 */
export function goQuote(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc = escapeCodeUnit(c);
    if (esc === undefined && c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      esc = "\\ufffd";
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/** Keeps a leading U+FEFF (a run may start with one). */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Length of the valid UTF-8 sequence at b[i], or 0 when the byte starts no valid sequence. */
function utf8Len(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = b[i + 1];
    if (c === 0xe0 && !(c1 >= 0xa0 && c1 <= 0xbf)) return 0;
    if (c === 0xed && !(c1 >= 0x80 && c1 <= 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = b[i + 1];
    if (c === 0xf0 && !(c1 >= 0x90 && c1 <= 0xbf)) return 0;
    if (c === 0xf4 && !(c1 >= 0x80 && c1 <= 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * A JSON string literal as Go's `encoding/json` writes a Go string holding these raw bytes: each
 * byte that starts no valid UTF-8 sequence becomes `\ufffd`.
 *
 * @param b The string's bytes (need not be UTF-8).
 * @returns The quoted JSON text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(goQuoteBytes(new Uint8Array([0x61, 0xff])) === '"a\\ufffd"');
 * ```
 */
export function goQuoteBytes(b: Uint8Array): string {
  let text = "";
  let i = 0;
  while (i < b.length) {
    let j = i;
    while (j < b.length) {
      const n = utf8Len(b, j);
      if (n === 0) break;
      j += n;
    }
    if (j > i) text += utf8.decode(b.subarray(i, j));
    if (j < b.length) {
      text += "\uDFFF"; // a lone surrogate: goQuote writes it as \ufffd
      j++;
    }
    i = j;
  }
  return goQuote(text);
}

/**
 * The key Go sorts map keys by: the raw bytes of the key string. JavaScript strings compare by
 * UTF-16 code unit, which differs from UTF-8 byte order only for astral characters; comparing code
 * points fixes that. Strings holding the codec's stand-ins for non-UTF-8 bytes (U+DC80..U+DCFF)
 * compare by their Go bytes.
 *
 * @param a First key.
 * @param b Second key.
 * @returns Negative, zero or positive like a sort comparator.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(compareGoStrings("\u{10000}", "\uffff") > 0);
 * ```
 */
export function compareGoStrings(a: string, b: string): number {
  if (RAW_BYTE.test(a) || RAW_BYTE.test(b)) {
    return compareBytes(encodeGoString(a), encodeGoString(b));
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!, y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** The codec's stand-ins for bytes that are not UTF-8 (lone surrogates U+DC80..U+DCFF). */
const RAW_BYTE = /[\udc80-\udcff]/;

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * A float64 as Go's `encoding/json` writes it: shortest round-trip digits, `'e'` notation below
 * 1e-6 and from 1e21 (exponent without leading zero), `-0` kept. NaN and ±Inf, which Go refuses,
 * are written as the strings "NaN", "+Inf" and "-Inf".
 *
 * @param f The number.
 * @returns JSON text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(goFloat(1e21) === "1e+21" && goFloat(-0) === "-0" && goFloat(NaN) === '"NaN"');
 * ```
 */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return '"NaN"';
  if (f === Infinity) return '"+Inf"';
  if (f === -Infinity) return '"-Inf"';
  if (Object.is(f, -0)) return "-0";
  // JavaScript's Number#toString switches to exponent form at the same bounds as Go (1e-6, 1e21)
  // and also prints the shortest digits that round-trip.
  return String(f);
}

/**
 * Standard base64 with padding, as Go's `encoding/json` writes a `[]byte`.
 *
 * @param b Bytes.
 * @returns Base64 text (not quoted).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(base64(new Uint8Array([1, 2, 3])) === "AQID");
 * ```
 */
export function base64(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) {
    s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/** Seconds from 0001-01-01T00:00:00Z to the Unix epoch (Go's unixToInternal). */
const UNIX_TO_INTERNAL = 62135596800n;

/**
 * `time.Time` as its `MarshalJSON` writes it (RFC 3339 with nanoseconds, trailing zeros dropped),
 * from the bytes of its `GobEncode`/`MarshalBinary` (versions 1 and 2).
 *
 * @param b The marshaled time.
 * @returns The quoted JSON string.
 * @throws {RangeError} When the bytes are not a marshaled time or the year is outside 0..9999
 *   (Go's `MarshalJSON` refuses those too).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const b = new Uint8Array([1, 0, 0, 0, 14, 213, 159, 84, 165, 0, 0, 2, 88, 255, 255]);
 * assert.ok(goTimeJSON(b) === '"2020-01-02T03:04:05.0000006Z"');
 * ```
 */
export function goTimeJSON(b: Uint8Array): string {
  const version = b[0];
  const want = version === 1 ? 15 : version === 2 ? 16 : -1;
  if (b.length !== want) throw new RangeError(`Time: invalid marshaled length ${b.length}`);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const sec = view.getBigInt64(1);
  const nsec = view.getInt32(9);
  let offMin = view.getInt16(13);
  let offSec = offMin === -1 ? 0 : offMin * 60;
  if (version === 2) offSec += b[15];
  if (offMin === -1) offMin = 0;
  if (nsec < 0 || nsec >= 1e9) throw new RangeError(`Time: invalid nanoseconds ${nsec}`);
  const local = sec - UNIX_TO_INTERNAL + BigInt(offSec);
  const ms = Number(local) * 1000;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime()) || year < 0 || year > 9999) {
    throw new RangeError("Time.MarshalJSON: year outside of range [0,9999]");
  }
  const p = (n: number, w: number) => String(n).padStart(w, "0");
  let s = `${p(year, 4)}-${p(d.getUTCMonth() + 1, 2)}-${p(d.getUTCDate(), 2)}T` +
    `${p(d.getUTCHours(), 2)}:${p(d.getUTCMinutes(), 2)}:${p(d.getUTCSeconds(), 2)}`;
  if (nsec !== 0) s += "." + p(nsec, 9).replace(/0+$/, "");
  if (offSec === 0) s += "Z";
  else {
    const a = Math.abs(offSec);
    s += (offSec < 0 ? "-" : "+") + p(Math.floor(a / 3600), 2) + ":" +
      p(Math.floor(a / 60) % 60, 2);
    // Go's "Z07:00" layout drops seconds of an offset; MarshalJSON then refuses such zones.
  }
  return `"${s}"`;
}
