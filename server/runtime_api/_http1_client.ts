/**
 * A small HTTP/1.1 client for one origin over keep-alive TCP connections: what the Runtime API
 * client speaks to Lambda's local endpoint. `fetch` moves a 6 MB event through a stream of chunks,
 * then a concatenation, and copies a request body into its own buffers: a loop that only passed 6
 * MB events back through `fetch` peaked at ~160 MiB, against ~82 MiB over this client, which reads
 * a `Content-Length` body straight into one buffer of that size and writes request bodies from the
 * caller's bytes.
 *
 * Requests run one at a time per connection; concurrent requests take further connections, and a
 * connection whose exchange completed with keep-alive serves the next request. A request that
 * fails on a reused connection before any byte of a response arrived (the server had closed it
 * while idle) is sent again once on a new connection.
 *
 * @module
 */

/**
 * A response's headers: names compared without case, repeated ones joined with ", " — what
 * `Headers.get` gives, without its per-character validation (a tenth of a small invoke's CPU).
 *
 * @example
 * ```ts
 * import { ResponseHeaders } from "./_http1_client.ts";
 * const h = new ResponseHeaders();
 * h.append("X-A", "1");
 * h.append("x-a", "2");
 * console.log(h.get("X-a")); // 1, 2
 * ```
 */
export class ResponseHeaders {
  readonly #map = new Map<string, string>();

  /**
   * Adds a header line's value.
   *
   * @param name The header name.
   * @param value Its value.
   */
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const had = this.#map.get(key);
    this.#map.set(key, had === undefined ? value : `${had}, ${value}`);
  }

  /**
   * The value of a header.
   *
   * @param name The header name, in any case.
   * @returns Its value (repeated headers joined with ", "), or null.
   */
  get(name: string): string | null {
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

/** Options of one request. */
export interface Http1RequestOptions {
  /** Aborts the exchange (the connection is closed). */
  signal?: AbortSignal;
  /**
   * Where a `Content-Length` body goes: called with the length, returns a buffer at least that
   * long (the body is a view of its start). Default: a new buffer of that length.
   */
  bodyInto?: (length: number) => Uint8Array;
}

/** Options of {@linkcode Http1Client}. */
export interface Http1ClientOptions {
  /** Most bytes of a response's status line and headers. Default 64 KiB. */
  maxHeaderBytes?: number;
  /** Most bytes of a response body. Default 64 MiB. */
  maxBodyBytes?: number;
}

/** The response broke the protocol, was too large, or the connection ended in the middle of it. */
export class Http1Error extends Error {
  /**
   * @param message What went wrong.
   * @param options The cause, if any.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "Http1Error";
  }
}

const encoder = new TextEncoder();

/** Bytes as Latin-1 text, one character each (no op call, unlike a "latin1" TextDecoder). */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let at = 0; at < bytes.length; at += 4096) {
    text += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096) as unknown as number[]);
  }
  return text;
}
/** An HTTP token: what a header name is made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Bodies up to this size go out in the same write as the request head. */
const SMALL_BODY = 16 * 1024;

/**
 * HTTP/1.1 requests to one `host:port`.
 *
 * @example
 * ```ts ignore
 * import { Http1Client } from "./_http1_client.ts";
 * const client = new Http1Client("127.0.0.1", 9001);
 * const res = await client.request("GET", "/2018-06-01/runtime/invocation/next");
 * console.log(res.status, res.body.length);
 * client.close();
 * ```
 */
export class Http1Client {
  readonly #hostname: string;
  readonly #port: number;
  readonly #hostHeader: string;
  readonly #maxHeaderBytes: number;
  readonly #maxBodyBytes: number;
  readonly #idle: Connection[] = [];

  /**
   * @param hostname The server's host name or address (IPv6 without brackets).
   * @param port The server's port.
   * @param options Size limits.
   */
  constructor(hostname: string, port: number, options: Http1ClientOptions = {}) {
    this.#hostname = hostname;
    this.#port = port;
    this.#hostHeader = hostname.includes(":") ? `[${hostname}]:${port}` : `${hostname}:${port}`;
    this.#maxHeaderBytes = options.maxHeaderBytes ?? 64 * 1024;
    this.#maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  }

  /**
   * Sends a request and reads its whole response.
   *
   * @param method The method.
   * @param path The request target (from `/`).
   * @param headers Request headers (`Host` and `Content-Length` are added).
   * @param body The request body, sent as it is with a `Content-Length`.
   * @param options An abort signal; where the response body goes.
   * @returns The response.
   * @throws {Http1Error} When the response breaks HTTP/1.1 or a limit, or the connection ends early.
   * @throws {TypeError} When a header name is not an HTTP token or a value holds CR, LF or NUL.
   * @throws {DOMException} `AbortError` when `signal` aborted it.
   */
  async request(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: Uint8Array,
    options: Http1RequestOptions = {},
  ): Promise<Http1Response> {
    const { signal } = options;
    signal?.throwIfAborted();
    const head = this.#head(method, path, headers, body);
    let conn = this.#idle.pop();
    const reused = conn !== undefined;
    conn ??= await this.#connect();
    try {
      return await this.#exchange(conn, head, body, options);
    } catch (e) {
      if (!reused || !(e instanceof StaleConnection) || signal?.aborted) throw unwrap(e);
      return await this.#exchange(await this.#connect(), head, body, options).catch((e2) => {
        throw unwrap(e2);
      });
    }
  }

  /** Closes the idle connections (a request in progress keeps its own). */
  close(): void {
    for (const c of this.#idle.splice(0)) c.close();
  }

  #head(method: string, path: string, headers: Record<string, string>, body?: Uint8Array): string {
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.#hostHeader}\r\n`;
    for (const [name, value] of Object.entries(headers)) {
      if (!TOKEN.test(name) || /[\0\r\n]/.test(value)) {
        throw new TypeError(`HTTP header ${JSON.stringify(name)}: not a valid name and value`);
      }
      head += `${name}: ${value}\r\n`;
    }
    if (body !== undefined || method === "POST" || method === "PUT") {
      head += `Content-Length: ${body?.length ?? 0}\r\n`;
    }
    if (/[\r\n ]/.test(path)) throw new TypeError(`HTTP request target ${JSON.stringify(path)}`);
    return head + "\r\n";
  }

  async #connect(): Promise<Connection> {
    const conn = await Deno.connect({ hostname: this.#hostname, port: this.#port });
    try {
      conn.setNoDelay(true);
    } catch {
      // not a TCP socket option here: fine
    }
    return new Connection(conn, this.#maxHeaderBytes, this.#maxBodyBytes);
  }

  async #exchange(
    conn: Connection,
    head: string,
    body: Uint8Array | undefined,
    { signal, bodyInto }: Http1RequestOptions,
  ): Promise<Http1Response> {
    if (signal?.aborted) { // (while connecting)
      conn.close();
      throw signal.reason;
    }
    const onAbort = () => conn.close();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const headBytes = encoder.encode(head);
      if (body !== undefined && body.length > 0 && body.length <= SMALL_BODY) {
        const one = new Uint8Array(headBytes.length + body.length);
        one.set(headBytes);
        one.set(body, headBytes.length);
        await conn.writeAll(one);
      } else {
        await conn.writeAll(headBytes);
        if (body !== undefined && body.length > 0) await conn.writeAll(body);
      }
      const res = await conn.readResponse(bodyInto);
      if (res.keepAlive) this.#idle.push(conn);
      else conn.close();
      return res.response;
    } catch (e) {
      conn.close();
      if (signal?.aborted) throw signal.reason ?? new DOMException("aborted", "AbortError");
      throw e;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

/** A reused connection failed before any response byte: the request may be sent again. */
class StaleConnection extends Error {
  readonly error: unknown;
  constructor(error: unknown) {
    super("stale connection");
    this.error = error;
  }
}

function unwrap(e: unknown): unknown {
  return e instanceof StaleConnection ? e.error : e;
}

/** One connection: its socket and what has been read from it but not consumed. */
class Connection {
  readonly #conn: Deno.Conn;
  readonly #maxHeaderBytes: number;
  readonly #maxBodyBytes: number;
  #buf = new Uint8Array(16 * 1024);
  #start = 0;
  #end = 0;
  #closed = false;
  /** Bytes of the current response read so far (0: a failure may be a stale connection). */
  #received = 0;

  constructor(conn: Deno.Conn, maxHeaderBytes: number, maxBodyBytes: number) {
    this.#conn = conn;
    this.#maxHeaderBytes = maxHeaderBytes;
    this.#maxBodyBytes = maxBodyBytes;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
  }

  async writeAll(bytes: Uint8Array): Promise<void> {
    try {
      for (let at = 0; at < bytes.length;) at += await this.#conn.write(bytes.subarray(at));
    } catch (e) {
      throw new StaleConnection(
        new Http1Error(`HTTP request could not be sent: ${e}`, { cause: e }),
      );
    }
  }

  async readResponse(
    bodyInto?: (length: number) => Uint8Array,
  ): Promise<{ response: Http1Response; keepAlive: boolean }> {
    this.#received = 0;
    for (;;) {
      const headEnd = await this.#readHead();
      const text = latin1(this.#buf.subarray(this.#start, headEnd));
      this.#start = headEnd + 4;
      const lines = text.split("\r\n");
      const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]);
      if (m === null) throw new Http1Error(`bad HTTP status line ${JSON.stringify(lines[0])}`);
      const status = Number(m[2]);
      const headers = new ResponseHeaders();
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        const colon = line.indexOf(":");
        const name = colon > 0 ? line.slice(0, colon) : "";
        const value = line.slice(colon + 1).trim();
        if (!TOKEN.test(name) || /[\0\n]/.test(value)) {
          throw new Http1Error(`bad HTTP header line ${JSON.stringify(line)}`);
        }
        headers.append(name, value);
      }
      if (status >= 100 && status < 200 && status !== 101) continue; // interim: the real one follows
      const connection = (headers.get("connection") ?? "").toLowerCase();
      let keepAlive = m[1] === "1"
        ? !/\bclose\b/.test(connection)
        : /\bkeep-alive\b/.test(connection);
      let body: Uint8Array;
      const coding = (headers.get("transfer-encoding") ?? "").toLowerCase();
      const length = headers.get("content-length");
      if (status === 204 || status === 304) {
        body = new Uint8Array(0);
      } else if (coding !== "") {
        if (!/(^|,)\s*chunked\s*$/.test(coding)) {
          throw new Http1Error(`unsupported HTTP transfer-encoding ${JSON.stringify(coding)}`);
        }
        body = await this.#readChunked();
      } else if (length !== null) {
        if (!/^\d+$/.test(length)) {
          throw new Http1Error(`bad HTTP content-length ${JSON.stringify(length)}`);
        }
        body = await this.#readLength(Number(length), bodyInto);
      } else {
        body = await this.#readToEnd();
        keepAlive = false;
      }
      return { response: { status, headers, body }, keepAlive };
    }
  }

  /** Reads until the head's blank line; returns the offset of its "\r\n\r\n". */
  async #readHead(): Promise<number> {
    let scanned = 3; // offsets from #start (which compaction moves) already checked as an end
    for (;;) {
      const b = this.#buf;
      for (let i = this.#start + scanned; i < this.#end; i++) {
        if (b[i] === 10 && b[i - 1] === 13 && b[i - 2] === 10 && b[i - 3] === 13) {
          if (i - 3 - this.#start <= this.#maxHeaderBytes) return i - 3;
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

  async #readLength(n: number, into?: (length: number) => Uint8Array): Promise<Uint8Array> {
    if (n > this.#maxBodyBytes) {
      throw new Http1Error(`HTTP response body of ${n} bytes, more than ${this.#maxBodyBytes}`);
    }
    const given = into?.(n);
    const body = given !== undefined && given.length >= n
      ? given.subarray(0, n)
      : new Uint8Array(n);
    await this.#readInto(body);
    return body;
  }

  /** Fills `target` with the next bytes: those buffered, then straight from the socket. */
  async #readInto(target: Uint8Array): Promise<void> {
    const have = Math.min(target.length, this.#end - this.#start);
    target.set(this.#buf.subarray(this.#start, this.#start + have));
    this.#start += have;
    for (let got = have; got < target.length;) {
      got += await this.#read(target.subarray(got));
    }
  }

  async #readChunked(): Promise<Uint8Array> {
    let body = new Uint8Array(0);
    let size = 0;
    for (;;) {
      const line = await this.#readLine();
      const m = /^([0-9a-fA-F]{1,8})\s*(;.*)?$/.exec(line);
      if (m === null) throw new Http1Error(`bad HTTP chunk size line ${JSON.stringify(line)}`);
      const n = parseInt(m[1], 16);
      if (n === 0) break;
      if (size + n > this.#maxBodyBytes) {
        throw new Http1Error(`HTTP response body over ${this.#maxBodyBytes} bytes`);
      }
      if (size + n > body.length) {
        const grown = new Uint8Array(
          Math.max(size + n, Math.min(body.length * 2, this.#maxBodyBytes)),
        );
        grown.set(body.subarray(0, size));
        body = grown;
      }
      await this.#readInto(body.subarray(size, size + n));
      size += n;
      if ((await this.#readLine()) !== "") throw new Http1Error("HTTP chunk not followed by CRLF");
    }
    while ((await this.#readLine()) !== "") {
      // trailers: not used
    }
    return body.length === size ? body : body.slice(0, size);
  }

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

  async #readLine(): Promise<string> {
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

/**
 * The bytes of `parts`, one after another, in one new array.
 *
 * @param parts Byte arrays.
 * @returns Their concatenation.
 * @example
 * ```ts
 * import { concat } from "./_http1_client.ts";
 * console.log(concat([new Uint8Array([1]), new Uint8Array([2, 3])])); // Uint8Array(3) [ 1, 2, 3 ]
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
