/**
 * The go1.x transport: Go's `net/rpc` over TCP with gob, serving aws-lambda-go's `Function`
 * service (`Ping`, `Invoke`) on `_LAMBDA_SERVER_PORT`. The wire messages, the rpc server and the
 * service, and `serveGo1x`, which serves a handler on that port; the invoke core runs the handler.
 *
 * @module
 */
export { functionService, type FunctionServiceOptions } from "./function_service.ts";
export {
  InvalidRequest,
  InvokeRequest,
  InvokeResponse,
  type InvokeResponseError,
  PingRequest,
  PingResponse,
  RpcRequest,
  RpcResponse,
} from "./messages.ts";
export { type RpcMethod, type RpcMethods, RpcServer, type RpcServerOptions } from "./rpc_server.ts";
export { serveGo1x, type ServeGo1xOptions } from "./serve.ts";
