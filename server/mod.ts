/**
 * The runtime: `start` / `startRaw` pick the transport from the environment; `testing` calls
 * handlers without one; `load_module.ts` starts a function module for either transport. Users
 * reach all of it through the repository's `mod.ts`.
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
  type Handler,
  type InvocationInput,
  type InvocationResult,
  type InvokeOptions,
  type LambdaError,
  type StackFrame,
  toLambdaError,
} from "./core/mod.ts";
export { type LogFormat, Logger, logger, type LoggerOptions, type LogLevel } from "./log/mod.ts";
export { runFunctionModuleGo1x } from "./load_module.ts";
export { type RawHandler, type RawResult, startRaw, type StartRawOptions } from "./raw.ts";
export { GO1X_LIMITS, parsePort, start, type StartOptions } from "./start.ts";
export * as testing from "./testing.ts";
