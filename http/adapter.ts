/**
 * The HTTP adapter: write a Lambda behind API Gateway (REST v1, HTTP API v2), an Application Load
 * Balancer or a Function URL as a web-standard `(Request) => Response` function.
 *
 * @module
 */
import type { HttpEvent, HttpResult, HttpSource } from "./events.ts";
import { httpEventToRequest, type MappedHttpRequest } from "./_request.ts";
import { httpResultFromResponse } from "./_response.ts";

/** A web-standard request handler; `ctx` is the Lambda context of the invocation. */
export type HttpRequestHandler<C> = (
  request: Request,
  ctx: C,
) => Response | Promise<Response>;

const events = new WeakMap<Request, { source: HttpSource; event: HttpEvent }>();

/**
 * The Lambda event a request was built from, and its source, for fields the `Request` does not
 * carry (request context, authorizer claims, stage variables…).
 *
 * @param request A request passed to an {@link httpHandler} function.
 * @returns The event and its source, or undefined for a request the adapter did not build.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { httpEventOf, httpHandler } from "./adapter.ts";
 * const handler = httpHandler((req) => new Response(httpEventOf(req)?.source));
 * const r = await handler(
 *   { version: "2.0", rawPath: "/", requestContext: { http: { method: "GET" } } },
 *   {},
 * );
 * equal(r.body, "apigw-v2");
 * ```
 */
export function httpEventOf(
  request: Request,
): { source: HttpSource; event: HttpEvent } | undefined {
  return events.get(request);
}

/**
 * What `hono/aws-lambda`'s `handle(app)` passes a Hono app as its environment (`c.env`): the
 * Lambda event, its `requestContext` and the Lambda context.
 */
export interface LambdaEnv<C> {
  /** The Lambda event the request was built from. */
  event: HttpEvent;
  /** The event's `requestContext`. */
  requestContext: unknown;
  /** The invocation's Lambda context. */
  lambdaContext: C;
}

/**
 * The environment a Hono app (or any `fetch(request, env)` app) gets from `hono/aws-lambda`,
 * built for a request {@link httpHandler} or `startHttp` made: `c.env.event`,
 * `c.env.requestContext` and `c.env.lambdaContext` then work as they do under `handle(app)`.
 *
 * @param request A request passed to an {@link httpHandler} / `startHttp` function.
 * @param ctx The Lambda context passed with it.
 * @returns The environment.
 * @throws {TypeError} When the adapter did not build `request`.
 * @example Hono through `startHttp`: `startHttp((req, ctx) => app.fetch(req, lambdaEnv(req, ctx)))`
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { httpHandler, lambdaEnv } from "./adapter.ts";
 * const handler = httpHandler((req, ctx: { awsRequestId: string }) => {
 *   const env = lambdaEnv(req, ctx);
 *   return new Response(`${env.lambdaContext.awsRequestId} ${(env.event as { httpMethod: string }).httpMethod}`);
 * });
 * const r = await handler(
 *   { httpMethod: "GET", path: "/", headers: { host: "h" }, requestContext: {} },
 *   { awsRequestId: "r-1" },
 * );
 * equal(r.body, "r-1 GET");
 * ```
 */
export function lambdaEnv<C>(request: Request, ctx: C): LambdaEnv<C> {
  const known = events.get(request);
  if (known === undefined) {
    throw new TypeError("lambdaEnv: the request was not built by httpHandler or startHttp");
  }
  const event = known.event;
  return {
    event,
    requestContext: (event as { requestContext?: unknown }).requestContext,
    lambdaContext: ctx,
  };
}

/**
 * Maps an HTTP event to a `Request` (see `httpEventToRequest`), remembers the event for
 * {@link httpEventOf}, runs `fn` on it, and checks that `fn` returned a `Response`: the step both
 * the buffered and the streaming adapter take.
 *
 * @param fn The request handler.
 * @param event The decoded JSON event.
 * @param ctx The Lambda context, passed on to `fn`.
 * @returns The mapped request (source, multi-value mode) and the handler's response.
 * @throws {TypeError} When the event is not an HTTP event, or `fn` does not return a `Response`.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { respondToHttpEvent } from "./adapter.ts";
 * const { mapped, response } = await respondToHttpEvent(
 *   (req) => new Response(new URL(req.url).pathname),
 *   { httpMethod: "GET", path: "/a", requestContext: {} },
 *   {},
 * );
 * equal(mapped.source, "apigw-v1");
 * equal(response.status, 200);
 * ```
 */
export async function respondToHttpEvent<C>(
  fn: HttpRequestHandler<C>,
  event: unknown,
  ctx: C,
): Promise<{ mapped: MappedHttpRequest; response: Response }> {
  const mapped = httpEventToRequest(event);
  events.set(mapped.request, { source: mapped.source, event: event as HttpEvent });
  const response = await fn(mapped.request, ctx);
  if (!(response instanceof Response)) {
    throw new TypeError(
      `The HTTP handler must return a Response, got ${
        response === null ? "null" : typeof response
      }`,
    );
  }
  return { mapped, response };
}

/**
 * Wraps a `(Request, ctx) => Response` function into a Lambda handler for HTTP events. The event
 * source is detected per event; the response is shaped for it (see `httpResultFromResponse`).
 * A thrown error or rejected promise propagates, so Lambda reports it as a function error (the
 * caller sees a 502); return a 500 `Response` yourself to control the body.
 *
 * @param fn The request handler.
 * @returns A Lambda handler `(event, ctx) => Promise<HttpResult>`.
 * @throws {TypeError} (from the returned handler) When the event is not an HTTP event, or `fn`
 * does not return a `Response`.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { httpHandler } from "./adapter.ts";
 * const handler = httpHandler((req) => Response.json({ path: new URL(req.url).pathname }));
 * const result = await handler(
 *   { httpMethod: "GET", path: "/a", headers: { host: "h" }, requestContext: {} },
 *   {},
 * );
 * equal(result.body, '{"path":"/a"}');
 * ```
 */
export function httpHandler<C>(
  fn: HttpRequestHandler<C>,
): (event: unknown, ctx: C) => Promise<HttpResult> {
  if (typeof fn !== "function") {
    throw new TypeError(`httpHandler expects a function, got ${typeof fn}`);
  }
  return async (event, ctx) => {
    const { mapped, response } = await respondToHttpEvent(fn, event, ctx);
    return await httpResultFromResponse(response, mapped);
  };
}
