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
export {
  type Callback,
  type ClientApplication,
  type ClientContext,
  type ClientEnvironment,
  type CognitoIdentity,
  Context,
  type ContextInit,
  type FunctionEnvironment,
  GO1X_LIMITS,
  type Handler,
  type InvocationInput,
  type InvocationResult,
  type InvokeOptions,
  type LambdaError,
  type LogFormat,
  Logger,
  logger,
  type LoggerOptions,
  type LogLevel,
  type RawHandler,
  type RawResult,
  type StackFrame,
  start,
  type StartOptions,
  startRaw,
  type StartRawOptions,
  testing,
  toLambdaError,
} from "./server/mod.ts";
export type { GobLimits } from "./codec-as/mod.ts";
export {
  type HttpEvent,
  httpEventOf,
  httpHandler,
  type HttpRequestHandler,
  type HttpResult,
  type HttpSource,
  httpStreamingHandler,
  type LambdaEnv,
  lambdaEnv,
  startHttp,
  type StartHttpOptions,
} from "./http/mod.ts";
