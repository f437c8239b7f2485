/**
 * `serveGo1x`: a handler served the way Lambda's go1.x runtime calls it — aws-lambda-go's
 * `Function` service over Go `net/rpc` on the loopback port Lambda names — with the limits and the
 * large-request buffering the runtime uses.
 *
 * @module
 */
import type { GobLimits } from "../../codec-as/mod.ts";
import {
  functionEnvironment,
  type Handler,
  type InvokeOptions,
  keepsPayload,
} from "../core/mod.ts";
import { functionService } from "./function_service.ts";
import { RpcServer } from "./rpc_server.ts";

/** Options for {@linkcode serveGo1x}: the invoke options and the server's. */
export interface ServeGo1xOptions<E = unknown> extends InvokeOptions<E> {
  /** Limits for each connection's gob streams (`start` gives `GO1X_LIMITS`; else the codec's). */
  limits?: GobLimits;
  /** Ends the server; the returned Promise then resolves. */
  signal?: AbortSignal;
  /** Called once the server listens, with its address. */
  onListen?: (addr: Deno.NetAddr) => void;
}

/**
 * Serves a handler as Lambda's go1.x runtime: the `Function` service (`Ping`, `Invoke`) on
 * 127.0.0.1 at `port`, until `options.signal` aborts. `start()` calls it when
 * `_LAMBDA_SERVER_PORT` is set (and sets up the logger and uncaught-error watch first).
 *
 * @param handler `(event, context) => result | Promise<result>`.
 * @param port The TCP port to listen on (0: any free one).
 * @param options Event decoder, limits, the signal that ends the server, the listen callback.
 * @returns A Promise that resolves once the server has stopped and every connection is closed.
 * @throws {Error} When the port cannot be bound.
 * @example
 * ```ts
 * import { strictEqual } from "node:assert/strict";
 * import { serveGo1x } from "./serve.ts";
 * const stop = new AbortController();
 * await serveGo1x(() => "Hello ƛ!", 0, {
 *   signal: stop.signal,
 *   onListen: (addr) => {
 *     strictEqual(addr.hostname, "127.0.0.1");
 *     stop.abort();
 *   },
 * });
 * ```
 */
export async function serveGo1x<E>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, any>,
  port: number,
  options: ServeGo1xOptions<E> = {},
): Promise<void> {
  let listener: Deno.Listener;
  try {
    listener = Deno.listen({ hostname: "127.0.0.1", port, transport: "tcp" });
  } catch (e) {
    throw new Error(
      `start(): cannot listen on 127.0.0.1:${port} (_LAMBDA_SERVER_PORT): ${
        e instanceof Error ? e.message : e
      }`,
      { cause: e },
    );
  }
  const service = functionService(handler, {
    ...options,
    environment: options.environment ?? functionEnvironment(),
  });
  const server = new RpcServer(listener, service, {
    limits: options.limits,
    // A large request is read from the socket into a buffer of its own, not through codec memory.
    // A raw handler gets its payload to keep, so that buffer is new each time, unless it only
    // borrows it; JSON handlers parse the payload at once, so each connection reuses one, and the
    // result is encoded over it.
    largeMessageBytes: options.raw === true ? 64 * 1024 : 256 * 1024,
    reuseLargeMessages: !keepsPayload(options),
  });
  options.onListen?.(server.addr);
  options.signal?.addEventListener("abort", () => server.close(), { once: true });
  if (options.signal?.aborted) server.close();
  await server.finished;
}
