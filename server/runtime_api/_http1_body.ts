/**
 * Reading an HTTP/1.1 response body delimited by `Content-Length` ({@linkcode readLengthBody}) or
 * by chunks ({@linkcode readChunkedBody}), from a connection's buffered bytes. A body that runs to
 * the end of the stream is the connection's own to read (it needs the socket itself).
 *
 * @module
 */
import { Http1Error } from "./_http1_error.ts";

/** Where a body's bytes come from: the bytes a connection has buffered, then its socket. */
export interface BodySource {
  /**
   * Fills `target` with the next bytes.
   *
   * @throws {Http1Error} When the stream ends first.
   */
  readInto(target: Uint8Array): Promise<void>;
  /**
   * The next line, as Latin-1 text without its CRLF.
   *
   * @throws {Http1Error} When the line is too long or the stream ends first.
   */
  readLine(): Promise<string>;
}

/**
 * Reads a `Content-Length` body: into the caller's buffer when it gives one long enough (the body
 * is then a view of its start), else into a new one of exactly that length.
 *
 * @param source The connection's bytes.
 * @param n The `Content-Length`.
 * @param maxBodyBytes The most bytes a body may have.
 * @param into Called with `n`; returns the buffer to read into.
 * @returns The body.
 * @throws {Http1Error} When `n` exceeds `maxBodyBytes` (nothing is read then) or the stream ends.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readLengthBody } from "./_http1_body.ts";
 * const source = {
 *   readInto: async (t: Uint8Array) => {
 *     t.fill(7);
 *   },
 *   readLine: async () => "",
 * };
 * assert.deepEqual(await readLengthBody(source, 3, 10), new Uint8Array([7, 7, 7]));
 * ```
 */
export async function readLengthBody(
  source: BodySource,
  n: number,
  maxBodyBytes: number,
  into?: (length: number) => Uint8Array,
): Promise<Uint8Array> {
  if (n > maxBodyBytes) {
    throw new Http1Error(`HTTP response body of ${n} bytes, more than ${maxBodyBytes}`);
  }
  const given = into?.(n);
  const body = given !== undefined && given.length >= n ? given.subarray(0, n) : new Uint8Array(n);
  await source.readInto(body);
  return body;
}

/**
 * Reads a chunked body, through its last chunk and trailers (which are dropped), into one buffer
 * that doubles as chunks arrive.
 *
 * @param source The connection's bytes.
 * @param maxBodyBytes The most bytes the de-chunked body may have.
 * @returns The de-chunked body.
 * @throws {Http1Error} On a bad chunk-size line, a chunk not followed by CRLF, a body over the limit
 * or a stream that ends first.
 */
export async function readChunkedBody(
  source: BodySource,
  maxBodyBytes: number,
): Promise<Uint8Array> {
  let body = new Uint8Array(0);
  let size = 0;
  for (;;) {
    const line = await source.readLine();
    // chunk-size [BWS] [; extensions]; leading zeros are legal in any number (RFC 9112 §7.1)
    const m = /^([0-9a-fA-F]+)[ \t]*(;.*)?$/.exec(line);
    if (m === null) {
      throw new Http1Error(`bad HTTP chunk size line ${JSON.stringify(line.slice(0, 200))}`);
    }
    const digits = m[1].replace(/^0+/, "");
    if (digits.length > 13) throw new Http1Error(`HTTP response body over ${maxBodyBytes} bytes`);
    const n = digits === "" ? 0 : parseInt(digits, 16); // at most 13 digits: exact in a double
    if (n === 0) break;
    if (size + n > maxBodyBytes) {
      throw new Http1Error(`HTTP response body over ${maxBodyBytes} bytes`);
    }
    if (size + n > body.length) {
      const grown = new Uint8Array(Math.max(size + n, Math.min(body.length * 2, maxBodyBytes)));
      grown.set(body.subarray(0, size));
      body = grown;
    }
    await source.readInto(body.subarray(size, size + n));
    size += n;
    if ((await source.readLine()) !== "") throw new Http1Error("HTTP chunk not followed by CRLF");
  }
  while ((await source.readLine()) !== "") {
    // trailers: not used
  }
  return body.length === size ? body : body.slice(0, size);
}

/**
 * The bytes of `parts`, one after another, in one new array.
 *
 * @param parts Byte arrays.
 * @returns Their concatenation.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { concat } from "./_http1_body.ts";
 * assert.deepEqual(concat([new Uint8Array([1]), new Uint8Array([2, 3])]), new Uint8Array([1, 2, 3]));
 * ```
 */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
