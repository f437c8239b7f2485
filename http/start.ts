/**
 * `startHttp`: run a web-standard `(Request, ctx) => Response` function as a Lambda behind API
 * Gateway (REST v1, HTTP API v2), an Application Load Balancer or a Function URL.
 *
 * @module
 */
import { type Context, start, type StartOptions } from "../server/mod.ts";
import { httpHandler, type HttpRequestHandler } from "./adapter.ts";
import { httpStreamingHandler } from "./stream.ts";

/** Options of {@link startHttp}: `start`'s, plus response streaming. */
export interface StartHttpOptions extends StartOptions<unknown> {
  /**
   * Stream responses (Function URLs or REST APIs with invoke mode `RESPONSE_STREAM`; Runtime API
   * transport only): the body is forwarded as the `Response` produces it.
   */
  streaming?: boolean;
}

/**
 * Starts the function with an HTTP request handler: each HTTP event becomes a `Request`, the
 * returned `Response` becomes the result its source expects. The transport (go1.x or the Runtime
 * API) is picked from the environment, as by `start`.
 *
 * @param fn The request handler; `ctx` is the invocation's Lambda Context.
 * @param options The same options as `start`, plus `streaming`.
 * @returns A Promise that settles when the server or loop stops.
 * @throws {TypeError} When `fn` is not a function.
 * @throws {Error} When neither `_LAMBDA_SERVER_PORT` nor `AWS_LAMBDA_RUNTIME_API` is set.
 * @example
 * ```ts ignore
 * import { startHttp } from "../mod.ts";
 * startHttp((req) => Response.json({ path: new URL(req.url).pathname }));
 * ```
 */
export function startHttp(
  fn: HttpRequestHandler<Context>,
  options: StartHttpOptions = {},
): Promise<void> {
  if (options.streaming) return start(httpStreamingHandler(fn), options);
  return start(httpHandler(fn), options);
}
