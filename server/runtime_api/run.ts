/**
 * `runRuntimeApi`, the transport's entry: it loads the loop (`loop.ts`, and with it the HTTP
 * client) when it is called, not when this module is imported. `start` imports the transport in
 * both protocols for its init-error reporting, and a go1.x function then loads none of the loop.
 *
 * @module
 */
import type { Handler } from "../core/mod.ts";
import type { RuntimeApiClient } from "./client.ts";
import type { RuntimeApiOptions } from "./loop.ts";

const STARTED = Symbol.for("lambda-gob.runtimeApiStarted");

/**
 * Whether {@link runRuntimeApi} has been called in this process (by any copy of this module).
 *
 * @returns True once the loop has been asked to start.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runtimeApiStarted } from "./run.ts";
 * assert.equal(typeof runtimeApiStarted(), "boolean");
 * ```
 */
export function runtimeApiStarted(): boolean {
  return (globalThis as Record<symbol, unknown>)[STARTED] === true;
}

/**
 * Runs the Runtime API loop until stopped: by `options.signal`, a shutdown signal, a fatal error
 * (uncaught exception during an invocation: reported, then exit 1), the Runtime API going away or
 * answering `next` with an error (exit 1), or answering a post with `500` (the API's "container
 * error, the runtime should exit promptly": exit 1 once in-flight invocations are done, as
 * aws-lambda-go does). Other refused posts (`400`, `403`, `413`) and posts whose connection failed
 * end only their invocation; a post is never sent twice. An event without a usable request id
 * (missing, `.`, `..`, not UTF-8) is logged and skipped.
 *
 * A handler may return a `ReadableStream` (of `Uint8Array`, strings or JSON values): it is sent
 * as a streamed response; if the stream errors mid-way, the error goes in the trailers.
 *
 * @param handler The Lambda handler.
 * @param options Address, concurrency, shutdown hook and the invoke core's options.
 * @returns Settles when the loop has stopped and in-flight invocations are done.
 * @throws {TypeError} When no Runtime API address is known or `concurrency` is not a positive
 * integer.
 * @example
 * ```ts ignore
 * import { runRuntimeApi } from "./run.ts";
 * await runRuntimeApi((event: { name: string }) => `Hello ${event.name}`);
 * ```
 */
export async function runRuntimeApi<E, R>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, R> | Handler<any, R>,
  options: RuntimeApiOptions<E> = {},
): Promise<void> {
  // set before the loop is loaded: the module loader looks for it one macrotask after an import
  (globalThis as Record<symbol, unknown>)[STARTED] = true;
  const { runLoop } = await import("./loop.ts");
  await runLoop(handler, options);
}

/**
 * The Runtime API client class, loaded when asked for (for the benchmark that measures it
 * against `fetch` and `node:http`, `bench/runtime_api_client.ts`).
 *
 * @returns `RuntimeApiClient`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadRuntimeApiClient } from "./run.ts";
 * const RuntimeApiClient = await loadRuntimeApiClient();
 * assert.equal(typeof new RuntimeApiClient("127.0.0.1:9001").next, "function");
 * ```
 */
export async function loadRuntimeApiClient(): Promise<typeof RuntimeApiClient> {
  return (await import("./client.ts")).RuntimeApiClient;
}
