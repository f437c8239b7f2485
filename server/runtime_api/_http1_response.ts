/**
 * What an HTTP/1.1 response head says: its status line and header lines parsed
 * ({@linkcode parseResponseHead}), and how its body is framed ({@linkcode bodyFraming}). Pure
 * functions of the head's text; reading the bytes is the connection's work.
 *
 * @module
 */
import { Http1Error } from "./_http1_error.ts";

/** An HTTP token (RFC 9110): what a header name is made of. */
export const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** UTF-8, refusing malformed bytes (a header value that is not UTF-8 stays Latin-1 text). */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A header value's bytes, given as Latin-1 text (one character per byte), as text: decoded as
 * UTF-8 when they are well-formed UTF-8 (what servers send for non-ASCII text, and what Go's
 * strings carry), else left as Latin-1 (no byte is lost or replaced).
 *
 * @param latin1 The value's bytes, one character each.
 * @returns The value's text, and whether it was ASCII or well-formed UTF-8.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { headerText } from "./_http1_response.ts";
 * assert.deepEqual(headerText("caf\u00c3\u00a9"), { text: "caf\u00e9", utf8: true });
 * assert.deepEqual(headerText("caf\u00e9"), { text: "caf\u00e9", utf8: false });
 * ```
 */
export function headerText(latin1: string): { text: string; utf8: boolean } {
  if (!/[\u0080-\uffff]/.test(latin1)) return { text: latin1, utf8: true };
  const bytes = new Uint8Array(latin1.length);
  for (let i = 0; i < latin1.length; i++) bytes[i] = latin1.charCodeAt(i);
  try {
    return { text: utf8.decode(bytes), utf8: true };
  } catch {
    return { text: latin1, utf8: false };
  }
}

/**
 * A response's headers: names compared without case, repeated ones joined with ", " — what
 * `Headers.get` gives, without its per-character validation (a tenth of a small invoke's CPU).
 * Values are kept as their bytes and read as text by {@linkcode headerText}'s rule.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ResponseHeaders } from "./_http1_response.ts";
 * const h = new ResponseHeaders();
 * h.append("X-A", "1");
 * h.append("x-a", "2");
 * assert.equal(h.get("X-a"), "1, 2");
 * assert.equal(h.get("x-b"), null);
 * ```
 */
export class ResponseHeaders {
  readonly #map = new Map<string, string>();

  /**
   * Adds a header line's value.
   *
   * @param name The header name.
   * @param value Its bytes as Latin-1 text (one character per byte).
   */
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const had = this.#map.get(key);
    this.#map.set(key, had === undefined ? value : `${had}, ${value}`);
  }

  /**
   * The value of a header, as text: UTF-8 when its bytes are UTF-8, else Latin-1.
   *
   * @param name The header name, in any case.
   * @returns Its value (repeated headers joined with ", "), or null.
   */
  get(name: string): string | null {
    const raw = this.#map.get(name.toLowerCase());
    return raw === undefined ? null : headerText(raw).text;
  }

  /**
   * The value of a header as it came: one Latin-1 character per byte.
   *
   * @param name The header name, in any case.
   * @returns Its bytes as Latin-1 text, or null.
   */
  latin1(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
}

/** A complete response. */
export interface Http1Response {
  /** The status code. */
  status: number;
  /** The response headers. */
  headers: ResponseHeaders;
  /** The whole body (de-chunked). */
  body: Uint8Array;
}

/** A parsed response head. */
export interface ResponseHead {
  /** The status code. */
  status: number;
  /** The headers. */
  headers: ResponseHeaders;
  /**
   * Whether the head lets the connection serve another request: HTTP/1.1 without
   * `Connection: close`, or HTTP/1.0 with `Connection: keep-alive`. A body read to the end of the
   * stream ends the connection whatever this says.
   */
  keepAlive: boolean;
}

/**
 * Parses a response head: the status line and header lines, without the blank line that ends them.
 *
 * @param text The head as Latin-1 text, lines separated by CRLF.
 * @returns The status, headers and whether the connection may be kept.
 * @throws {Http1Error} On a status line that is not HTTP/1.0 or 1.1 with a 3-digit code, or a header
 * line whose name is not a token or whose value holds NUL, LF or a bare CR. Obsolete line folding is
 * unfolded (RFC 9112 §5.2).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseResponseHead } from "./_http1_response.ts";
 * const head = parseResponseHead("HTTP/1.1 202 Accepted\r\nContent-Length: 0");
 * assert.equal(head.status, 202);
 * assert.equal(head.headers.get("content-length"), "0");
 * assert.equal(head.keepAlive, true);
 * ```
 */
export function parseResponseHead(text: string): ResponseHead {
  const lines = text.split("\r\n");
  const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]);
  if (m === null) throw new Http1Error(`bad HTTP status line ${JSON.stringify(lines[0])}`);
  const status = Number(m[2]);
  const fields: [string, string][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line[0] === " " || line[0] === "\t") {
      // obs-fold (RFC 9112 §5.2): the line continues the previous field's value, the fold is one
      // SP; whitespace-led lines before any field are consumed unread (§2.2).
      const last = fields[fields.length - 1];
      if (last !== undefined) last[1] = `${last[1]} ${line.replace(/^[ \t]+/, "")}`;
      continue;
    }
    const colon = line.indexOf(":");
    fields.push([colon > 0 ? line.slice(0, colon) : line, colon > 0 ? line.slice(colon + 1) : ""]);
    if (colon <= 0) throw new Http1Error(`bad HTTP header line ${JSON.stringify(line)}`);
  }
  const headers = new ResponseHeaders();
  for (const [name, raw] of fields) {
    // Only SP and HTAB are whitespace around a value (RFC 9110 §5.5); a bare CR, LF or NUL in it
    // makes the message invalid (RFC 9112 §2.2).
    const value = raw.replace(/^[ \t]+|[ \t]+$/g, "");
    if (!HTTP_TOKEN.test(name) || /[\0\r\n]/.test(value)) {
      throw new Http1Error(`bad HTTP header line ${JSON.stringify(`${name}:${raw}`)}`);
    }
    headers.append(name, value);
  }
  const connection = (headers.get("connection") ?? "").toLowerCase();
  const keepAlive = m[1] === "1"
    ? !/\bclose\b/.test(connection)
    : /\bkeep-alive\b/.test(connection);
  return { status, headers, keepAlive };
}

/**
 * Whether a status is an interim one (1xx other than 101): the real response follows it.
 *
 * @param status A status code.
 * @returns True for 100, 102, 103…
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isInterim } from "./_http1_response.ts";
 * assert.equal(isInterim(100), true);
 * assert.equal(isInterim(101), false);
 * assert.equal(isInterim(200), false);
 * ```
 */
export function isInterim(status: number): boolean {
  return status >= 100 && status < 200 && status !== 101;
}

/**
 * How a response body is delimited: none (204, 304), chunked, a `Content-Length`, or the end of
 * the stream.
 */
export type BodyFraming =
  | { kind: "empty" }
  | { kind: "chunked" }
  | { kind: "length"; length: number }
  | { kind: "close" };

/**
 * How the body after a head is delimited, in HTTP's order of precedence: no body for 204 and 304,
 * then `Transfer-Encoding` (which must end in `chunked`), then `Content-Length`, else the end of
 * the stream.
 *
 * @param head The parsed head.
 * @returns The body's framing.
 * @throws {Http1Error} On a transfer coding other than chunked, or a `Content-Length` that is not
 * digits.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bodyFraming, parseResponseHead } from "./_http1_response.ts";
 * const head = parseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: 5");
 * assert.deepEqual(bodyFraming(head), { kind: "length", length: 5 });
 * ```
 */
export function bodyFraming(head: ResponseHead): BodyFraming {
  const { status, headers } = head;
  const coding = (headers.get("transfer-encoding") ?? "").toLowerCase();
  const length = headers.get("content-length");
  if (status === 204 || status === 304) return { kind: "empty" };
  if (coding !== "") {
    if (!/(^|,)\s*chunked\s*$/.test(coding)) {
      throw new Http1Error(`unsupported HTTP transfer-encoding ${JSON.stringify(coding)}`);
    }
    return { kind: "chunked" };
  }
  if (length !== null) {
    if (!/^\d+$/.test(length)) {
      throw new Http1Error(`bad HTTP content-length ${JSON.stringify(length)}`);
    }
    return { kind: "length", length: Number(length) };
  }
  return { kind: "close" };
}
