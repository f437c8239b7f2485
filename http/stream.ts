/**
 * Streamed HTTP responses for Function URLs (and API Gateway REST APIs) whose invoke mode is
 * `RESPONSE_STREAM`: the response travels as a Lambda response stream in the
 * `application/vnd.awslambda.http-integration-response` format — a JSON prelude (status, headers,
 * cookies), eight NUL bytes, then the body as the handler's `Response` produces it.
 *
 * @module
 */
import { type HttpRequestHandler, respondToHttpEvent } from "./adapter.ts";

/** The content type of a streamed HTTP integration response. */
export const HTTP_INTEGRATION_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";

/** A stream result the Runtime API transport sends with its `contentType`. */
export type HttpResponseStream = ReadableStream<Uint8Array> & { contentType: string };

/**
 * Wraps a `(Request, ctx) => Response` function into a Lambda handler whose result is streamed:
 * the body is forwarded chunk by chunk as the `Response` produces it (Runtime API transport only;
 * the function's invoke mode must be `RESPONSE_STREAM`).
 *
 * @param fn The request handler.
 * @returns A Lambda handler returning the response stream.
 * @throws {TypeError} (from the returned handler) When the event is not an HTTP event, or `fn`
 * does not return a `Response`.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { httpStreamingHandler } from "./stream.ts";
 * const handler = httpStreamingHandler(() => new Response("hi"));
 * const stream = await handler(
 *   { version: "2.0", rawPath: "/", requestContext: { http: { method: "GET" } } },
 *   {},
 * );
 * const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
 * equal(new TextDecoder().decode(bytes.subarray(-2)), "hi");
 * ```
 */
export function httpStreamingHandler<C>(
  fn: HttpRequestHandler<C>,
): (event: unknown, ctx: C) => Promise<HttpResponseStream> {
  if (typeof fn !== "function") {
    throw new TypeError(`httpStreamingHandler expects a function, got ${typeof fn}`);
  }
  return async (event, ctx) => {
    const { response } = await respondToHttpEvent(fn, event, ctx);
    const headers: Record<string, string> = {};
    for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
    const prelude: Record<string, unknown> = { statusCode: response.status, headers };
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) prelude.cookies = cookies;
    const head = new TextEncoder().encode(JSON.stringify(prelude));
    const body = response.body;
    const reader = body?.getReader();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
        controller.enqueue(new Uint8Array(8));
        if (reader === undefined) controller.close();
      },
      async pull(controller) {
        const { done, value } = await reader!.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    });
    return Object.assign(stream, { contentType: HTTP_INTEGRATION_CONTENT_TYPE });
  };
}
