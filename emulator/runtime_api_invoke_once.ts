/**
 * The go1.x CLI's interface for Runtime API mode: `deno task invoke --runtime-api <entry> …` takes
 * the same options and prints the same outcome kinds as the go1.x mode.
 *
 * @module
 */
import type { LocalInvokeOptions, LocalInvokeOutcome } from "./go1x_service.ts";
import type { InvokeResponseError } from "../server/go1x/mod.ts";
import { parseStack } from "../server/core/mod.ts";
import { invokeRuntimeApi } from "./runtime_api_service.ts";
import { functionName, lambdaEnvironment } from "./function_env.ts";
import type { PostedError } from "./runtime_api_types.ts";

/**
 * Runs one invocation of a function under the local Runtime API emulator (provided.al2023) and
 * reports it like the go1.x mode's `invokeLocally`: `ok` with the payload, `error` with the posted
 * error (an init error, a streamed response's error trailer, a too-large response or a process
 * that exited are errors too, typed as Lambda types them), or `timeout`.
 *
 * @param options The function, event, environment, timeout, output, client context, Cognito.
 * @returns The outcome (the function process is stopped before this resolves).
 * @example
 * ```ts ignore
 * import { invokeLocallyRuntimeApi } from "./runtime_api_invoke_once.ts";
 * const outcome = await invokeLocallyRuntimeApi({ entry: "examples/hello.ts" });
 * if (outcome.kind === "ok") console.log(new TextDecoder().decode(outcome.payload));
 * ```
 */
export async function invokeLocallyRuntimeApi(
  options: LocalInvokeOptions,
): Promise<LocalInvokeOutcome> {
  const timeoutSeconds = options.timeoutSeconds ?? 3;
  // The same function facts as the go1.x mode (named after the entry), less go1.x's execution env.
  const env = lambdaEnvironment(options.entry, options.env ?? {});
  delete env.AWS_EXECUTION_ENV;
  const name = env.AWS_LAMBDA_FUNCTION_NAME ?? functionName(options.entry);
  const requestId = crypto.randomUUID();
  options.onInvoke?.(requestId);
  let result;
  try {
    result = await invokeRuntimeApi({
      requestId,
      entry: options.entry,
      event: options.event ?? "{}",
      env,
      functionArn: `arn:aws:lambda:${env.AWS_REGION}:123456789012:function:${name}`,
      timeoutMs: timeoutSeconds * 1000,
      initTimeoutMs: options.startTimeoutMs,
      clientContext: options.clientContext,
      cognitoIdentityId: options.cognito?.identityId,
      cognitoIdentityPoolId: options.cognito?.identityPoolId,
      output: options.output,
    });
  } catch (e) {
    return {
      kind: "startup",
      message: `cannot start ${options.entry}: ${e instanceof Error ? e.message : e}`,
    };
  }
  const o = result.outcomes[0];
  switch (o.type) {
    case "response":
      if (o.streamError) {
        return { kind: "error", error: goError(o.streamError), requestId: o.requestId };
      }
      return { kind: "ok", payload: o.payload, requestId: o.requestId, durationMs: o.durationMs };
    case "error":
      return {
        kind: "error",
        error: goError(o.error),
        requestId: o.requestId,
        durationMs: o.durationMs,
      };
    case "init-error":
      return { kind: "error", error: goError(o.error), requestId: o.requestId };
    case "timeout":
      return {
        kind: "timeout",
        message: `${o.requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
        requestId: o.requestId,
      };
    case "too-large":
      return {
        kind: "error",
        error: plain(
          "Function.ResponseSizeTooLarge",
          `Response payload size exceeded maximum allowed payload size (${o.limit} bytes).`,
        ),
        requestId: o.requestId,
      };
    case "exited":
      return {
        kind: "error",
        error: plain("Runtime.ExitError", `Runtime exited with error: exit status ${o.exitCode}`),
        requestId: o.requestId,
      };
  }
}

function plain(type: string, message: string): InvokeResponseError {
  return { Type: type, Message: message, StackTrace: [], ShouldExit: false };
}

/** A posted error document as the go1.x error shape (stack strings parsed back into frames). */
function goError(e: PostedError): InvokeResponseError {
  const body = (e.body ?? {}) as {
    errorType?: unknown;
    errorMessage?: unknown;
    stackTrace?: unknown;
  };
  const lines = Array.isArray(body.stackTrace)
    ? body.stackTrace.filter((l) => typeof l === "string")
    : [];
  return {
    Type: typeof body.errorType === "string" ? body.errorType : e.errorTypeHeader ?? "Unknown",
    Message: typeof body.errorMessage === "string" ? body.errorMessage : e.text,
    StackTrace: parseStack(lines.join("\n")).map((f) => ({
      Path: f.path,
      Line: f.line,
      Label: f.label,
    })),
    ShouldExit: false,
  };
}
