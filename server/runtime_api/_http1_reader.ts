/**
 * The reading side of one HTTP/1.1 connection: a buffer of bytes read but not consumed, and at most
 * one read of the socket in flight into it, which may be started ahead (to watch an idle
 * connection, or for an early response while a request body is written) and which the next read
 * then waits for. Lines, a response head, exact lengths and the rest of the stream are read from
 * it; a failure is a {@linkcode StaleConnection} while no byte of the current response has arrived.
 *
 * @module
 */
import { type BodySource, concat } from "./_http1_body.ts";
import { Http1Error, StaleConnection } from "./_http1_error.ts";

/**
 * Bytes as Latin-1 text, one character each (no op call, unlike a "latin1" TextDecoder).
 *
 * @param bytes The bytes.
 * @returns Their text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { latin1 } from "./_http1_reader.ts";
 * assert.equal(latin1(new Uint8Array([0x41, 0xe9])), "A\u00e9");
 * ```
 */
export function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let at = 0; at < bytes.length; at += 4096) {
    text += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096) as unknown as number[]);
  }
  return text;
}

/** A socket's buffered reading. */
export class SocketReader implements BodySource {
  readonly #conn: Deno.Conn;
  readonly #maxHeaderBytes: number;
  #buf = new Uint8Array(16 * 1024);
  #start = 0;
  #end = 0;
  /** Bytes of the current response read so far (0: a failure may be a stale connection). */
  #received = 0;
  /** The read in flight into `#buf`, if any. */
  #pending: Promise<void> | undefined;
  /** The stream ended (a read gave null). */
  #eof = false;
  /** A read failed with this. */
  #readError: unknown;

  /**
   * @param conn The socket.
   * @param maxHeaderBytes Most bytes of a response head (and of a chunk-size line).
   */
  constructor(conn: Deno.Conn, maxHeaderBytes: number) {
    this.#conn = conn;
    this.#maxHeaderBytes = maxHeaderBytes;
  }

  /** Bytes read and not consumed. */
  get buffered(): number {
    return this.#end - this.#start;
  }

  /** Whether a read is in flight. */
  get reading(): boolean {
    return this.#pending !== undefined;
  }

  /** Whether the stream ended or failed. */
  get ended(): boolean {
    return this.#eof || this.#readError !== undefined;
  }

  /** A new response begins: failures count as stale until one of its bytes arrives. */
  beginResponse(): void {
    this.#received = 0;
  }

  /**
   * The first line of what is buffered (at most 200 bytes), for a log line.
   *
   * @returns Latin-1 text, "" when nothing is buffered.
   */
  peekLine(): string {
    const bytes = this.#buf.subarray(this.#start, Math.min(this.#end, this.#start + 200));
    return latin1(bytes).split("\r\n")[0];
  }

  /**
   * Whether what is buffered is only interim (1xx) responses, complete or not: while a request
   * body is written they say "go on", unlike a final answer.
   *
   * @returns True when every head buffered is an interim one (or too short to tell yet).
   */
  interimOnly(): boolean {
    const text = latin1(this.#buf.subarray(this.#start, this.#end));
    for (let at = 0; at < text.length;) {
      const status = text.slice(at, at + 12);
      if (status.length === 12 && !/^HTTP\/1\.[01] 1(?!01)\d\d$/.test(status)) return false;
      const end = text.indexOf("\r\n\r\n", at);
      if (end < 0) return true;
      at = end + 4;
    }
    return true;
  }

  /**
   * Starts a read into the buffer (compacting or growing it first), unless one is in flight or
   * the stream ended.
   *
   * @returns Settles when that read (or the one in flight) settled; never rejects.
   */
  readAhead(): Promise<void> {
    if (this.#pending !== undefined || this.ended) return this.#pending ?? Promise.resolve();
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
    return this.#pending;
  }

  /**
   * The read in flight, if any, settled.
   *
   * @returns Settles when no read is in flight; never rejects.
   */
  settled(): Promise<void> {
    return this.#pending ?? Promise.resolve();
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

  /**
   * Reads through a response head's blank line.
   *
   * @returns The head's text (Latin-1) without the blank line.
   * @throws {Http1Error} When the head is over the limit or the stream ends first.
   */
  async readHead(): Promise<string> {
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

  /**
   * A body without length or chunks: everything until the server closes the connection.
   *
   * @param maxBodyBytes The most bytes it may have.
   * @returns The body.
   * @throws {Http1Error} When it is over the limit or a read fails.
   */
  async readToEnd(maxBodyBytes: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let size = 0; // (for the limit)
    for (;;) {
      if (this.#end > this.#start) {
        size += this.#end - this.#start;
        if (size > maxBodyBytes) {
          throw new Http1Error(`HTTP response body over ${maxBodyBytes} bytes`);
        }
        parts.push(this.#buf.slice(this.#start, this.#end));
        this.#start = this.#end;
      }
      if (this.#eof) return concat(parts);
      await this.readAhead();
      if (this.#readError !== undefined) throw this.#failure(this.#readError);
    }
  }

  /** Waits for more bytes in the buffer; the end of the stream or an error is thrown. */
  async #fill(): Promise<void> {
    const before = this.#end - this.#start;
    await this.readAhead();
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
