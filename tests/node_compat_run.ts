/**
 * Runs a function under both transports, several invocations per process (as Lambda reuses a warm
 * one): go1.x through Go's `net/rpc` client, the Runtime API through the emulator's server. Used by
 * the `node_compat_*_test.ts` suites.
 *
 * @module
 */
import {
  FunctionProcess,
  type GoClient,
  lambdaEnvironment,
  RuntimeApiServer,
} from "../emulator/mod.ts";
import { connectWhenListening } from "./support/mod.ts";

/** One invocation to send. */
export interface Invocation {
  /** The event (serialised as JSON). */
  event: unknown;
  /** The request id (default: a random UUID). */
  requestId?: string;
  /** The X-Ray trace header. */
  traceId?: string;
  /** The client context's JSON text. */
  clientContext?: string;
  /** The function's timeout in ms (default 3000). */
  timeoutMs?: number;
}

/** How one invocation was answered. */
export type Answer =
  | { kind: "ok"; value: unknown; ms: number }
  | { kind: "error"; type: string; message: string; ms: number }
  | { kind: "timeout"; ms: number };

/** What a run produced: the answers in order and the function's output. */
export interface Run {
  answers: Answer[];
  output: string;
}

/** A transport's runner. */
export type Runner = (entry: string, invocations: Invocation[]) => Promise<Run>;

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

function environment(entry: string): Record<string, string> {
  return lambdaEnvironment(entry, {});
}

function collector(): { write: (chunk: Uint8Array) => void; text: () => string } {
  const decoder = new TextDecoder();
  let text = "";
  return {
    write: (chunk) => text += decoder.decode(chunk, { stream: true }),
    text: () => text,
  };
}

/**
 * Runs the invocations one after another against one go1.x function process.
 *
 * @param entry The function module.
 * @param invocations What to send.
 * @returns The answers and the output.
 */
export async function runGo1x(entry: string, invocations: Invocation[]): Promise<Run> {
  const port = freePort();
  const env: Record<string, string> = { ...environment(entry), _LAMBDA_SERVER_PORT: String(port) };
  const out = collector();
  const fn = FunctionProcess.spawn({ entry, env, output: out.write });
  const answers: Answer[] = [];
  let client: GoClient | undefined;
  try {
    client = await connectWhenListening(port, fn);
    for (const inv of invocations) {
      const timeoutMs = inv.timeoutMs ?? 3000;
      const deadlineMs = Date.now() + timeoutMs;
      const started = performance.now();
      const reply = client.invoke({
        Payload: new TextEncoder().encode(JSON.stringify(inv.event)),
        RequestId: inv.requestId ?? crypto.randomUUID(),
        XAmznTraceId: inv.traceId ?? "",
        Deadline: { Seconds: Math.floor(deadlineMs / 1000), Nanos: (deadlineMs % 1000) * 1e6 },
        InvokedFunctionArn: ARN + env.AWS_LAMBDA_FUNCTION_NAME,
        ClientContext: new TextEncoder().encode(inv.clientContext ?? ""),
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), timeoutMs);
      });
      const r = await Promise.race([reply, late]);
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (r === "timeout") {
        answers.push({ kind: "timeout", ms });
        break; // Lambda would restart the function
      }
      if (r.error !== "") throw new Error(`rpc error: ${r.error}`);
      const e = r.reply?.Error;
      if (e !== undefined) answers.push({ kind: "error", type: e.Type, message: e.Message, ms });
      else answers.push({ kind: "ok", value: json(r.reply!.Payload), ms });
    }
  } finally {
    client?.close();
    await fn.stop();
  }
  return { answers, output: out.text() };
}

/**
 * Runs the invocations one after another against one function process under the emulator's
 * Runtime API server.
 *
 * @param entry The function module.
 * @param invocations What to send.
 * @returns The answers and the output.
 */
export async function runRuntimeApi(entry: string, invocations: Invocation[]): Promise<Run> {
  const server = await RuntimeApiServer.start({});
  const env = environment(entry);
  delete env.AWS_EXECUTION_ENV;
  env.AWS_LAMBDA_RUNTIME_API = server.address;
  const out = collector();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-write=/tmp",
      entry,
    ],
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const pumps = Promise.all([pump(child.stdout, out.write), pump(child.stderr, out.write)]);
  const answers: Answer[] = [];
  try {
    for (const inv of invocations) {
      const started = performance.now();
      const o = await server.invoke({
        payload: JSON.stringify(inv.event),
        requestId: inv.requestId,
        traceId: inv.traceId,
        clientContext: inv.clientContext,
        timeoutMs: inv.timeoutMs ?? 3000,
        functionArn: ARN + env.AWS_LAMBDA_FUNCTION_NAME,
      });
      const ms = performance.now() - started;
      if (o.type === "response") answers.push({ kind: "ok", value: json(o.payload), ms });
      else if (o.type === "error") {
        const body = o.error.body as { errorType?: string; errorMessage?: string };
        answers.push({
          kind: "error",
          type: body?.errorType ?? "",
          message: body?.errorMessage ?? "",
          ms,
        });
      } else if (o.type === "timeout") {
        answers.push({ kind: "timeout", ms });
        break;
      } else throw new Error(`unexpected outcome ${JSON.stringify(o)}`);
    }
  } finally {
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    const killer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }, 2000);
    await child.status;
    clearTimeout(killer);
    await pumps;
    await server.close();
  }
  return { answers, output: out.text() };
}

/** Both transports, by name, for suites that run every case through each. */
export const TRANSPORTS: ReadonlyArray<readonly [string, Runner]> = [
  ["go1.x", runGo1x],
  ["Runtime API", runRuntimeApi],
];

/** The fixture's path. */
export function fixture(name: string): string {
  return new URL(`./node_compat_functions/${name}`, import.meta.url).pathname;
}

function json(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  return text === "" ? undefined : JSON.parse(text);
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function pump(stream: ReadableStream<Uint8Array>, write: (chunk: Uint8Array) => void) {
  for await (const chunk of stream) write(chunk);
}
