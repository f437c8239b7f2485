/**
 * One HTTP/1.1 connection of the client: writing one request and reading one whole response
 * (head, then body by its framing) over its socket, whose buffered reading is `_http1_reader.ts`'s.
 *
 * While the connection is idle in the pool a read watches it: bytes or the end of the stream
 * arriving then (a `408` and a close from a server timing the connection out) make it unusable,
 * and the client never writes a request on it (as Go's `Transport` does). While a large request
 * body is written the same read watches for an early response (RFC 9112 §9.5): a server that
 * answers `413` and closes after the head stops the writing, and its answer is read. A failure is a
 * {@linkcode StaleConnection} when no byte of the response had arrived; {@linkcode Connection.written}
 * then tells the client whether the server may have seen the request.
 *
 * @module
 */
import { readChunkedBody, readLengthBody } from "./_http1_body.ts";
import { Http1Error, StaleConnection } from "./_http1_error.ts";
import { SocketReader } from "./_http1_reader.ts";
import {
  bodyFraming,
  type Http1Response,
  isInterim,
  parseResponseHead,
} from "./_http1_response.ts";

/** Bodies up to this size go out in the same write as the request head. */
const SMALL_BODY = 16 * 1024;
/** A larger body is written in pieces of this size, looking for an early response between them. */
const WRITE_PIECE = 256 * 1024;

/** One connection: its socket, its reader, what was written of the current request. */
export class Connection {
  readonly #conn: Deno.Conn;
  readonly #reader: SocketReader;
  readonly #maxBodyBytes: number;
  #closed = false;
  /** Bytes of the current request the socket accepted. */
  #written = 0;
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
    this.#reader = new SocketReader(conn, maxHeaderBytes);
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
    return !this.#closed && !this.#truncated && this.#reader.buffered === 0 && !this.#reader.ended;
  }

  /**
   * What is left unread after a response, if anything: bytes no request asked for.
   *
   * @returns Their first line, or undefined when nothing is left.
   */
  unread(): string | undefined {
    return this.#reader.buffered > 0 ? this.#reader.peekLine() : undefined;
  }

  /**
   * Watches the idle connection: when bytes, the end of the stream or an error arrive before
   * {@linkcode Connection.take} is called, `onEvent` is called (the connection is then unusable).
   *
   * @param onEvent Called once, with the first line of the unsolicited bytes ("" when none).
   */
  watch(onEvent: (firstLine: string) => void): void {
    this.#idle = true;
    this.#reader.readAhead().then(() => {
      if (!this.#idle) return;
      this.#idle = false;
      onEvent(this.#reader.peekLine());
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
   * (the response is then read as usual, and the connection closed after it).
   *
   * @param head The request head's bytes.
   * @param body The body, if any.
   * @throws {StaleConnection} Wrapping an {@linkcode Http1Error} when a write fails and no
   * response arrived; {@linkcode Connection.written} tells how much of the request went out.
   */
  async writeRequest(head: Uint8Array, body?: Uint8Array): Promise<void> {
    this.#reader.beginResponse();
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
      for (let at = 0; at < body.length;) {
        // A final answer (or the end of the stream) before the whole body: stop writing. Interim
        // answers (100 Continue) say to go on; the read goes on watching after them.
        if (this.#reader.ended || (this.#reader.buffered > 0 && !this.#reader.interimOnly())) {
          this.#truncated = true;
          return;
        }
        if (!this.#reader.reading) this.#reader.readAhead(); // an early answer (RFC 9112 §9.5)
        const n = await this.#conn.write(
          body.subarray(at, Math.min(at + WRITE_PIECE, body.length)),
        );
        at += n;
        this.#written += n;
      }
    } catch (e) {
      // The server may have answered before it closed: what it said is what counts.
      await this.#reader.settled();
      if (this.#reader.buffered > 0) {
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
      const head = parseResponseHead(await this.#reader.readHead());
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
          body = await readChunkedBody(this.#reader, this.#maxBodyBytes);
          break;
        case "length":
          body = await readLengthBody(this.#reader, framing.length, this.#maxBodyBytes, bodyInto);
          break;
        case "close":
          body = await this.#reader.readToEnd(this.#maxBodyBytes);
          keepAlive = false;
          break;
      }
      return { response: { status, headers, body }, keepAlive };
    }
  }

  async #writeAll(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length;) {
      const n = await this.#conn.write(bytes.subarray(at));
      at += n;
      this.#written += n;
    }
  }
}
