/**
 * The S3 key helper. Go's `S3Object` fills `URLDecodedKey` from `Key` while decoding; our decoder
 * keeps the event exactly as received, so that value is computed on demand instead.
 *
 * @module
 */

/**
 * Decodes an S3 event object key the way Go's `url.QueryUnescape` does (`+` is a space, `%XX` a
 * byte, the bytes read as UTF-8).
 *
 * @param key The `key` of an S3 event record's object.
 * @returns The decoded key.
 * @throws {TypeError} A `%` escape is malformed.
 * @example
 * ```ts
 * import { urlDecodeS3Key } from "./s3_key.ts";
 * import { ok } from "node:assert/strict";
 * ok(urlDecodeS3Key("photos/my+cat%C3%A9.jpg") === "photos/my caté.jpg");
 * ```
 */
export function urlDecodeS3Key(key: string): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(key)) {
    throw new TypeError(`malformed %-escape in S3 key ${JSON.stringify(key)}`);
  }
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === "%") {
      bytes.push(parseInt(key.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === "+") {
      bytes.push(0x20);
    } else {
      const cp = key.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length - 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
