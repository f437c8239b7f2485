/**
 * UTF-8 for small JSON texts without a call into the runtime: `TextDecoder`/`TextEncoder` are ops
 * (a native call and, for encoding, a fresh array each), and a go1.x invocation makes one of each.
 * Events and results of up to a few hundred bytes are mostly ASCII, which a loop handles in place;
 * anything else goes to the runtime's codecs.
 *
 * @module
 */

const decoder = new TextDecoder();
const encoder = new TextEncoder();
/** Longest text handled by the loops (above it the native codecs are faster). */
const SMALL = 512;

/**
 * Decodes UTF-8 as `new TextDecoder().decode` does (a leading BOM dropped, invalid bytes as U+FFFD).
 *
 * @param bytes The bytes.
 * @returns The text.
 * @example
 * ```ts
 * import { decodeUtf8 } from "./utf8.ts";
 * console.log(decodeUtf8(new TextEncoder().encode('{"ƛ":1}'))); // {"ƛ":1}
 * ```
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n > SMALL) return decoder.decode(bytes);
  let any = 0;
  for (let i = 0; i < n; i++) any |= bytes[i];
  if (any >= 0x80) return decoder.decode(bytes);
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/**
 * Encodes text as UTF-8 into `into` when it is ASCII and fits, else into a fresh array.
 *
 * @param text The text.
 * @param into A buffer to reuse for short ASCII texts.
 * @returns The bytes: a view of `into`, or a fresh array.
 * @example
 * ```ts
 * import { encodeUtf8 } from "./utf8.ts";
 * const buf = new Uint8Array(64);
 * console.log(encodeUtf8("ok", buf).buffer === buf.buffer); // true
 * console.log(encodeUtf8("ƛ", buf)); // Uint8Array(2) [ 198, 155 ]
 * ```
 */
export function encodeUtf8(text: string, into: Uint8Array): Uint8Array {
  const n = text.length;
  if (n > SMALL || n > into.length) return encoder.encode(text);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return encoder.encode(text);
    into[i] = c;
  }
  return into.subarray(0, n);
}
