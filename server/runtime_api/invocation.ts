/**
 * One invocation in Runtime API mode: the handler wrapped for it ({@linkcode wrapHandler}: its
 * `InvokeStore` entries; a streamed result and the original stack of an error set aside for the
 * post), the `next` response's headers read into the invoke core's input, the handler run, and its
 * outcome posted (`post_outcome.ts`).
 *
 * @module
 */
import {
  type Context,
  type Handler,
  invoke,
  type InvokeOptions,
  type ReplyBuffer,
} from "../core/mod.ts";
import { type NextInvocation, type RuntimeApiClient, RuntimeApiError } from "./client.ts";
import { stackOf } from "./init_error.ts";
import { type installInvokeStore, invokeStoreEntries } from "./invoke_store.ts";
import { postInvocationProblem, postOutcome } from "./post_outcome.ts";

/** Set aside by the handler wrapper, by request id: streamed results and original error stacks. */
const streams = new Map<string, ReadableStream<unknown>>();
const stacks = new Map<string, string>();

/**
 * Runs one invocation and posts its outcome. A failure to post is logged, not thrown: the
 * invocation is over either way.
 *
 * @param client The Runtime API client.
 * @param handler The handler, wrapped by {@linkcode wrapHandler}.
 * @param inv The event and headers `next` answered.
 * @param options The invoke core's options (the worker's).
 * @param replies The worker's reply buffer.
 * @returns True when the process must exit afterwards.
 */
export async function handleInvocation<E>(
  client: RuntimeApiClient,
  handler: Handler<E, unknown>,
  inv: NextInvocation,
  options: InvokeOptions<E>,
  replies: ReplyBuffer,
): Promise<boolean> {
  const { requestId, headers } = inv;
  const deadlineText = headers.get("lambda-runtime-deadline-ms");
  const deadlineMs = parseDeadline(deadlineText);
  let cognitoIdentity: { identityId?: string; identityPoolId?: string } | undefined;
  let problem: { type: string; message: string } | undefined;
  if (deadlineMs === undefined) {
    problem = {
      type: "Runtime.InvalidDeadline",
      message: `Could not parse the deadline header: ${JSON.stringify(deadlineText)}`,
    };
  }
  const cognito = headers.get("lambda-runtime-cognito-identity");
  if (cognito) {
    try {
      const j = JSON.parse(cognito);
      cognitoIdentity = {
        identityId: j?.cognitoIdentityId,
        identityPoolId: j?.cognitoIdentityPoolId,
      };
    } catch (e) {
      problem ??= {
        type: "Runtime.CognitoIdentityError",
        message: `Could not parse the Cognito identity: ${(e as Error).message}`,
      };
    }
  }
  try {
    if (problem) {
      await postInvocationProblem(client, requestId, problem);
      return false;
    }
    const result = await invoke(handler, {
      requestId,
      invokedFunctionArn: headers.get("lambda-runtime-invoked-function-arn") ?? "",
      deadlineMs: deadlineMs!,
      traceId: headers.get("lambda-runtime-trace-id") ?? undefined,
      clientContext: headers.get("lambda-runtime-client-context") ?? undefined,
      cognitoIdentity,
      tenantId: headers.get("lambda-runtime-aws-tenant-id") ?? undefined,
      payload: inv.payload,
      payloadOwned: options.raw === true, // raw: the response body (its own buffer, unless borrowed)
    }, options);
    const stream = streams.get(requestId);
    const stack = stacks.get(requestId);
    streams.delete(requestId);
    stacks.delete(requestId);
    return await postOutcome(client, requestId, { result, stream, stack }, replies);
  } catch (e) {
    if (e instanceof RuntimeApiError && e.status === 500) {
      // "Container error. Non-recoverable state. Runtime should exit promptly." (the API's
      // reference; aws-lambda-go's loop ends on it too)
      console.error(
        `Could not complete invocation ${requestId}: ${e}; the Runtime API reports a container ` +
          "error: exiting",
      );
      return true;
    }
    // The Runtime API refused a post (e.g. 413, or the invocation already timed out), or its
    // connection failed (the post is not sent again): the invocation is over either way; serve on.
    console.error(`Could not complete invocation ${requestId}: ${e}`);
    return false;
  }
}

/**
 * The `Lambda-Runtime-Deadline-Ms` header as Go's `strconv.ParseInt(s, 10, 64)` reads it (what
 * aws-lambda-go accepts): an optional sign and decimal digits, within int64.
 *
 * @param text The header's value.
 * @returns Milliseconds since the epoch, or undefined when it is not such a number.
 */
function parseDeadline(text: string | null): number | undefined {
  if (text === null || !/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n > 9223372036854775807n || n < -9223372036854775808n ? undefined : Number(n);
}

/** A streamed result is set aside for the post; the invocation's payload is then `null`. */
function setAside(ctx: Context, value: unknown): unknown {
  if (!(value instanceof ReadableStream)) return value;
  streams.set(ctx.requestId, value);
  return null;
}

function keepStack(ctx: Context, e: unknown): void {
  const stack = stackOf(e);
  if (stack !== undefined) stacks.set(ctx.requestId, stack);
}

/**
 * Wraps the handler: InvokeStore entries, stream results set aside, original stacks kept (for
 * {@linkcode handleInvocation} to post).
 *
 * @param handler The user's handler.
 * @param store The installed `InvokeStore`.
 * @returns A handler of the same arity.
 */
export function wrapHandler<E>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, any>,
  store: ReturnType<typeof installInvokeStore>,
): Handler<E, unknown> {
  // One function for every invocation, given the event as an argument: not a closure per
  // invocation over it (see InvokeStore.runWith).
  // It passes Node's callback on and keeps a synchronous result synchronous: the invoke core
  // tells a callback handler's (nothing returned) from an async one's (a Promise).
  const call = (event: E, ctx: Context): unknown => {
    let value: unknown;
    try {
      value = handler(event, ctx, ctx.done);
    } catch (e) {
      keepStack(ctx, e);
      throw e;
    }
    const thenable = value !== null && (typeof value === "object" || typeof value === "function") &&
      typeof (value as { then?: unknown }).then === "function";
    if (!thenable) return setAside(ctx, value);
    return Promise.resolve(value).then((v) => setAside(ctx, v), (e) => {
      keepStack(ctx, e);
      throw e;
    });
  };
  const wrapped = (event: E, ctx: Context): unknown => {
    const entries = invokeStoreEntries(ctx);
    // A store a library installed first may only have `run`.
    return store.runWith !== undefined
      ? store.runWith(entries, call, event, ctx)
      : store.run(entries, () => call(event, ctx));
  };
  // The invoke core lets a handler without parameters accept any payload: keep the arity.
  Object.defineProperty(wrapped, "length", { value: handler.length });
  return wrapped;
}
