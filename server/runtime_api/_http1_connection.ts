/**
 * One HTTP/1.1 connection of the client: its socket, the bytes read from it but not yet consumed,
 * writing a request's bytes and reading one whole response (head, then body by its framing).
 * Failures before any byte of a response arrived are {@linkcode StaleConnection}s, which the client
 * may retry on a new connection.
 *
 * @module
 */
import { type BodySource, concat, readChunkedBody, readLengthBody } from "./_http1_body.ts";
import { Http1Error, StaleConnection } from "./_http1_error.ts";
import {
  bodyFraming,
  type Http1Response,
  isInterim,
  parseResponseHead,
} from "./_http1_response.ts";

/** Bytes as Latin-1 text, one character each (no op call, unlike a "latin1" TextDecoder). */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let at = 0; at < bytes.length; at += 4096) {
    text += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096) as unknown as number[]);
  }
  return text;
}

/** One connection: its socket and what has been read from it but not consumed. */
export class Connection implements BodySource {
  readonly #conn: Deno.Conn;
  readonly #maxHeaderBytes: number;
  readonly #maxBodyBytes: number;
  #buf = new Uint8Array(16 * 1024);
  #start = 0;
  #end = 0;
  #closed = false;
  /** Bytes of the current response read so far (0: a failure may be a stale connection). */
  #received = 0;

  /**
   * @param conn The connected socket.
   * @param maxHeaderBytes Most bytes of a response head (and of a chunk-size line).
   * @param maxBodyBytes Most bytes of a response body.
   */
  constructor(conn: Deno.Conn, maxHeaderBytes: number, maxBodyBytes: number) {
    this.#conn = conn;
    this.#maxHeaderBytes = maxHeaderBytes;
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** Closes the socket (once; later calls do nothing). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
  }

  /**
   * Writes all of `bytes`.
   *
   * @param bytes The bytes.
   * @throws {StaleConnection} Wrapping an {@linkcode Http1Error} when the write fails (nothing of
   * the response has been read yet, so the request may be sent again).
   */
  async writeAll(bytes: Uint8Array): Promise<void> {
    try {
      for (let at = 0; at < bytes.length;) at += await this.#conn.write(bytes.subarray(at));
    } catch (e) {
      throw new StaleConnection(
        new Http1Error(`HTTP request could not be sent: ${e}`, { cause: e }),
      );
    }
  }

  /**
   * Reads one whole response, skipping interim (1xx) ones.
   *
   * @param bodyInto Where a `Content-Length` body goes (see `Http1RequestOptions.bodyInto`).
   * @returns The response, and whether the connection may serve another request.
   * @throws {Http1Error} When the response breaks HTTP/1.1 or a limit, or the stream ends early.
   * @throws {StaleConnection} When the stream failed or ended before any byte of the response.
   */
  async readResponse(
    bodyInto?: (length: number) => Uint8Array,
  ): Promise<{ response: Http1Response; keepAlive: boolean }> {
    this.#received = 0;
    for (;;) {
      const head = parseResponseHead(await this.#readHead());
      if (isInterim(head.status)) continue; // the real one follows
      const { status, headers } = head;
      let keepAlive = head.keepAlive;
      let body: Uint8Array;
      const framing = bodyFraming(head);
      switch (framing.kind) {
        case "empty":
          body = new Uint8Array(0);
          break;
        case "chunked":
          body = await readChunkedBody(this, this.#maxBodyBytes);
          break;
        case "length":
          body = await readLengthBody(this, framing.length, this.#maxBodyBytes, bodyInto);
          break;
        case "close":
          body = await this.#readToEnd();
          keepAlive = false;
          break;
      }
      return { response: { status, headers, body }, keepAlive };
    }
  }

  /**
   * Fills `target` with the next bytes: those buffered, then straight from the socket.
   *
   * @param target Where the bytes go.
   * @throws {Http1Error} When the stream ends first.
   */
  async readInto(target: Uint8Array): Promise<void> {
    const have = Math.min(target.length, this.#end - this.#start);
    target.set(this.#buf.subarray(this.#start, this.#start + have));
    this.#start += have;
    for (let got = have; got < target.length;) {
      got += await this.#read(target.subarray(got));
    }
  }

  /**
   * The next CRLF-terminated line (a chunk-size line, a trailer), without its CRLF.
   *
   * @returns The line as Latin-1 text.
   * @throws {Http1Error} When more than the head limit arrives without a CRLF, or the stream ends.
   */
  async readLine(): Promise<string> {
    for (;;) {
      for (let i = this.#start + 1; i < this.#end; i++) {
        if (this.#buf[i] === 10 && this.#buf[i - 1] === 13) {
          const line = latin1(this.#buf.subarray(this.#start, i - 1));
          this.#start = i + 1;
          return line;
        }
      }
      if (this.#end - this.#start > this.#maxHeaderBytes) {
        throw new Http1Error("HTTP chunk line too long");
      }
      await this.#fill();
    }
  }

  /** Reads through the head's blank line; returns the head's text without it. */
  async #readHead(): Promise<string> {
    let scanned = 3; // offsets from #start (which compaction moves) already checked as an end
    for (;;) {
      const b = this.#buf;
      for (let i = this.#start + scanned; i < this.#end; i++) {
        if (b[i] === 10 && b[i - 1] === 13 && b[i - 2] === 10 && b[i - 3] === 13) {
          if (i - 3 - this.#start <= this.#maxHeaderBytes) {
            const text = latin1(b.subarray(this.#start, i - 3));
            this.#start = i + 1;
            return text;
          }
          break;
        }
      }
      scanned = Math.max(3, this.#end - this.#start);
      if (this.#end - this.#start > this.#maxHeaderBytes) {
        throw new Http1Error(`HTTP response head longer than ${this.#maxHeaderBytes} bytes`);
      }
      await this.#fill();
    }
  }

  /** A body without length or chunks: everything until the server closes the connection. */
  async #readToEnd(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [this.#buf.slice(this.#start, this.#end)];
    let size = parts[0].length; // (for the limit)
    this.#start = this.#end;
    for (;;) {
      const chunk = new Uint8Array(64 * 1024);
      const n = await this.#conn.read(chunk).catch((e) => {
        throw new Http1Error(`HTTP response body could not be read: ${e}`, { cause: e });
      });
      if (n === null) break;
      size += n;
      if (size > this.#maxBodyBytes) {
        throw new Http1Error(`HTTP response body over ${this.#maxBodyBytes} bytes`);
      }
      parts.push(chunk.subarray(0, n));
    }
    return concat(parts);
  }

  /** Reads more into the buffer (compacting or growing it first). */
  async #fill(): Promise<void> {
    if (this.#start > 0 && this.#end === this.#buf.length) {
      this.#buf.copyWithin(0, this.#start, this.#end);
      this.#end -= this.#start;
      this.#start = 0;
    }
    if (this.#end === this.#buf.length) {
      const grown = new Uint8Array(this.#buf.length * 2);
      grown.set(this.#buf.subarray(0, this.#end));
      this.#buf = grown;
    }
    this.#end += await this.#read(this.#buf.subarray(this.#end));
  }

  /** One read from the socket; end of stream in the middle of a response is an error. */
  async #read(into: Uint8Array): Promise<number> {
    let n: number | null;
    try {
      n = await this.#conn.read(into);
    } catch (e) {
      const error = new Http1Error(`HTTP response could not be read: ${e}`, { cause: e });
      throw this.#received === 0 ? new StaleConnection(error) : error;
    }
    if (n === null) {
      const error = new Http1Error("connection closed before the HTTP response was complete");
      throw this.#received === 0 ? new StaleConnection(error) : error;
    }
    this.#received += n;
    return n;
  }
}
