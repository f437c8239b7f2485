/**
 * The invoke core, shared by both transports and knowing neither: the Context (and
 * `Context.current()`), running a handler with its deadline, JSON events in and results out, errors
 * with stack frames, uncaught faults, the reused reply buffer.
 *
 * @module
 */
export { asyncStore } from "./async_store.ts";
export {
  type Callback,
  type ClientApplication,
  type ClientContext,
  type ClientEnvironment,
  type CognitoIdentity,
  Context,
  type ContextInit,
  type FunctionEnvironment,
  functionEnvironment,
} from "./context.ts";
export {
  errorStack,
  type LambdaError,
  parseStack,
  type StackFrame,
  toLambdaError,
  userStack,
} from "./errors.ts";
export {
  type Handler,
  type InvocationInput,
  type InvocationResult,
  type InvokeOptions,
  keepsPayload,
} from "./invocation.ts";
export { invoke, invokeNow, reportFatal } from "./invoke.ts";
export { ReplyBuffer } from "./reply_buffer.ts";
export { watchUncaught } from "./uncaught.ts";
