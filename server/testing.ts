/**
 * Helpers for users' own unit tests: build a {@linkcode Context}, and call a handler the way the
 * runtime does (JSON in, JSON out, `Context.current()` set) without any transport.
 *
 * @module
 */
import { Context, type ContextInit, type Handler, invoke, type LambdaError } from "./core/mod.ts";

/** The environment facts a test context gets unless told otherwise. */
const TEST_ENVIRONMENT = {
  functionName: "test-function",
  functionVersion: "$LATEST",
  memoryLimitInMB: 128,
  logGroupName: "/aws/lambda/test-function",
  logStreamName: "2000/01/01/[$LATEST]00000000000000000000000000000000",
};

/**
 * Builds a Context for a test. Defaults: a random request id, the ARN of a function named
 * `test-function` in us-east-1, a deadline 3 s from now, `test-function` facts. Call
 * `dispose()` on it when done (it holds the deadline timer).
 *
 * @param init Fields to set.
 * @returns The context.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { context } from "./testing.ts";
 * const ctx = context({ requestId: "r-1" });
 * equal(ctx.requestId, "r-1");
 * equal(ctx.functionName, "test-function");
 * ctx.dispose();
 * ```
 */
export function context(init: Partial<ContextInit> = {}): Context {
  return new Context({
    requestId: crypto.randomUUID(),
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:test-function",
    deadlineMs: Date.now() + 3000,
    environment: TEST_ENVIRONMENT,
    ...init,
  });
}

/**
 * What a handler threw, as the runtime would report it (thrown by {@linkcode invokeHandler}).
 *
 * @example
 * ```ts
 * import { rejects } from "node:assert/strict";
 * import { HandlerError, invokeHandler } from "./testing.ts";
 * await rejects(
 *   invokeHandler(() => { throw new RangeError("no"); }, {}),
 *   (e) => e instanceof HandlerError && e.error.type === "RangeError",
 * );
 * ```
 */
export class HandlerError extends Error {
  /** The Lambda error (type, message, frames). */
  readonly error: LambdaError;

  /**
   * Wraps a Lambda error; the message reads `Type: message`.
   *
   * @param error The Lambda error.
   */
  constructor(error: LambdaError) {
    super(`${error.type}: ${error.message}`);
    this.name = "HandlerError";
    this.error = error;
  }
}

/** Options for {@linkcode invokeHandler}. */
export interface InvokeHandlerOptions<E> {
  /** Context fields (see {@linkcode context}). */
  context?: Partial<ContextInit>;
  /** The event decoder the function passes to `start`. */
  decode?: (json: unknown) => E;
}

/**
 * Calls a handler as the runtime would: the event goes through JSON, the handler runs with a
 * Context as `Context.current()`, and the result comes back parsed from its JSON.
 *
 * @param handler The handler under test.
 * @param event The event (serialised to JSON first).
 * @param options Context fields and a decoder.
 * @returns The handler's result after a JSON round trip.
 * @throws {HandlerError} When the invocation fails (the handler threw, or JSON failed).
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { invokeHandler } from "./testing.ts";
 * const greeting = await invokeHandler((e: { name: string }) => `Hello ${e.name}!`, { name: "ƛ" });
 * equal(greeting, "Hello ƛ!");
 * ```
 */
export async function invokeHandler<E, R>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, R> | Handler<any, R>,
  event: unknown,
  options: InvokeHandlerOptions<E> = {},
): Promise<R> {
  const init = options.context ?? {};
  const result = await invoke(handler, {
    requestId: init.requestId ?? crypto.randomUUID(),
    invokedFunctionArn: init.invokedFunctionArn ??
      "arn:aws:lambda:us-east-1:123456789012:function:test-function",
    deadlineMs: init.deadlineMs ?? Date.now() + 3000,
    traceId: init.traceId,
    tenantId: init.tenantId,
    clientContext: init.clientContext === undefined ? undefined : JSON.stringify({
      client: {
        installation_id: init.clientContext.client.installationId,
        app_title: init.clientContext.client.appTitle,
        app_version_name: init.clientContext.client.appVersionName,
        app_version_code: init.clientContext.client.appVersionCode,
        app_package_name: init.clientContext.client.appPackageName,
      },
      env: init.clientContext.env,
      custom: init.clientContext.custom,
    }),
    cognitoIdentity: init.identity === undefined ? undefined : {
      identityId: init.identity.cognitoIdentityId,
      identityPoolId: init.identity.cognitoIdentityPoolId,
    },
    payload: new TextEncoder().encode(JSON.stringify(event ?? null)),
  }, {
    decode: options.decode,
    environment: init.environment ?? TEST_ENVIRONMENT,
    setTraceEnv: false,
  });
  if (!result.ok) throw new HandlerError(result.error);
  return JSON.parse(new TextDecoder().decode(result.payload)) as R;
}
