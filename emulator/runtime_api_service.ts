/**
 * `deno task invoke --runtime-api …`: runs a function against the local Runtime API emulator as
 * Lambda's provided.al2023 would — starts it as a subprocess with `AWS_LAMBDA_RUNTIME_API` set,
 * sends the event(s), collects the outcomes, restarts the function after a timeout (Lambda kills
 * it), and stops it with SIGTERM at the end.
 *
 * @module
 */
import { RuntimeApiServer } from "./runtime_api_server.ts";
import { inheritedEnv } from "./function_env.ts";
import { functionCommand } from "./spawn_function.ts";
import type { PostedError, RuntimeApiInvocation, RuntimeApiOutcome } from "./runtime_api_types.ts";

/** What to run and how to invoke it (the same facts as the go1.x mode's flags). */
export interface RuntimeApiInvokeOptions {
  /**
   * The function module (run through `server/main.ts` with its project's configuration), unless
   * `command` is given.
   */
  entry?: string;
  /** A full command line to start instead (e.g. `["./bootstrap"]` of an unpacked zip). */
  command?: string[];
  /** Working directory of the function. */
  cwd?: string;
  /** The event: JSON text, or any bytes (a raw handler's). Default `{}`. */
  event?: string | Uint8Array;
  /** How many invocations. Default 1. */
  count?: number;
  /** `AWS_LAMBDA_MAX_CONCURRENCY` for the function and invocations sent at once. Default 1. */
  concurrency?: number;
  /** Request id (with `count` > 1, suffixed `-1`, `-2`, …). Default: random UUIDs. */
  requestId?: string;
  /** Invoked function ARN. */
  functionArn?: string;
  /** Function timeout in ms, counted from when the function takes the event. Default 3000. */
  timeoutMs?: number;
  /**
   * How long an event may wait for the function to ask for it (start-up, init code) before it
   * counts as timed out and the function is restarted. Default 10,000 ms, Lambda's init limit.
   */
  initTimeoutMs?: number;
  /** X-Ray trace header. */
  traceId?: string;
  /** Client context JSON text. */
  clientContext?: string;
  /** Cognito identity id. */
  cognitoIdentityId?: string;
  /** Cognito identity pool id. */
  cognitoIdentityPoolId?: string;
  /** Tenant id. */
  tenantId?: string;
  /** Extra environment for the function. */
  env?: Record<string, string>;
  /** Wait this long for the function to exit after SIGTERM before SIGKILL. Default 2000 ms. */
  shutdownMs?: number;
  /**
   * Where the function's stdout/stderr go: "inherit", "piped" (collected into the result), or a
   * callback per chunk. Default: a callback writing to standard error (standard output stays
   * free for the payload, as in the go1.x mode).
   */
  output?: "inherit" | "piped" | ((chunk: Uint8Array) => void);
}

/** What happened. */
export interface RuntimeApiInvokeResult {
  /** One per invocation, in order. */
  outcomes: RuntimeApiOutcome[];
  /** What the function posted to `/init/error`, if it failed to start. */
  initError?: PostedError;
  /** Exit codes of every function process started (restarts after timeouts add entries). */
  exitCodes: number[];
  /** The function's output when `output` is "piped". */
  stdout: string;
  /** The function's error output when `output` is "piped". */
  stderr: string;
}

/**
 * Runs a function under the emulator and invokes it.
 *
 * @param options The function and the invocation facts.
 * @returns Every outcome, the init error if any, and the processes' exit codes.
 * @throws {TypeError} When neither `entry` nor `command` is given, or counts are not positive.
 * @example
 * ```ts ignore
 * import { invokeRuntimeApi } from "./runtime_api_service.ts";
 * const r = await invokeRuntimeApi({ entry: "examples/hello.ts", event: '{"name":"ƛ"}' });
 * console.log(r.outcomes[0]);
 * ```
 */
export async function invokeRuntimeApi(
  options: RuntimeApiInvokeOptions,
): Promise<RuntimeApiInvokeResult> {
  const count = options.count ?? 1;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError("count and concurrency must be positive integers");
  }
  const started = options.command !== undefined
    ? { command: options.command, cwd: options.cwd }
    : options.entry === undefined
    ? undefined
    : functionCommand(options.entry);
  if (started === undefined) throw new TypeError("invokeRuntimeApi needs entry or command");
  const command = started.command;

  const server = await RuntimeApiServer.start({ queueTimeoutMs: options.initTimeoutMs ?? 10_000 });
  const result: RuntimeApiInvokeResult = { outcomes: [], exitCodes: [], stdout: "", stderr: "" };
  const outputs: Promise<void>[] = [];
  let child: Deno.ChildProcess | undefined;
  let exited: Promise<number> | undefined;

  const spawn = () => {
    const env: Record<string, string> = {
      AWS_LAMBDA_FUNCTION_NAME: "local",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128",
      AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/local",
      AWS_LAMBDA_LOG_STREAM_NAME: "local",
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
      ...options.env,
      AWS_LAMBDA_RUNTIME_API: server.address,
    };
    if (concurrency > 1) env.AWS_LAMBDA_MAX_CONCURRENCY = String(concurrency);
    const output = options.output ?? writeStderr;
    child = new Deno.Command(command[0], {
      args: command.slice(1),
      cwd: options.cwd ?? started.cwd,
      env: inheritedEnv(env),
      clearEnv: true,
      stdin: "null",
      stdout: output === "inherit" ? "inherit" : "piped",
      stderr: output === "inherit" ? "inherit" : "piped",
    }).spawn();
    if (output === "piped") {
      outputs.push(collect(child.stdout, (s) => result.stdout += s));
      outputs.push(collect(child.stderr, (s) => result.stderr += s));
    } else if (typeof output === "function") {
      outputs.push(forward(child.stdout, output), forward(child.stderr, output));
    }
    const proc = child;
    exited = proc.status.then((s) => {
      result.exitCodes.push(s.code);
      if (child === proc) child = undefined;
      return s.code;
    });
  };

  const ids = Array.from(
    { length: count },
    (_, i) =>
      options.requestId === undefined
        ? crypto.randomUUID()
        : count > 1
        ? `${options.requestId}-${i + 1}`
        : options.requestId,
  );
  const invocation = (i: number): RuntimeApiInvocation => {
    const inv: RuntimeApiInvocation = { payload: options.event ?? "{}", requestId: ids[i] };
    inv.timeoutMs = options.timeoutMs ?? 3000;
    if (options.functionArn) inv.functionArn = options.functionArn;
    if (options.traceId) inv.traceId = options.traceId;
    if (options.clientContext) inv.clientContext = options.clientContext;
    if (options.cognitoIdentityId || options.cognitoIdentityPoolId) {
      inv.cognitoIdentity = JSON.stringify({
        cognitoIdentityId: options.cognitoIdentityId ?? "",
        cognitoIdentityPoolId: options.cognitoIdentityPoolId ?? "",
      });
    }
    if (options.tenantId) inv.tenantId = options.tenantId;
    return inv;
  };

  // Resolves with an outcome, or with "exited" when the process ends before answering.
  const run = async (inv: RuntimeApiInvocation): Promise<RuntimeApiOutcome | "exited"> => {
    if (child === undefined) spawn();
    const died = exited!.then(() => "exited" as const);
    const outcome = await Promise.race([server.invoke(inv), died]);
    if (outcome === "exited") server.abandon(inv.requestId!);
    return outcome;
  };

  try {
    for (let i = 0; i < count; i += concurrency) {
      const batch = Array.from({ length: Math.min(concurrency, count - i) }, (_, j) => i + j);
      const outcomes = await Promise.all(batch.map((k) => run(invocation(k))));
      for (const [j, o] of outcomes.entries()) {
        const requestId = ids[batch[j]];
        if (o !== "exited") result.outcomes.push(o);
        else if (server.initError) {
          result.outcomes.push({ type: "init-error", requestId, error: server.initError });
        } else {
          const code = result.exitCodes[result.exitCodes.length - 1] ?? -1;
          result.outcomes.push({ type: "exited", requestId, exitCode: code });
        }
      }
      if (server.initError) break;
      if (outcomes.some((o) => o !== "exited" && o.type === "timeout")) await stop(0); // Lambda restarts
    }
  } finally {
    await stop(options.shutdownMs ?? 2000);
    await Promise.all(outputs);
    await server.close();
  }
  if (server.initError) result.initError = server.initError;
  return result;

  async function stop(graceMs: number): Promise<void> {
    const proc = child;
    if (proc === undefined) return;
    // After an init error the function exits by itself (status 1): only wait for it.
    if (!server.initError) {
      try {
        proc.kill(graceMs > 0 ? "SIGTERM" : "SIGKILL");
      } catch {
        // already gone
      }
    }
    const timer = setTimeout(() => {
      try {
        proc.kill("SIGKILL");
      } catch {
        // already gone
      }
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}

async function forward(stream: ReadableStream<Uint8Array>, write: (chunk: Uint8Array) => void) {
  for await (const chunk of stream) write(chunk);
}

function writeStderr(chunk: Uint8Array): void {
  let offset = 0;
  while (offset < chunk.length) offset += Deno.stderr.writeSync(chunk.subarray(offset));
}

async function collect(stream: ReadableStream<Uint8Array>, add: (s: string) => void) {
  // A function's output is kept as written: a leading U+FEFF is text, not a byte order mark.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for await (const chunk of stream) add(decoder.decode(chunk, { stream: true }));
}
