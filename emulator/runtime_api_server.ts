/**
 * A local Lambda Runtime API (2018-06-01) server: the service side of provided.al2023, for tests
 * and `deno task invoke --runtime-api`. It queues invocations, serves them to `next` callers (any
 * number may wait at once, as with `AWS_LAMBDA_MAX_CONCURRENCY`), and records what the function
 * posts to `/response` (buffered or streamed, with error trailers), `/error` and `/init/error`.
 * Built on `node:http` because it reads request trailers.
 *
 * @module
 */
import http from "node:http";
import type {
  PostedError,
  RuntimeApiInvocation,
  RuntimeApiOutcome,
  RuntimeApiServerOptions,
} from "./runtime_api_types.ts";

const PREFIX = "/2018-06-01/runtime/";
const DEFAULT_ARN = "arn:aws:lambda:us-east-1:000000000000:function:local";

interface Pending {
  requestId: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Fixed by the caller, or set when the invocation is handed to `next` (like Lambda's clock). */
  deadlineMs: number | undefined;
  timeoutMs: number;
  resolve: (outcome: RuntimeApiOutcome) => void;
  timer?: ReturnType<typeof setTimeout>;
  settled: boolean;
}

/**
 * The emulator. Create with {@link RuntimeApiServer.start}; point a function at it with
 * `AWS_LAMBDA_RUNTIME_API=<server.address>`.
 *
 * @example
 * ```ts
 * import { RuntimeApiServer } from "./runtime_api_server.ts";
 * const server = await RuntimeApiServer.start();
 * const outcome = server.invoke({ payload: '{"n":1}', requestId: "r1" });
 * const base = `http://${server.address}/2018-06-01/runtime/invocation/`;
 * const next = await fetch(base + "next");
 * await fetch(base + next.headers.get("lambda-runtime-aws-request-id") + "/response", {
 *   method: "POST",
 *   body: await next.text(),
 * });
 * console.assert((await outcome).type === "response");
 * await server.close();
 * ```
 */
export class RuntimeApiServer {
  readonly #server: http.Server;
  readonly #options: RuntimeApiServerOptions;
  readonly #queue: Pending[] = [];
  readonly #inFlight = new Map<string, Pending>();
  readonly #waiting: http.ServerResponse[] = [];
  readonly #waiters: { n: number; resolve: () => void }[] = [];
  #initError: PostedError | undefined;
  #initWaiters: ((e: PostedError) => void)[] = [];
  #nextCalls = 0;

  private constructor(server: http.Server, options: RuntimeApiServerOptions) {
    this.#server = server;
    this.#options = options;
  }

  /**
   * Starts a server listening on `hostname:port` (default 127.0.0.1, any free port).
   *
   * @param options Listen address, size caps, grace time and a chunk hook.
   * @returns The running server.
   * @example
   * ```ts
   * import { RuntimeApiServer } from "./runtime_api_server.ts";
   * const s = await RuntimeApiServer.start({ port: 0 });
   * console.assert(s.address.startsWith("127.0.0.1:"));
   * await s.close();
   * ```
   */
  static async start(options: RuntimeApiServerOptions = {}): Promise<RuntimeApiServer> {
    const server = http.createServer();
    const api = new RuntimeApiServer(server, options);
    server.on("request", (req, res) => api.#route(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, options.hostname ?? "127.0.0.1", () => resolve());
    });
    return api;
  }

  /** `host:port`, the value for `AWS_LAMBDA_RUNTIME_API`. */
  get address(): string {
    const a = this.#server.address();
    if (a === null || typeof a === "string") throw new Error("Runtime API server not listening");
    return `${a.address}:${a.port}`;
  }

  /** How many `next` calls are waiting for an event right now. */
  get waitingNext(): number {
    return this.#waiting.length;
  }

  /** How many `next` calls have been received so far. */
  get nextCalls(): number {
    return this.#nextCalls;
  }

  /** What the function posted to `/runtime/init/error`, if anything. */
  get initError(): PostedError | undefined {
    return this.#initError;
  }

  /**
   * Resolves once at least `n` `next` calls are waiting at the same time.
   *
   * @param n How many concurrent waiters to wait for.
   * @returns A promise settled when that many are waiting.
   * @example
   * ```ts
   * import { RuntimeApiServer } from "./runtime_api_server.ts";
   * const s = await RuntimeApiServer.start();
   * await s.whenWaiting(0);
   * await s.close();
   * ```
   */
  whenWaiting(n: number): Promise<void> {
    if (this.#waiting.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }

  /**
   * Resolves with the first `/init/error` post.
   *
   * @returns The posted init error.
   * @example
   * ```ts
   * import { RuntimeApiServer } from "./runtime_api_server.ts";
   * const s = await RuntimeApiServer.start();
   * const p = s.waitInitError();
   * await fetch(`http://${s.address}/2018-06-01/runtime/init/error`, { method: "POST", body: "{}" });
   * console.assert((await p).text === "{}");
   * await s.close();
   * ```
   */
  waitInitError(): Promise<PostedError> {
    if (this.#initError) return Promise.resolve(this.#initError);
    return new Promise((resolve) => this.#initWaiters.push(resolve));
  }

  /**
   * Queues an invocation and resolves with its outcome: the posted response or error, a timeout
   * at the deadline (plus `graceMs`), or the init error if the function failed to initialise.
   * With `timeoutMs` (not `deadlineMs`) the clock starts when a `next` call takes the invocation,
   * as Lambda's does; until then only `queueTimeoutMs` (if set) bounds the wait.
   *
   * @param invocation The event and its metadata; every field has a default.
   * @returns How the invocation ended.
   * @throws {TypeError} When the request id is already queued or in flight.
   * @example
   * ```ts
   * import { RuntimeApiServer } from "./runtime_api_server.ts";
   * const s = await RuntimeApiServer.start();
   * const p = s.invoke({ deadlineMs: Date.now() + 1 });
   * console.assert((await p).type === "timeout");
   * await s.close();
   * ```
   */
  invoke(invocation: RuntimeApiInvocation = {}): Promise<RuntimeApiOutcome> {
    const requestId = invocation.requestId ?? crypto.randomUUID();
    if (this.#inFlight.has(requestId) || this.#queue.some((p) => p.requestId === requestId)) {
      return Promise.reject(new TypeError(`Request id ${requestId} is already queued or running`));
    }
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "Lambda-Runtime-Aws-Request-Id": requestId,
      "Lambda-Runtime-Invoked-Function-Arn": invocation.functionArn ?? DEFAULT_ARN,
      "Lambda-Runtime-Trace-Id": invocation.traceId ?? traceId(),
    };
    if (invocation.clientContext !== undefined) {
      headers["Lambda-Runtime-Client-Context"] = invocation.clientContext;
    }
    if (invocation.cognitoIdentity !== undefined) {
      headers["Lambda-Runtime-Cognito-Identity"] = invocation.cognitoIdentity;
    }
    if (invocation.tenantId !== undefined) {
      headers["Lambda-Runtime-Aws-Tenant-Id"] = invocation.tenantId;
    }
    const payload = invocation.payload ?? "{}";
    const body = typeof payload === "string" ? new TextEncoder().encode(payload) : payload;
    return new Promise((resolve) => {
      const pending: Pending = {
        requestId,
        headers,
        body,
        deadlineMs: invocation.deadlineMs,
        timeoutMs: invocation.timeoutMs ?? 3000,
        settled: false,
        resolve: (outcome) => {
          if (pending.settled) return;
          pending.settled = true;
          clearTimeout(pending.timer);
          this.#inFlight.delete(requestId);
          const i = this.#queue.indexOf(pending);
          if (i >= 0) this.#queue.splice(i, 1);
          resolve(outcome);
        },
      };
      if (pending.deadlineMs !== undefined) this.#armDeadline(pending);
      else if (this.#options.queueTimeoutMs !== undefined) {
        const deadlineMs = Date.now() + this.#options.queueTimeoutMs;
        pending.timer = setTimeout(
          () => pending.resolve({ type: "timeout", requestId, deadlineMs }),
          this.#options.queueTimeoutMs,
        );
      }
      if (this.#initError) {
        pending.resolve({ type: "init-error", requestId, error: this.#initError });
        return;
      }
      this.#queue.push(pending);
      this.#dispatch();
    });
  }

  /**
   * Gives up on an invocation (its function process died): it leaves the queue and its promise
   * settles as a timeout. Unknown ids are ignored.
   *
   * @param requestId The invocation.
   * @example
   * ```ts
   * import { RuntimeApiServer } from "./runtime_api_server.ts";
   * const s = await RuntimeApiServer.start();
   * const p = s.invoke({ requestId: "x" });
   * s.abandon("x");
   * console.assert((await p).type === "timeout");
   * await s.close();
   * ```
   */
  abandon(requestId: string): void {
    const p = this.#inFlight.get(requestId) ?? this.#queue.find((q) => q.requestId === requestId);
    p?.resolve({ type: "timeout", requestId, deadlineMs: p.deadlineMs ?? Date.now() });
  }

  /**
   * Stops listening, drops waiting `next` calls and ends queued invocations as timeouts.
   *
   * @returns A promise settled when the server is closed.
   * @example
   * ```ts
   * import { RuntimeApiServer } from "./runtime_api_server.ts";
   * await (await RuntimeApiServer.start()).close();
   * ```
   */
  async close(): Promise<void> {
    for (const p of [...this.#queue, ...this.#inFlight.values()]) {
      p.resolve({
        type: "timeout",
        requestId: p.requestId,
        deadlineMs: p.deadlineMs ?? Date.now(),
      });
    }
    for (const res of this.#waiting.splice(0)) res.destroy();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && this.#waiting.length > 0) {
      const res = this.#waiting.shift()!;
      if (res.destroyed || res.writableEnded) continue;
      const pending = this.#queue.shift()!;
      this.#inFlight.set(pending.requestId, pending);
      if (pending.deadlineMs === undefined) {
        clearTimeout(pending.timer); // the queue timeout, if any
        pending.deadlineMs = Date.now() + pending.timeoutMs;
        this.#armDeadline(pending);
      }
      res.writeHead(200, {
        ...pending.headers,
        "Lambda-Runtime-Deadline-Ms": String(pending.deadlineMs),
        "Content-Length": String(pending.body.length),
      });
      res.end(pending.body);
    }
  }

  #armDeadline(pending: Pending): void {
    const deadlineMs = pending.deadlineMs!;
    const wait = Math.max(0, deadlineMs - Date.now()) + (this.#options.graceMs ?? 0);
    pending.timer = setTimeout(
      () => pending.resolve({ type: "timeout", requestId: pending.requestId, deadlineMs }),
      wait,
    );
  }

  #route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? "").split("?")[0];
    if (!path.startsWith(PREFIX)) return reply(res, 404, "UnknownPath", `No route ${path}`);
    const route = path.slice(PREFIX.length);
    if (route === "invocation/next") {
      if (req.method !== "GET") return reply(res, 405, "MethodNotAllowed", "next is GET");
      this.#nextCalls++;
      req.resume();
      this.#waiting.push(res);
      res.on("close", () => {
        const i = this.#waiting.indexOf(res);
        if (i >= 0) this.#waiting.splice(i, 1);
      });
      for (const w of this.#waiters.filter((w) => this.#waiting.length >= w.n)) {
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        w.resolve();
      }
      return this.#dispatch();
    }
    if (req.method !== "POST") return reply(res, 405, "MethodNotAllowed", `${route} is POST`);
    if (route === "init/error") {
      return void readBody(req, Infinity, undefined).then(({ bytes }) => {
        const error = postedError(req.headers, bytes, "lambda-runtime-function-error-type");
        this.#initError ??= error;
        for (const w of this.#initWaiters.splice(0)) w(error);
        for (const p of [...this.#queue, ...this.#inFlight.values()]) {
          p.resolve({ type: "init-error", requestId: p.requestId, error });
        }
        reply(res, 202, undefined, "OK");
      });
    }
    const m = /^invocation\/([^/]+)\/(response|error)$/.exec(route);
    if (!m) return reply(res, 404, "UnknownPath", `No route ${path}`);
    const requestId = decodeURIComponent(m[1]);
    const pending = this.#inFlight.get(requestId);
    if (!pending) {
      req.resume();
      return reply(res, 400, "InvalidRequestID", `Request id ${requestId} is not in flight`);
    }
    if (m[2] === "error") {
      return void readBody(req, Infinity, undefined).then(({ bytes }) => {
        const error = postedError(req.headers, bytes, "lambda-runtime-function-error-type");
        pending.resolve({ type: "error", requestId, error });
        reply(res, 202, undefined, "OK");
      });
    }
    const streaming = header(req.headers, "lambda-runtime-function-response-mode") === "streaming";
    const limit = streaming
      ? this.#options.maxStreamBytes ?? 200 * 1024 * 1024
      : this.#options.maxResponseBytes ?? 6 * 1024 * 1024;
    const hook = this.#options.onResponseChunk;
    void readBody(req, limit, hook && ((c) => hook(requestId, c))).then(
      ({ bytes, chunks, tooLarge }) => {
        if (tooLarge) {
          pending.resolve({ type: "too-large", requestId, limit });
          return reply(res, 413, "RequestEntityTooLarge", `Response exceeds ${limit} bytes`);
        }
        const errorType = header(req.trailers, "lambda-runtime-function-error-type");
        const outcome: RuntimeApiOutcome = {
          type: "response",
          requestId,
          payload: bytes,
          contentType: header(req.headers, "content-type"),
          streaming,
          chunks,
        };
        if (errorType !== null) {
          const b64 = header(req.trailers, "lambda-runtime-function-error-body") ?? "";
          let text = "";
          try {
            text = new TextDecoder().decode(Uint8Array.fromBase64(b64));
          } catch {
            text = b64;
          }
          outcome.streamError = {
            errorTypeHeader: errorType,
            body: parseJson(text),
            text,
            xrayCause: null,
          };
        }
        pending.resolve(outcome);
        reply(res, 202, undefined, "OK");
      },
    );
  }
}

function header(headers: http.IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
}

function postedError(
  headers: http.IncomingHttpHeaders,
  bytes: Uint8Array,
  typeHeader: string,
): PostedError {
  const text = new TextDecoder().decode(bytes);
  const cause = header(headers, "lambda-runtime-function-xray-error-cause");
  return {
    errorTypeHeader: header(headers, typeHeader),
    body: parseJson(text),
    text,
    xrayCause: cause === null ? null : parseJson(cause),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readBody(
  req: http.IncomingMessage,
  limit: number,
  onChunk: ((chunk: Uint8Array) => void) | undefined,
): Promise<{ bytes: Uint8Array; chunks: number; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    let chunks = 0;
    let tooLarge = false;
    req.on("data", (chunk: Uint8Array) => {
      chunks++;
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) parts.push(new Uint8Array(chunk));
      onChunk?.(new Uint8Array(chunk));
    });
    const finish = () => {
      const bytes = new Uint8Array(tooLarge ? 0 : size);
      let at = 0;
      if (!tooLarge) { for (const p of parts) bytes.set(p, (at += p.length) - p.length); }
      resolve({ bytes, chunks, tooLarge });
    };
    req.on("end", finish);
    req.on("error", finish);
  });
}

function reply(
  res: http.ServerResponse,
  status: number,
  errorType: string | undefined,
  message: string,
): void {
  const body = errorType === undefined
    ? JSON.stringify({ status: message })
    : JSON.stringify({ errorMessage: message, errorType });
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(body);
}

function traceId(): string {
  const hex = (n: number) =>
    Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, "0"))
      .join("");
  const epoch = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  return `Root=1-${epoch}-${hex(12)};Parent=${hex(8)};Sampled=0`;
}
