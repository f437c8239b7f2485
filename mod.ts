/**
 * lambda-gob: run AWS Lambda functions written in TypeScript on Deno, speaking Lambda's own wire
 * protocols — go1.x (Go `net/rpc` with gob, decoded by a WebAssembly codec) and the HTTP Runtime
 * API of provided.al2023. `start` picks the one the environment asks for.
 *
 * @example A function
 * ```ts ignore
 * import { Context, logger, start } from "./mod.ts";
 *
 * start((event: { name?: string }, context: Context) => {
 *   logger.info("invoked as", context.invokedFunctionArn);
 *   return `Hello ${event.name ?? "ƛ"}!`;
 * });
 * ```
 *
 * Try it locally with `deno task invoke <file.ts> --event event.json`; in unit tests call the
 * handler through {@linkcode testing.invokeHandler}.
 *
 * @module
 */
export { GO1X_LIMITS, start, type StartOptions } from "./server/start.ts";
export { type RawHandler, type RawResult, startRaw, type StartRawOptions } from "./server/raw.ts";
export {
  type ClientApplication,
  type ClientContext,
  type CognitoIdentity,
  Context,
  type ContextInit,
  type FunctionEnvironment,
} from "./server/core/context.ts";
export type {
  Handler,
  InvocationInput,
  InvocationResult,
  InvokeOptions,
} from "./server/core/invoke.ts";
export { type LambdaError, type StackFrame, toLambdaError } from "./server/core/errors.ts";
export {
  type LogFormat,
  Logger,
  logger,
  type LoggerOptions,
  type LogLevel,
} from "./server/log/logger.ts";
export * as testing from "./server/testing.ts";
export type { GobLimits } from "./codec-as/mod.ts";
export { httpEventOf, httpHandler, type HttpRequestHandler } from "./http/adapter.ts";
export { startHttp, type StartHttpOptions } from "./http/start.ts";
export { httpStreamingHandler } from "./http/stream.ts";
export type { HttpEvent, HttpResult, HttpSource } from "./http/events.ts";
