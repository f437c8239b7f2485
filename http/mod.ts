/**
 * The HTTP adapter: a web-standard `(Request) => Response` function behind API Gateway (REST
 * v1, HTTP API v2), an Application Load Balancer or a Function URL, buffered or streamed. It uses
 * the runtime; the runtime never imports it.
 *
 * @module
 */
export {
  httpEventOf,
  httpHandler,
  type HttpRequestHandler,
  type LambdaEnv,
  lambdaEnv,
} from "./adapter.ts";
export { type HttpEvent, type HttpResult, type HttpSource } from "./events.ts";
export { startHttp, type StartHttpOptions } from "./start.ts";
export { HTTP_INTEGRATION_CONTENT_TYPE, httpStreamingHandler } from "./stream.ts";
