/**
 * A local Lambda Runtime API (2018-06-01) server: the service side of provided.al2023, for tests
 * and `deno task invoke --runtime-api`. It queues invocations, serves them to `next` callers (any
 * number may wait at once, as with `AWS_LAMBDA_MAX_CONCURRENCY`), and records what the function
 * posts to `/response` (buffered or streamed, with error trailers), `/error` and `/init/error`.
 * Built on `node:http` because it reads request trailers. An invocation's clock is in
 * `_runtime_api_pending.ts`; reading posts and writing replies in `_runtime_api_wire.ts`.
 *
 * Length: one class whose routes and queue share its state (waiting `next` calls, invocations in
 * flight, waiters); what does not touch that state lives in the two files above.
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
import { handOut, type Pending, startPending } from "./_runtime_api_pending.ts";
import { postedError, readBody, readResponse, reply } from "./_runtime_api_wire.ts";

const PREFIX = "/2018-06-01/runtime/";

/**
 * The emulator. Create with {@link RuntimeApiServer.start}; point a function at it with
 * `AWS_LAMBDA_RUNTIME_API=<server.address>`.
 *
 * @example
 * ```ts
 * import { RuntimeApiServer } from "./runtime_api_server.ts";
 * import { ok } from "node:assert/strict";
 * const server = await RuntimeApiServer.start();
 * const outcome = server.invoke({ payload: '{"n":1}', requestId: "r1" });
 * const base = `http://${server.address}/2018-06-01/runtime/invocation/`;
 * const next = await fetch(base + "next");
 * await fetch(base + next.headers.get("lambda-runtime-aws-request-id") + "/response", {
 *   method: "POST",
 *   body: await next.text(),
 * });
 * ok((await outcome).type === "response");
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
   * import { ok } from "node:assert/strict";
   * const s = await RuntimeApiServer.start({ port: 0 });
   * ok(s.address.startsWith("127.0.0.1:"));
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
   * import { equal } from "node:assert/strict";
   * const s = await RuntimeApiServer.start();
   * await s.whenWaiting(0);
   * equal(s.waitingNext, 0);
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
   * import { ok } from "node:assert/strict";
   * const s = await RuntimeApiServer.start();
   * const p = s.waitInitError();
   * await fetch(`http://${s.address}/2018-06-01/runtime/init/error`, { method: "POST", body: "{}" });
   * ok((await p).text === "{}");
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
   * import { ok } from "node:assert/strict";
   * const s = await RuntimeApiServer.start();
   * const p = s.invoke({ deadlineMs: Date.now() + 1 });
   * ok((await p).type === "timeout");
   * await s.close();
   * ```
   */
  invoke(invocation: RuntimeApiInvocation = {}): Promise<RuntimeApiOutcome> {
    const requestId = invocation.requestId ?? crypto.randomUUID();
    if (this.#inFlight.has(requestId) || this.#queue.some((p) => p.requestId === requestId)) {
      return Promise.reject(new TypeError(`Request id ${requestId} is already queued or running`));
    }
    return new Promise((resolve) => {
      const pending = startPending(requestId, invocation, this.#options, (p) => {
        this.#inFlight.delete(requestId);
        const i = this.#queue.indexOf(p);
        if (i >= 0) this.#queue.splice(i, 1);
      }, resolve);
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
   * import { ok } from "node:assert/strict";
   * const s = await RuntimeApiServer.start();
   * const p = s.invoke({ requestId: "x" });
   * s.abandon("x");
   * ok((await p).type === "timeout");
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
   * import { equal } from "node:assert/strict";
   * const s = await RuntimeApiServer.start();
   * const queued = s.invoke({ requestId: "never-taken" });
   * await s.close();
   * equal((await queued).type, "timeout");
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
      handOut(pending, this.#options.graceMs);
      res.writeHead(200, {
        ...pending.headers,
        "Lambda-Runtime-Deadline-Ms": String(pending.deadlineMs),
        "Content-Length": String(pending.body.length),
      });
      res.end(pending.body);
    }
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
    void readResponse(req, requestId, this.#options).then((outcome) => {
      pending.resolve(outcome);
      if (outcome.type !== "too-large") return reply(res, 202, undefined, "OK");
      reply(res, 413, "RequestEntityTooLarge", `Response exceeds ${outcome.limit} bytes`);
    });
  }
}
