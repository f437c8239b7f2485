/**
 * Standard base64 (with padding), as Go's `encoding/json` writes `[]byte`.
 *
 * @module
 */

const VALID = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard padded base64; like Go, line breaks (`\r`, `\n`) are ignored.
 *
 * @param text The base64 text.
 * @returns The bytes, or `undefined` when the text is not valid base64.
 * @example
 * ```ts
 * import { decodeBase64 } from "./base64.ts";
 * import { ok } from "node:assert/strict";
 * ok(decodeBase64("aGk=")?.length === 2);
 * ```
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\r\n]/g, "");
  if (!VALID.test(clean)) return undefined;
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Encodes bytes as standard padded base64.
 *
 * @param bytes The bytes.
 * @returns The base64 text.
 * @example
 * ```ts
 * import { encodeBase64 } from "./base64.ts";
 * import { ok } from "node:assert/strict";
 * ok(encodeBase64(new Uint8Array([104, 105])) === "aGk=");
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  let bin = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(bin);
}
