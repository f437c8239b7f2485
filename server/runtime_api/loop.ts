/**
 * The Lambda Runtime API transport (provided.al2023): the loop that fetches events from
 * `AWS_LAMBDA_RUNTIME_API`, runs the handler through the invoke core, and posts results, errors
 * and streamed responses back. Up to `AWS_LAMBDA_MAX_CONCURRENCY` invocations run at once, each
 * with its own Context and `InvokeStore` entry. SIGTERM/SIGINT stop the loop gracefully.
 *
 * @module
 */
import { type Handler, invoke, type InvokeOptions, keepsPayload } from "../core/mod.ts";
import { type Context, functionEnvironment } from "../core/mod.ts";
import { installInvokeStore, INVOKE_STORE_KEYS } from "./invoke_store.ts";
import { type NextInvocation, RuntimeApiClient } from "./client.ts";
import { ReplyBuffer } from "../core/mod.ts";
import { errorDocument, xrayErrorCause } from "./_error_document.ts";
import { markInitDone, stackOf } from "./init_error.ts";
import { toLambdaError } from "../core/mod.ts";
import { watchUncaught } from "../core/mod.ts";

/** Options of {@link runRuntimeApi}. */
export interface RuntimeApiOptions<E = unknown> extends InvokeOptions<E> {
  /** `host:port` of the Runtime API. Default: `AWS_LAMBDA_RUNTIME_API`. */
  address?: string;
  /** Invocations in flight at once. Default: `AWS_LAMBDA_MAX_CONCURRENCY`, else 1. */
  concurrency?: number;
  /**
   * Called once on SIGTERM or SIGINT, after the invocations in flight have finished and before
   * the process exits with status 0 (close connections, flush telemetry…). A second signal
   * while waiting exits at once with status 130.
   */
  onShutdown?: (signal: "SIGTERM" | "SIGINT") => void | Promise<void>;
  /** Listen for SIGTERM/SIGINT (default true). */
  handleSignals?: boolean;
  /** Stops the loop (no more `next`); the returned promise settles once in-flight work is done. */
  signal?: AbortSignal;
  /** How to exit after a fatal error or a shutdown signal. Default `Deno.exit`. */
  exit?: (code: number) => void;
}

const STARTED = Symbol.for("lambda-gob.runtimeApiStarted");

/**
 * Whether {@link runRuntimeApi} has been called in this process (by any copy of this module).
 *
 * @returns True once the loop has been started.
 * @example
 * ```ts
 * import { runtimeApiStarted } from "./loop.ts";
 * console.assert(typeof runtimeApiStarted() === "boolean");
 * ```
 */
export function runtimeApiStarted(): boolean {
  return (globalThis as Record<symbol, unknown>)[STARTED] === true;
}

/** Set aside by the handler wrapper, by request id: streamed results and original error stacks. */
const streams = new Map<string, ReadableStream<unknown>>();
const stacks = new Map<string, string>();

/**
 * Runs the Runtime API loop until stopped: by `options.signal`, a shutdown signal, a fatal error
 * (uncaught exception during an invocation: reported, then exit 1) or the Runtime API going away
 * (exit 1).
 *
 * A handler may return a `ReadableStream` (of `Uint8Array`, strings or JSON values): it is sent
 * as a streamed response; if the stream errors mid-way, the error goes in the trailers.
 *
 * @param handler The Lambda handler.
 * @param options Address, concurrency, shutdown hook and the invoke core's options.
 * @returns Settles when the loop has stopped and in-flight invocations are done.
 * @throws {TypeError} When no Runtime API address is known or `concurrency` is not a positive
 * integer.
 * @example
 * ```ts ignore
 * import { runRuntimeApi } from "./loop.ts";
 * await runRuntimeApi((event: { name: string }) => `Hello ${event.name}`);
 * ```
 */
export async function runRuntimeApi<E, R>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, R> | Handler<any, R>,
  options: RuntimeApiOptions<E> = {},
): Promise<void> {
  const address = options.address ?? env("AWS_LAMBDA_RUNTIME_API");
  if (!address) {
    throw new TypeError(
      "runRuntimeApi needs the Runtime API address: set AWS_LAMBDA_RUNTIME_API or options.address",
    );
  }
  const concurrency = options.concurrency ?? maxConcurrency();
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  (globalThis as Record<symbol, unknown>)[STARTED] = true;
  watchUncaught(); // uncaught errors during an invocation fail it (then exit), as in go1.x mode
  const client = new RuntimeApiClient(address);
  const invokeOptions: InvokeOptions<E> = {
    ...options,
    // The function's facts are the process's: read once, not for every invocation's Context.
    environment: options.environment ?? functionEnvironment(),
  };
  const exit = options.exit ?? Deno.exit;
  const store = installInvokeStore();
  const wrapped = wrapHandler(handler, store);
  const stop = new AbortController();
  const stopped = () => stop.signal.aborted;
  options.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  if (options.signal?.aborted) stop.abort();
  let exitCode: number | undefined;

  const removeSignals = options.handleSignals === false ? () => {} : listenForShutdown((sig) => {
    if (shutdownSignal !== undefined) return exit(130); // a second signal: stop waiting
    if (stopped()) return;
    shutdownSignal = sig;
    stop.abort();
  });
  let shutdownSignal: "SIGTERM" | "SIGINT" | undefined;

  const worker = async () => {
    // Each worker encodes its JSON results into one reused buffer, and JSON handlers' events are
    // read into the same buffer: they only parse the event's bytes, at the start of the invocation,
    // before the result is encoded (a 6 MB event is then neither 6 MB of garbage per invoke nor a
    // second 6 MB buffer beside the result's). Raw handlers get the bytes themselves, so theirs are
    // new each time, unless they only borrow them: then the same buffer, read into again once the
    // response has been posted (raw results are not encoded into it).
    const replies = new ReplyBuffer();
    const workerOptions: InvokeOptions<E> = {
      ...invokeOptions,
      serialize: options.serialize ?? ((json) => replies.encode(json)),
    };
    const eventInto = keepsPayload(options) ? undefined : (n: number) => replies.eventInto(n);
    while (!stopped()) {
      let inv: NextInvocation;
      try {
        inv = await client.next(stop.signal, eventInto);
      } catch (e) {
        if (stopped()) return;
        console.error(`Runtime API loop stopped: ${e}`);
        exitCode ??= 1;
        stop.abort();
        return;
      }
      markInitDone();
      const fatal = await handleInvocation(client, wrapped, inv, workerOptions, replies);
      if (fatal) {
        exitCode ??= 1;
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    removeSignals();
    client.close();
  }
  if (shutdownSignal !== undefined) {
    try {
      await options.onShutdown?.(shutdownSignal);
    } catch (e) {
      console.error(`The shutdown hook failed: ${e}`);
    }
    exit(exitCode ?? 0);
  } else if (exitCode !== undefined) {
    exit(exitCode);
  }
}

/** Runs one invocation; returns true when the process must exit afterwards. */
async function handleInvocation<E>(
  client: RuntimeApiClient,
  handler: Handler<E, unknown>,
  inv: NextInvocation,
  options: InvokeOptions<E>,
  replies: ReplyBuffer,
): Promise<boolean> {
  const { requestId, headers } = inv;
  const deadlineMs = Number(headers.get("lambda-runtime-deadline-ms"));
  let cognitoIdentity: { identityId?: string; identityPoolId?: string } | undefined;
  let problem: { type: string; message: string } | undefined;
  if (!Number.isFinite(deadlineMs) || !headers.get("lambda-runtime-deadline-ms")) {
    problem = {
      type: "Runtime.InvalidDeadline",
      message: `Could not parse the deadline header: ${headers.get("lambda-runtime-deadline-ms")}`,
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
      const error = { ...problem, stackTrace: [], shouldExit: false };
      await client.postError(requestId, errorDocument(error), xrayErrorCause(error));
      return false;
    }
    const result = await invoke(handler, {
      requestId,
      invokedFunctionArn: headers.get("lambda-runtime-invoked-function-arn") ?? "",
      deadlineMs,
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
    if (!result.ok) stream?.cancel(result.error.message).catch(() => {});
    if (result.ok && stream !== undefined) {
      replies.release(result.payload); // (the stream is the response, not the handler's value)
      const contentType = (stream as { contentType?: unknown }).contentType;
      const { error } = await client.postStream(
        requestId,
        stream,
        typeof contentType === "string" ? contentType : "application/octet-stream",
        (e) => errorDocument(toLambdaError(e), stackOf(e)),
      );
      if (error !== undefined) console.error(`Response stream failed: ${error}`);
      return false;
    }
    if (result.ok) {
      try {
        await client.postResponse(requestId, result.payload);
      } finally {
        replies.release(result.payload);
      }
      return false;
    }
    const doc = errorDocument(result.error, stack);
    console.error(`Invoke Error\t${capLog(JSON.stringify(doc))}`);
    await client.postError(requestId, doc, xrayErrorCause(result.error));
    return result.error.shouldExit;
  } catch (e) {
    // The Runtime API refused a post (e.g. 413, or the invocation already timed out): the
    // invocation is over either way; keep serving.
    console.error(`Could not complete invocation ${requestId}: ${e}`);
    return false;
  }
}

/** Wraps the handler: InvokeStore entries, stream results set aside, original stacks kept. */
function wrapHandler<E>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, any>,
  store: ReturnType<typeof installInvokeStore>,
): Handler<E, unknown> {
  // One function for every invocation, given the event as an argument: not a closure per
  // invocation over it (see InvokeStore.runWith).
  const call = async (event: E, ctx: Context): Promise<unknown> => {
    try {
      const value = await handler(event, ctx);
      if (value instanceof ReadableStream) {
        streams.set(ctx.requestId, value);
        return null;
      }
      return value;
    } catch (e) {
      const stack = stackOf(e);
      if (stack !== undefined) stacks.set(ctx.requestId, stack);
      throw e;
    }
  };
  const wrapped = (event: E, ctx: Context): unknown => {
    const entries = {
      [INVOKE_STORE_KEYS.REQUEST_ID]: ctx.requestId,
      [INVOKE_STORE_KEYS.X_RAY_TRACE_ID]: ctx.traceId,
      [INVOKE_STORE_KEYS.TENANT_ID]: ctx.tenantId,
    };
    // A store a library installed first may only have `run`.
    return store.runWith !== undefined
      ? store.runWith(entries, call, event, ctx)
      : store.run(entries, () => call(event, ctx));
  };
  // The invoke core lets a handler without parameters accept any payload: keep the arity.
  Object.defineProperty(wrapped, "length", { value: handler.length });
  return wrapped;
}

/** CloudWatch keeps at most 256 KiB of one log event: longer error logs are cut (not the post). */
function capLog(text: string): string {
  const max = 256 * 1024 - 64;
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

function listenForShutdown(onSignal: (sig: "SIGTERM" | "SIGINT") => void): () => void {
  const added: [Deno.Signal, () => void][] = [];
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    const fn = () => onSignal(sig);
    try {
      Deno.addSignalListener(sig, fn);
      added.push([sig, fn]);
    } catch {
      // signals unsupported here (Windows SIGTERM): nothing to listen for
    }
  }
  return () => {
    for (const [sig, fn] of added) Deno.removeSignalListener(sig, fn);
  };
}

function maxConcurrency(): number {
  const raw = env("AWS_LAMBDA_MAX_CONCURRENCY");
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}
