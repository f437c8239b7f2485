/**
 * The transport-free invoke core shared by the go1.x server and the Runtime API client: builds the
 * {@linkcode Context}, runs the handler inside it, and shapes the result or the error.
 *
 * @module
 */
import { attachSettlement, Context } from "./context.ts";
import { type CallbackOutcome, Settlement } from "./_callback.ts";
import { parseClientContext } from "./_client_context.ts";
import { type LambdaError, type StackFrame, toLambdaError } from "./errors.ts";
import { LARGE_STRING } from "./_json_result.ts";
import { failure, message, resultsWereLarge, shape } from "./_result.ts";
import { parseJsonEvent } from "./_json_event.ts";

import type { Handler, InvocationInput, InvocationResult, InvokeOptions } from "./invocation.ts";

export type { Handler, InvocationInput, InvocationResult, InvokeOptions, LambdaError, StackFrame };

// Uncaught exceptions and unhandled rejections reach every asynchronous invocation in flight
// through its own waiter. (Not `Promise.race` with one long-lived promise: each race leaves a
// reaction on that promise holding its outcome — every result would stay reachable for good.)
let inFlight = 0;
const fatalWaiters = new Set<(error: LambdaError) => void>();

/**
 * Reports an uncaught exception or unhandled rejection to every invocation in flight: each
 * completes with that error and `shouldExit: true` (the transport then exits the process).
 *
 * @param thrown What was thrown or rejected.
 * @returns `true` when at least one invocation was in flight to receive it.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { reportFatal } from "./invoke.ts";
 * equal(reportFatal(new Error("late")), false); // no invocation running
 * ```
 */
export function reportFatal(thrown: unknown): boolean {
  if (inFlight === 0) return false;
  const error = toLambdaError(thrown, true);
  const waiters = [...fatalWaiters];
  fatalWaiters.clear();
  for (const w of waiters) w(error);
  return true;
}

/**
 * Runs one invocation: parses the client context and the JSON payload, builds the Context, runs the
 * handler with it as `Context.current()`, and serialises the result.
 *
 * Errors are results, never rejections: a payload that is not JSON is `Runtime.UnmarshalError`, a
 * result that cannot be serialised is `Runtime.MarshalError`, a client context that is not valid is
 * `Runtime.ClientContextError`, anything the handler throws keeps its own type.
 *
 * @param handler The user's handler.
 * @param input The invocation as received.
 * @param options Decoder and environment.
 * @returns The JSON payload or the error.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { invoke } from "./invoke.ts";
 * const result = await invoke((e: { name: string }) => `Hello ${e.name}!`, {
 *   requestId: "r1",
 *   invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
 *   deadlineMs: Date.now() + 3000,
 *   payload: new TextEncoder().encode('{"name":"ƛ"}'),
 * });
 * equal(result.ok && new TextDecoder().decode(result.payload), '"Hello ƛ!"');
 * ```
 */
export async function invoke<E, R>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, R> | Handler<any, R>,
  input: InvocationInput,
  options: InvokeOptions<E> = {},
): Promise<InvocationResult> {
  return await invokeNow(handler, input, options);
}

/**
 * {@linkcode invoke} without the Promise when the handler returns synchronously: the result is
 * then returned at once, and only an asynchronous handler gives a Promise. The go1.x service uses
 * it so a synchronous handler's reply goes out in the same turn as the request was read, without
 * a microtask hop per invocation.
 *
 * @param handler The user's handler.
 * @param input The invocation as received.
 * @param options Decoder and environment.
 * @returns The JSON payload or the error, or a Promise of it for an asynchronous handler.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { invokeNow } from "./invoke.ts";
 * const result = invokeNow(() => 42, {
 *   requestId: "r1",
 *   invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:answer",
 *   deadlineMs: Date.now() + 3000,
 *   payload: new TextEncoder().encode("{}"),
 * });
 * equal(!(result instanceof Promise) && result.ok && new TextDecoder().decode(result.payload), "42");
 * ```
 */
export function invokeNow<E, R>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, R> | Handler<any, R>,
  input: InvocationInput,
  options: InvokeOptions<E> = {},
): InvocationResult | Promise<InvocationResult> {
  let clientContext;
  if (input.clientContext !== undefined && input.clientContext !== "") {
    try {
      clientContext = parseClientContext(input.clientContext);
    } catch (e) {
      return failure(
        "Runtime.ClientContextError",
        `Could not parse the client context: ${message(e)}`,
      );
    }
  }

  let event: unknown;
  const raw = options.raw === true;
  const large = input.payload.length >= LARGE_STRING || resultsWereLarge();
  // The event's long strings, which need no escaping if the result returns them (json_result.ts).
  const plain: string[] | undefined = large && !raw ? [] : undefined;
  try {
    // Raw: the handler may keep the payload, so a view into reused memory is copied.
    event = raw
      ? (input.payloadOwned === true ? input.payload : input.payload.slice())
      : parseJsonEvent(input.payload, plain);
  } catch (e) {
    // A handler that takes no event accepts any payload, including an empty one.
    if (handler.length > 0) {
      return failure(
        "Runtime.UnmarshalError",
        `Could not parse the event payload as JSON: ${message(e)}`,
      );
    }
  }

  if (options.setTraceEnv !== false) setTraceEnv(input.traceId ?? "");

  const identity = input.cognitoIdentity === undefined ? undefined : {
    cognitoIdentityId: input.cognitoIdentity.identityId ?? "",
    cognitoIdentityPoolId: input.cognitoIdentity.identityPoolId ?? "",
  };
  const ctx = new Context({
    requestId: input.requestId,
    invokedFunctionArn: input.invokedFunctionArn,
    deadlineMs: input.deadlineMs,
    traceId: input.traceId,
    identity,
    clientContext,
    tenantId: input.tenantId,
    environment: options.environment,
  });

  // Node's callback (`context.done`): the first of it and a returned Promise answers.
  const settlement = new Settlement(input.requestId);
  attachSettlement(ctx, settlement);

  inFlight++;
  let value: unknown;
  try {
    const typed = options.decode === undefined || raw ? event as E : options.decode(event);
    // The handler itself, not a closure over the event, is what runs in the context: a closure
    // would be kept alive (a 6 MB event with it) by V8's call feedback in the store's `run`.
    value = Context.run(ctx, handler as Handler<E, R>, typed, ctx, ctx.done);
    // (a `then` getter may throw)
    const thenable = isThenable(value);
    if (settlement.outcome === undefined) {
      if (thenable) {
        return settle(value as PromiseLike<unknown>, ctx, settlement, options, large, plain);
      }
      // A handler that declares the callback answers through it, as with AWS's Node.js runtime.
      if (handler.length >= 3) return settle(undefined, ctx, settlement, options, large, plain);
    } else if (thenable) {
      // Answered by the callback already: the Promise's outcome is ignored (as Node does).
      Promise.resolve(value).then(undefined, ignore);
    }
  } catch (e) {
    inFlight--;
    const called = settlement.outcome;
    settlement.close();
    ctx.dispose();
    // A callback called before the throw answered first.
    if (called !== undefined) return answer(called, options, large, plain);
    return { ok: false, error: toLambdaError(e) };
  }
  inFlight--;
  const called = settlement.outcome;
  settlement.close();
  ctx.dispose();
  if (called !== undefined) return answer(called, options, large, plain);
  return shape(value, options, large, plain);
}

/** The callback's outcome as the invocation's result. */
function answer<E>(
  outcome: CallbackOutcome,
  options: InvokeOptions<E>,
  large: boolean,
  plain: string[] | undefined,
): InvocationResult {
  if ("e" in outcome) return { ok: false, error: toLambdaError(outcome.e) };
  return shape(outcome.v, options, large, plain);
}

function ignore(): void {}

/**
 * Waits for an asynchronous handler's result, its callback or a fatal error — the first of them —
 * then shapes it. Without a `value`, only the callback (or a fatal error) answers.
 */
async function settle<E>(
  value: PromiseLike<unknown> | undefined,
  ctx: Context,
  settlement: Settlement,
  options: InvokeOptions<E>,
  large: boolean,
  plain: string[] | undefined,
): Promise<InvocationResult> {
  let result: unknown;
  let waiter: ((error: LambdaError) => void) | undefined;
  // The invocation's own fatal-error signal (a long-lived one would keep every result reachable
  // through the race's reactions). The handler's outcome is wrapped by module-level functions, not
  // by closures calling this invocation's `resolve`: V8's call feedback at such a call site keeps
  // the first resolve function it sees, and with it that invocation's result, alive through
  // young collections.
  // The callback's outcome comes through the same Promise.
  const fatal = new Promise<LambdaError | CallbackOutcome>((resolve) => {
    waiter = resolve;
    fatalWaiters.add(resolve);
    settlement.wait(resolve);
  });
  try {
    const settled = value === undefined
      ? await fatal
      : await Promise.race([Promise.resolve(value).then(asValue, asError), fatal]);
    if ("e" in settled) return { ok: false, error: toLambdaError(settled.e) };
    if (!("v" in settled)) return { ok: false, error: settled };
    result = settled.v;
  } finally {
    if (waiter !== undefined) fatalWaiters.delete(waiter);
    settlement.close();
    inFlight--;
    ctx.dispose();
  }
  return shape(result, options, large, plain);
}

function asValue(v: unknown): { v: unknown } {
  return { v };
}

function asError(e: unknown): { e: unknown } {
  return { e };
}

let lastTrace: string | undefined;

/**
 * Sets `_X_AMZN_TRACE_ID` when the trace id differs from the one this runtime set last. Lambda sends
 * a new id with every invoke, so a deployed function writes it every time, as aws-lambda-go does;
 * repeats (no tracing, local runs) skip the op call, which costs 3–12 % of a 100 B invoke (measured
 * with `bench/compare_ab.ts`). A handler that overwrites the variable itself keeps its value until
 * the next different trace id.
 */
function setTraceEnv(trace: string): void {
  if (trace === lastTrace) return;
  try {
    Deno.env.set("_X_AMZN_TRACE_ID", trace);
    lastTrace = trace;
  } catch {
    // no env permission: the Context still carries the trace id
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null &&
    typeof (value as { then?: unknown }).then === "function";
}
