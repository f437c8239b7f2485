/**
 * A small HTTP/1.1 client for one origin over keep-alive TCP connections: what the Runtime API
 * client speaks to Lambda's local endpoint. `fetch` moves a 6 MB event through a stream of chunks,
 * then a concatenation, and copies a request body into its own buffers; this client reads a
 * `Content-Length` body straight into one buffer of that size and writes request bodies from the
 * caller's bytes (measured against `fetch` and `node:http` in `bench/README.md`).
 *
 * Requests run one at a time per connection; concurrent requests take further connections, and a
 * connection whose exchange completed with keep-alive serves the next request. An idle connection
 * on which anything arrived (a `408`, the end of the stream) is closed, never written to. A
 * request is sent again on a new connection only when the server cannot have applied it (RFC 9112
 * §9.3.1): when no byte of it was written, or, for `GET`, when it failed on a reused connection
 * before any byte of a response arrived. A `POST` of which a byte may have reached the server is
 * never sent again: its failure is the caller's.
 *
 * This file is the pool and the request; one connection's request and response is in
 * `_http1_connection.ts`, its buffered reading in `_http1_reader.ts`, the response head in
 * `_http1_response.ts`, the body readers in `_http1_body.ts`, the errors in `_http1_error.ts`.
 *
 * @module
 */
import { Connection } from "./_http1_connection.ts";
import { Http1Error, StaleConnection } from "./_http1_error.ts";
import { type Http1Response, HTTP_TOKEN } from "./_http1_response.ts";

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

const encoder = new TextEncoder();

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
   * @throws {Http1Error} (from `_http1_error.ts`) When the response breaks HTTP/1.1 or a limit, or
   * the connection ends early (for a POST that may have reached the server, the message says it
   * was not sent again).
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
    const head = encoder.encode(this.#head(method, path, headers, body));
    let conn = this.#takeIdle();
    let reused = conn !== undefined;
    conn ??= await this.#connect();
    for (let attempt = 0;; attempt++) {
      try {
        return await this.#exchange(conn, head, body, options);
      } catch (e) {
        if (!(e instanceof StaleConnection)) throw e;
        // Sent again only when the server cannot have applied it (RFC 9112 §9.3.1): nothing of it
        // was written, or it is a GET that failed on a reused connection with no answer.
        const unsent = conn.written === 0;
        const idempotent = method === "GET" || method === "HEAD";
        if (attempt === 0 && !signal?.aborted && (unsent || (reused && idempotent))) {
          reused = false;
          conn = await this.#connect();
          continue;
        }
        const error = e.error as Error;
        if (unsent || idempotent) throw error;
        throw new Http1Error(
          `${error.message} (${method} not sent again: the server may have received it)`,
          { cause: error.cause },
        );
      }
    }
  }

  /** Closes the idle connections (a request in progress keeps its own). */
  close(): void {
    for (const c of this.#idle.splice(0)) c.close();
  }

  /** An idle connection nothing arrived on, closing those something did arrive on. */
  #takeIdle(): Connection | undefined {
    for (let conn = this.#idle.pop(); conn !== undefined; conn = this.#idle.pop()) {
      if (conn.take()) return conn;
    }
    return undefined;
  }

  /** Pools a connection, watched: anything arriving on it while idle closes it. */
  #release(conn: Connection): void {
    this.#idle.push(conn);
    conn.watch((firstLine) => {
      const at = this.#idle.indexOf(conn);
      if (at >= 0) this.#idle.splice(at, 1);
      conn.close();
      if (firstLine !== "") unsolicited(firstLine);
    });
  }

  #head(method: string, path: string, headers: Record<string, string>, body?: Uint8Array): string {
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.#hostHeader}\r\n`;
    for (const [name, value] of Object.entries(headers)) {
      if (!HTTP_TOKEN.test(name) || /[\0\r\n]/.test(value)) {
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
    head: Uint8Array,
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
      await conn.writeRequest(head, body);
      const res = await conn.readResponse(bodyInto);
      const extra = conn.unread();
      if (extra !== undefined) unsolicited(extra);
      if (res.keepAlive && conn.reusable()) this.#release(conn);
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

/**
 * Logs bytes a server sent that no request asked for (the connection is closed, not reused); a
 * `408` is a server timing the idle connection out, not worth a line (Go's `Transport` is silent
 * about it too).
 */
function unsolicited(firstLine: string): void {
  if (/^HTTP\/1\.[01] 408\b/.test(firstLine)) return;
  console.error(
    `HTTP client: unsolicited response on an idle connection (${
      JSON.stringify(firstLine)
    }); connection closed`,
  );
}
