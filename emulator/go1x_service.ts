/**
 * The Lambda go1.x service, played locally: start the function on a free port with Lambda's
 * environment, wait until it answers `Function.Ping`, send one `Function.Invoke`, report.
 *
 * @module
 */
import type { InvokeResponseError } from "../server/go1x/mod.ts";
import { functionName, lambdaEnvironment } from "./function_env.ts";
import { FunctionProcess } from "./spawn_function.ts";
import { GoClient } from "./go_rpc_client.ts";

/** One local invocation. */
export interface LocalInvokeOptions {
  /** The function: an entry file or a compiled binary. */
  entry: string;
  /** The event's JSON bytes (default `{}`). */
  event?: Uint8Array;
  /** Extra environment variables (`--env K=V`). */
  env?: Record<string, string>;
  /** The function's timeout in seconds (default 3, like Lambda's). */
  timeoutSeconds?: number;
  /** How long the function may take to start listening, in ms (default 10,000, Lambda's init limit). */
  startTimeoutMs?: number;
  /** Where the function's own output goes (default: standard error). */
  output?: (chunk: Uint8Array) => void;
  /** Client context JSON to send. */
  clientContext?: string;
  /** Cognito identity to send. */
  cognito?: { identityId: string; identityPoolId: string };
  /** Called with the request id just before the Invoke is sent (the CLI prints `START …`). */
  onInvoke?: (requestId: string) => void;
}

/** How a local invocation ended. */
export type LocalInvokeOutcome =
  | { kind: "ok"; payload: Uint8Array; requestId: string; durationMs?: number }
  | { kind: "error"; error: InvokeResponseError; requestId: string; durationMs?: number }
  | { kind: "timeout"; message: string; requestId: string }
  | { kind: "startup"; message: string };

/**
 * Runs one invocation of a function under the emulated go1.x service.
 *
 * @param options The function, event, environment and timeout.
 * @returns The outcome (the function process is stopped before this resolves).
 * @example
 * ```ts ignore
 * import { invokeLocally } from "./go1x_service.ts";
 * const outcome = await invokeLocally({ entry: "examples/hello.ts" });
 * if (outcome.kind === "ok") console.log(new TextDecoder().decode(outcome.payload));
 * ```
 */
export async function invokeLocally(options: LocalInvokeOptions): Promise<LocalInvokeOutcome> {
  const timeoutSeconds = options.timeoutSeconds ?? 3;
  const port = freePort();
  const env = lambdaEnvironment(options.entry, {
    ...options.env,
    _LAMBDA_SERVER_PORT: String(port),
  });
  let fn: FunctionProcess;
  try {
    fn = FunctionProcess.spawn({ entry: options.entry, env, output: options.output });
  } catch (e) {
    return {
      kind: "startup",
      message: `cannot start ${options.entry}: ${e instanceof Error ? e.message : e}`,
    };
  }
  let client: GoClient | undefined;
  try {
    const ready = await connectWhenReady(fn, port, options.startTimeoutMs ?? 10_000);
    if (typeof ready === "string") return { kind: "startup", message: ready };
    client = ready;

    const requestId = crypto.randomUUID();
    options.onInvoke?.(requestId);
    const region = env.AWS_REGION;
    const name = env.AWS_LAMBDA_FUNCTION_NAME ?? functionName(options.entry);
    const deadlineMs = Date.now() + timeoutSeconds * 1000;
    const sent = performance.now();
    const reply = client.invoke({
      Payload: options.event ?? new TextEncoder().encode("{}"),
      RequestId: requestId,
      XAmznTraceId: traceId(),
      Deadline: { Seconds: Math.floor(deadlineMs / 1000), Nanos: (deadlineMs % 1000) * 1e6 },
      InvokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${name}`,
      CognitoIdentityId: options.cognito?.identityId ?? "",
      CognitoIdentityPoolId: options.cognito?.identityPoolId ?? "",
      ClientContext: new TextEncoder().encode(options.clientContext ?? ""),
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), Math.max(0, deadlineMs - Date.now()));
    });
    const exited = fn.status.then(() => "exited" as const);
    const first = await Promise.race([
      reply.then((r) => ({ r }), (e: Error) => ({ e })),
      timedOut,
      exited,
    ]);
    const durationMs = performance.now() - sent;
    clearTimeout(timer);
    if (first === "timeout") {
      return {
        kind: "timeout",
        message: `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
        requestId,
      };
    }
    if (first === "exited") {
      // The process may have written its response and exited (ShouldExit): give the reply a moment.
      const late = await Promise.race([
        reply.then((r) => ({ r }), (e: Error) => ({ e })),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200)),
      ]);
      if (late === undefined) {
        const s = await fn.status;
        return {
          kind: "error",
          error: exitError(s),
          requestId,
        };
      }
      return settle(late, requestId, fn);
    }
    return { ...await settle(first, requestId, fn), durationMs } as LocalInvokeOutcome;
  } finally {
    client?.close();
    await fn.stop();
  }
}

/** Lambda's limit on a synchronous response payload (6 MB as Lambda counts it). */
export const MAX_RESPONSE_BYTES = 6_291_556;

async function settle(
  first: { r: Awaited<ReturnType<GoClient["invoke"]>> } | { e: Error },
  requestId: string,
  fn: FunctionProcess,
): Promise<LocalInvokeOutcome> {
  if ("e" in first) {
    const s = fn.exited ? await fn.status : undefined;
    return { kind: "error", error: s ? exitError(s) : runtimeError(first.e.message), requestId };
  }
  const { error, reply } = first.r;
  if (error !== "") return { kind: "error", error: runtimeError(`rpc error: ${error}`), requestId };
  if (reply?.Error !== undefined) return { kind: "error", error: reply.Error, requestId };
  const payload = reply?.Payload ?? new Uint8Array(0);
  if (payload.length > MAX_RESPONSE_BYTES) {
    const error = runtimeError(
      `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      "Function.ResponseSizeTooLarge",
    );
    return { kind: "error", error, requestId };
  }
  return { kind: "ok", payload, requestId };
}

function exitError(s: Deno.CommandStatus): InvokeResponseError {
  return runtimeError(
    `Runtime exited ${
      s.signal ? `with signal ${s.signal}` : `with error: exit status ${s.code}`
    } ` +
      "before it answered",
    "Runtime.ExitError",
  );
}

function runtimeError(message: string, type = "Runtime.Unknown"): InvokeResponseError {
  return { Message: message, Type: type, StackTrace: [], ShouldExit: false };
}

async function connectWhenReady(
  fn: FunctionProcess,
  port: number,
  startTimeoutMs: number,
): Promise<GoClient | string> {
  const until = Date.now() + startTimeoutMs;
  for (;;) {
    if (fn.exited) {
      const s = await fn.status;
      return `the function exited (${
        s.signal ? `signal ${s.signal}` : `code ${s.code}`
      }) before it was ready`;
    }
    if (Date.now() > until) {
      return `the function did not answer Function.Ping within ${startTimeoutMs / 1000} seconds`;
    }
    let client: GoClient | undefined;
    try {
      client = await GoClient.connect(port);
      const pong = await client.ping();
      if (pong.error !== "") return `Function.Ping failed: ${pong.error}`;
      return client;
    } catch {
      client?.close();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * A free TCP port on loopback (bound, then released).
 *
 * @returns The port number.
 * @example
 * ```ts
 * import { freePort } from "./go1x_service.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(freePort() > 0, true);
 * ```
 */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

function traceId(): string {
  const hex = (n: number) =>
    Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, "0"))
      .join("");
  const time = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  return `Root=1-${time}-${hex(12)};Parent=${hex(8)};Sampled=0`;
}
