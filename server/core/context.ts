/**
 * The per-invocation Context: what Lambda tells the function about one call, reachable as the
 * handler's second argument and through {@linkcode Context.current} anywhere inside it.
 *
 * @module
 */
import { asyncStore } from "./async_store.ts";
import type { Settlement } from "./_callback.ts";
import {
  type ClientContext,
  type CognitoIdentity,
  type ContextInit,
  functionEnvironment,
} from "./context_types.ts";

export {
  type ClientApplication,
  type ClientContext,
  type ClientEnvironment,
  type CognitoIdentity,
  type ContextInit,
  type FunctionEnvironment,
  functionEnvironment,
} from "./context_types.ts";

/** Node's `callback(error, result)` (and `context.done`): an error unless it is null/undefined. */
export type Callback<R = unknown> = (error?: unknown, result?: R) => void;

/** Attaches an invocation's callback outcome to its context (the invoke core's; set once). */
export let attachSettlement: (ctx: Context, settlement: Settlement) => void;

const storage = asyncStore<Context>();

/**
 * One invocation's context. The runtime builds it; users read it (and build one in their own
 * unit tests with `testing.context()` from `mod.ts`).
 *
 * It has the names AWS's Node.js runtime uses too (`awsRequestId`, `getRemainingTimeInMillis()`,
 * `callbackWaitsForEmptyEventLoop`, `done` / `succeed` / `fail`, `memoryLimitInMB` as a string),
 * so it is assignable to `@types/aws-lambda`'s `Context`.
 *
 * @example Reading the context inside a handler
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { Context } from "./context.ts";
 * const handler = (_event: unknown, ctx: Context) => ({ arn: ctx.invokedFunctionArn });
 * const ctx = new Context({ requestId: "r1", invokedFunctionArn: "arn:x", deadlineMs: Date.now() + 1000 });
 * equal(handler({}, ctx).arn, "arn:x");
 * equal(ctx.awsRequestId, "r1");
 * const remaining = ctx.getRemainingTimeInMillis; // works unbound, as Node's does
 * equal(remaining() > 0 && remaining() <= 1000, true);
 * ctx.dispose();
 * ```
 */
export class Context {
  /** The request id of this invocation. */
  readonly requestId: string;
  /** The ARN used to invoke the function. */
  readonly invokedFunctionArn: string;
  /** Absolute deadline, Unix time in milliseconds. */
  readonly deadlineMs: number;
  /** The X-Ray trace header, when the call carried one. */
  readonly traceId: string | undefined;
  /** The caller's Cognito identity, when the call carried one. */
  readonly identity: CognitoIdentity | undefined;
  /** The client context, when the call carried one. */
  readonly clientContext: ClientContext | undefined;
  /** The tenant id, when the call carried one. */
  readonly tenantId: string | undefined;
  /** `AWS_LAMBDA_FUNCTION_NAME` */
  readonly functionName: string;
  /** `AWS_LAMBDA_FUNCTION_VERSION` */
  readonly functionVersion: string;
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` as AWS's Node.js runtime gives it: MB, a decimal string. */
  readonly memoryLimitInMB: string;
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` in MB, as a number (0 when unset). */
  readonly memoryLimitMB: number;
  /**
   * Node's flag: whether the runtime waits for the event loop to empty before it answers a
   * callback handler. lambda-gob cannot see Deno's event loop, so it answers as soon as the
   * callback is called, as Node does with this set to `false`; setting it changes nothing.
   */
  callbackWaitsForEmptyEventLoop = true;
  #settlement: Settlement | undefined;
  /** `AWS_LAMBDA_LOG_GROUP_NAME` */
  readonly logGroupName: string;
  /** `AWS_LAMBDA_LOG_STREAM_NAME` */
  readonly logStreamName: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  #disposed = false;

  /**
   * Builds a context. Its deadline signal is armed when first used; call
   * {@linkcode Context.dispose} when the invocation ends (the runtime does) to release the timer.
   *
   * @param init The invocation's facts.
   * @throws {TypeError} When `requestId` or `invokedFunctionArn` is not a string or `deadlineMs`
   * is not a finite number.
   */
  constructor(init: ContextInit) {
    if (typeof init.requestId !== "string") {
      throw new TypeError("Context: requestId must be a string");
    }
    if (typeof init.invokedFunctionArn !== "string") {
      throw new TypeError("Context: invokedFunctionArn must be a string");
    }
    if (typeof init.deadlineMs !== "number" || !Number.isFinite(init.deadlineMs)) {
      throw new TypeError("Context: deadlineMs must be a finite number (Unix time in ms)");
    }
    this.requestId = init.requestId;
    this.invokedFunctionArn = init.invokedFunctionArn;
    this.deadlineMs = init.deadlineMs;
    this.traceId = init.traceId || undefined;
    this.identity = init.identity;
    this.clientContext = init.clientContext;
    this.tenantId = init.tenantId || undefined;
    const env = init.environment ?? functionEnvironment();
    this.functionName = env.functionName;
    this.functionVersion = env.functionVersion;
    this.memoryLimitInMB = String(env.memoryLimitInMB);
    this.memoryLimitMB = env.memoryLimitInMB;
    this.logGroupName = env.logGroupName;
    this.logStreamName = env.logStreamName;
  }

  /**
   * Aborts (with a `TimeoutError` DOMException) when the deadline passes. Created on first use, so
   * invocations that never look at it cost no timer.
   */
  get signal(): AbortSignal {
    if (this.#controller !== undefined) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#disposed) {
      if (Date.now() >= this.deadlineMs) this.#abort();
      return controller.signal;
    }
    this.#arm();
    return controller.signal;
  }

  #arm(): void {
    const delay = this.deadlineMs - Date.now();
    if (delay <= 0) {
      this.#timer = undefined;
      this.#abort();
      return;
    }
    // setTimeout takes a signed 32-bit delay: a longer one is re-armed when it fires.
    this.#timer = setTimeout(() => this.#arm(), Math.min(delay, 0x7fffffff));
  }

  #abort(): void {
    this.#controller?.abort(
      new DOMException(
        `The invocation's deadline passed (request ${this.requestId})`,
        "TimeoutError",
      ),
    );
  }

  /** The same as {@linkcode Context.requestId} (the name AWS's Node.js runtime uses). */
  get awsRequestId(): string {
    return this.requestId;
  }

  /** The deadline as a `Date`. */
  get deadline(): Date {
    return new Date(this.deadlineMs);
  }

  /**
   * Milliseconds left before the deadline (0 once it has passed).
   *
   * @returns A non-negative number of milliseconds.
   */
  remainingTimeMs(): number {
    return Math.max(0, this.deadlineMs - Date.now());
  }

  // Node's functions below work unbound, as Node's do. Each read makes a new one: one kept on the
  // Context made every invocation's Context survive young collections.

  /**
   * Node's name for {@linkcode Context.remainingTimeMs}: a function that works unbound too
   * (middy calls it so).
   *
   * @returns A function returning the milliseconds left (0 once the deadline has passed).
   */
  get getRemainingTimeInMillis(): () => number {
    return () => Math.max(0, this.deadlineMs - Date.now());
  }

  /**
   * Node's `context.done(error, result)`: answers the invocation, as the handler's callback does
   * (an error unless `error` is `null` or `undefined`). The first answer counts, whether from a
   * callback or a returned promise; later ones are ignored with a warning. Works unbound.
   *
   * @returns The function.
   * @throws {Error} (when called) For a context the runtime is not running an invocation with.
   */
  get done(): Callback {
    return (error, result) => this.#settle(error, result);
  }

  /**
   * Node's `context.succeed(result)`: `done(null, result)`.
   *
   * @returns The function.
   */
  get succeed(): (result?: unknown, _ignored?: unknown) => void {
    return (result) => this.#settle(null, result);
  }

  /**
   * Node's `context.fail(error)`: `done(error)` (an error of `"handled"` when none is given).
   *
   * @returns The function.
   */
  get fail(): (error?: unknown) => void {
    return (error) => this.#settle(error ?? "handled", undefined);
  }

  #settle(error: unknown, result: unknown): void {
    if (this.#settlement === undefined) {
      throw new Error(
        "context.done(), succeed() and fail() answer an invocation the runtime runs; this " +
          "Context was built outside one (call the handler with testing.invokeHandler())",
      );
    }
    this.#settlement.settle(error, result);
  }

  static {
    attachSettlement = (ctx, settlement) => {
      ctx.#settlement = settlement;
    };
  }

  /** Releases the deadline timer; the signal no longer aborts afterwards. Idempotent. */
  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /**
   * The context of the invocation the caller is running in — across awaits, timers and promise
   * chains started by the handler.
   *
   * @returns The current invocation's context.
   * @throws {Error} When called outside an invocation (at module top level, for instance).
   */
  static current(): Context {
    const ctx = storage.get();
    if (ctx === undefined) {
      throw new Error(
        "Context.current() was called outside a Lambda invocation: it is only available while a " +
          "handler runs (including its awaits, timers and promise chains)",
      );
    }
    return ctx;
  }

  /**
   * Like {@linkcode Context.current} but returns `undefined` outside an invocation.
   *
   * @returns The current invocation's context, or `undefined`.
   */
  static find(): Context | undefined {
    return storage.get();
  }

  /**
   * Runs `fn(a, b, c)` with `ctx` as the current context (for it and everything it starts).
   *
   * @param ctx The context to make current.
   * @param fn The function to run.
   * @param a Its first argument.
   * @param b Its second argument.
   * @param c Its third argument.
   * @returns What `fn` returns.
   */
  static run<R, A = undefined, B = undefined, C = undefined>(
    ctx: Context,
    fn: (a: A, b: B, c: C) => R,
    a?: A,
    b?: B,
    c?: C,
  ): R {
    return storage.run(ctx, fn, a, b, c);
  }
}
