/**
 * One HTTP/1.1 connection of the client: its socket, the bytes read from it but not yet consumed,
 * writing one request and reading one whole response (head, then body by its framing).
 *
 * The connection keeps at most one read of its socket in flight, into its buffer. While the
 * connection is idle in the pool that read watches it: bytes or the end of the stream arriving
 * then (a `408` and a close from a server timing the connection out) make it unusable, and the
 * client never writes a request on it (as Go's `Transport` does). While a large request body is
 * written the same read watches for an early response (RFC 9112 §9.5): a server that answers
 * `413` and closes after the head stops the writing, and the answer is read. A failure is a
 * {@linkcode StaleConnection} when no byte of the response had arrived; it records how many bytes of
 * the request were written, which tells the client whether the request may be sent again.
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

/** Bodies up to this size go out in the same write as the request head. */
const SMALL_BODY = 16 * 1024;
/** A larger body is written in pieces of this size, looking for an early response between them. */
const WRITE_PIECE = 256 * 1024;

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
  /** Bytes of the current request the socket accepted. */
  #written = 0;
  /** The read in flight into `#buf`, if any. */
  #pending: Promise<void> | undefined;
  /** The stream ended (read gave null). */
  #eof = false;
  /** A read failed with this. */
  #readError: unknown;
  /** The request body was cut short by an early response: the connection cannot be reused. */
  #truncated = false;
  /** In the pool, watched. */
  #idle = false;

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

  /** Bytes of the current request that the socket accepted (0: the server cannot have seen it). */
  get written(): number {
    return this.#written;
  }

  /** Closes the socket (once; later calls do nothing). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#idle = false;
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
  }

  /**
   * Whether the connection may carry another request: open, nothing unread, body not cut short.
   *
   * @returns True when it may go to the pool.
   */
  reusable(): boolean {
    return !this.#closed && !this.#truncated && this.#start === this.#end && !this.#eof &&
      this.#readError === undefined;
  }

  /**
   * Watches the idle connection: when bytes, the end of the stream or an error arrive before
   * {@linkcode take} is called, `onEvent` is called with what came (the connection is then
   * unusable).
   *
   * @param onEvent Called once, with the first line of the unsolicited bytes ("" when none).
   */
  watch(onEvent: (firstLine: string) => void): void {
    this.#idle = true;
    this.#startRead();
    const pending = this.#pending ?? Promise.resolve();
    pending.then(() => {
      if (!this.#idle) return;
      this.#idle = false;
      const bytes = this.#buf.subarray(this.#start, Math.min(this.#end, this.#start + 200));
      onEvent(latin1(bytes).split("\r\n")[0]);
    });
  }

  /**
   * Takes the connection out of the pool for a request.
   *
   * @returns False when it is unusable (something arrived while idle): it is then closed.
   */
  take(): boolean {
    this.#idle = false;
    if (this.reusable()) return true;
    this.close();
    return false;
  }

  /**
   * Writes a request: its head, then its body. A body over 16 KiB is written in pieces while a
   * read watches for a response; when one arrives before the body is all written, writing stops
   * (the response is then read as usual and the connection closed after it).
   *
   * @param head The request head's bytes.
   * @param body The body, if any.
   * @throws {StaleConnection} Wrapping an {@linkcode Http1Error} when a write fails with no response
   * arrived; {@linkcode written} tells how much of the request the socket had accepted.
   */
  async writeRequest(head: Uint8Array, body?: Uint8Array): Promise<void> {
    this.#received = 0;
    this.#written = 0;
    this.#truncated = false;
    try {
      if (body === undefined || body.length === 0) return await this.#writeAll(head);
      if (body.length <= SMALL_BODY) {
        const one = new Uint8Array(head.length + body.length);
        one.set(head);
        one.set(body, head.length);
        return await this.#writeAll(one);
      }
      await this.#writeAll(head);
      this.#startRead(); // an early response (RFC 9112 §9.5)
      for (let at = 0; at < body.length;) {
        if (this.#answered()) {
          this.#truncated = true;
          return;
        }
        const n = await this.#conn.write(
          body.subarray(at, Math.min(at + WRITE_PIECE, body.length)),
        );
        at += n;
        this.#written += n;
      }
    } catch (e) {
      // The server may have answered before it closed: what it said is what counts.
      await this.#pending;
      if (this.#end > this.#start) {
        this.#truncated = true;
        return;
      }
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
    for (;;) {
      const head = parseResponseHead(await this.#readHead());
      if (isInterim(head.status)) continue; // the real one follows
      const { status, headers } = head;
      let keepAlive = head.keepAlive && !this.#truncated;
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
    for (let got = 0;;) {
      const have = Math.min(target.length - got, this.#end - this.#start);
      target.set(this.#buf.subarray(this.#start, this.#start + have), got);
      this.#start += have;
      got += have;
      if (got === target.length) return;
      if (this.#pending !== undefined) await this.#fill(); // a read in flight lands in the buffer
      else got += await this.#readDirect(target.subarray(got));
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

  async #writeAll(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length;) {
      const n = await this.#conn.write(bytes.subarray(at));
      at += n;
      this.#written += n;
    }
  }

  /** Whether the server has said something (or closed) since the request began. */
  #answered(): boolean {
    return this.#end > this.#start || this.#eof || this.#readError !== undefined;
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
    const parts: Uint8Array[] = [];
    let size = 0; // (for the limit)
    for (;;) {
      if (this.#end > this.#start) {
        size += this.#end - this.#start;
        if (size > this.#maxBodyBytes) {
          throw new Http1Error(`HTTP response body over ${this.#maxBodyBytes} bytes`);
        }
        parts.push(this.#buf.slice(this.#start, this.#end));
        this.#start = this.#end;
      }
      if (this.#eof) return concat(parts);
      if (this.#pending === undefined) this.#startRead();
      await this.#pending;
      if (this.#readError !== undefined) throw this.#failure(this.#readError);
    }
  }

  /** Starts a read into the buffer (compacting or growing it first), unless one is in flight. */
  #startRead(): void {
    if (this.#pending !== undefined || this.#eof || this.#readError !== undefined) return;
    if (this.#start === this.#end) this.#start = this.#end = 0;
    else if (this.#start > 0 && this.#end === this.#buf.length) {
      this.#buf.copyWithin(0, this.#start, this.#end);
      this.#end -= this.#start;
      this.#start = 0;
    }
    if (this.#end === this.#buf.length) {
      const grown = new Uint8Array(this.#buf.length * 2);
      grown.set(this.#buf.subarray(0, this.#end));
      this.#buf = grown;
    }
    this.#pending = this.#conn.read(this.#buf.subarray(this.#end)).then((n) => {
      if (n === null) this.#eof = true;
      else {
        this.#end += n;
        this.#received += n;
      }
    }, (e) => {
      this.#readError = e;
    }).finally(() => {
      this.#pending = undefined;
    });
  }

  /** Waits for more bytes in the buffer; the end of the stream or an error is thrown. */
  async #fill(): Promise<void> {
    const before = this.#end - this.#start;
    this.#startRead();
    await this.#pending;
    if (this.#end - this.#start > before) return;
    if (this.#readError !== undefined) throw this.#failure(this.#readError);
    throw this.#failure(undefined);
  }

  /** One read straight into `into` (no read in flight, nothing buffered). */
  async #readDirect(into: Uint8Array): Promise<number> {
    let n: number | null;
    try {
      n = this.#eof ? null : await this.#conn.read(into);
    } catch (e) {
      this.#readError = e;
      throw this.#failure(e);
    }
    if (n === null) {
      this.#eof = true;
      throw this.#failure(undefined);
    }
    this.#received += n;
    return n;
  }

  /** The error for a failed read (`cause`) or the end of the stream (undefined). */
  #failure(cause: unknown): Error {
    const error = cause === undefined
      ? new Http1Error("connection closed before the HTTP response was complete")
      : new Http1Error(`HTTP response could not be read: ${cause}`, { cause });
    return this.#received === 0 ? new StaleConnection(error) : error;
  }
}
