/**
 * `invoke <entry.ts|binary> [--event file.json|-] [--env K=V …] [--timeout s] [--runtime-api]`
 * (`deno task invoke` in this repository, `lambda-gob invoke` through `cli.ts`).
 *
 * Plays the Lambda go1.x service (or, with `--runtime-api`, provided.al2023's Runtime API) for one
 * invocation. A `.ts`/`.js` entry runs through the runtime's entry (`server/main.ts`) with the
 * configuration of the project it belongs to (its nearest `deno.json`); a binary (`compile`'s, or
 * an unpacked package's `bootstrap`) runs as it is. The result payload goes to standard output
 * exactly as the function returned it (plus a newline when standard output is a terminal); the
 * function's own output and the emulator's messages go to standard error. Exit status: 0 success,
 * 1 function error, 2 start-up failure, timeout or bad usage.
 *
 * @module
 */
import { invokeLocally, type LocalInvokeOptions, type LocalInvokeOutcome } from "./go1x_service.ts";

const USAGE =
  `usage: lambda-gob invoke <entry.ts|binary> [--event file.json|-] [--env K=V …] [--timeout seconds]

  --event FILE|-   the event JSON (default {}); - reads standard input
  --env K=V        an extra environment variable for the function (repeatable)
  --timeout S      the function's timeout in seconds (default 3, like Lambda's)
  --runtime-api    play provided.al2023's HTTP Runtime API instead of go1.x
  --client-context JSON          the client context to send (a mobile SDK caller's)
  --cognito-id ID, --cognito-pool POOL   the Cognito identity to send
`;

/** Parsed command line. */
export interface InvokeArgs {
  /** The entry file or binary. */
  entry: string;
  /** The event file, `-` for standard input, or undefined for `{}`. */
  event?: string;
  /** `--env` additions. */
  env: Record<string, string>;
  /** `--timeout` in seconds. */
  timeoutSeconds: number;
  /** `--runtime-api`: play the HTTP Runtime API instead of go1.x. */
  runtimeApi: boolean;
  /** `--client-context`: JSON text. */
  clientContext?: string;
  /** `--cognito-id` / `--cognito-pool`. */
  cognito?: { identityId: string; identityPoolId: string };
}

/**
 * Parses the command line.
 *
 * @param args The arguments after `invoke`.
 * @returns The parsed arguments.
 * @throws {TypeError} With a message for the user when the arguments are wrong.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseInvokeArgs } from "./cli.ts";
 * assert.deepEqual(parseInvokeArgs(["hello.ts", "--env", "A=1", "--timeout", "5"]), {
 *   entry: "hello.ts",
 *   env: { A: "1" },
 *   timeoutSeconds: 5,
 *   runtimeApi: false,
 * });
 * ```
 */
export function parseInvokeArgs(args: string[]): InvokeArgs {
  const out: InvokeArgs = { entry: "", env: {}, timeoutSeconds: 3, runtimeApi: false };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = () => {
      if (value !== undefined) return value;
      if (i + 1 >= args.length) throw new TypeError(`${arg} needs a value`);
      return args[++i];
    };
    switch (arg) {
      case "--event":
        out.event = next();
        break;
      case "--env": {
        const kv = next();
        const at = kv.indexOf("=");
        if (at <= 0) throw new TypeError(`--env expects K=V, got ${JSON.stringify(kv)}`);
        out.env[kv.slice(0, at)] = kv.slice(at + 1);
        break;
      }
      case "--timeout": {
        const text = next();
        const s = Number(text);
        if (!Number.isFinite(s) || s <= 0) {
          throw new TypeError(
            `--timeout expects a positive number of seconds, got ${JSON.stringify(text)}`,
          );
        }
        out.timeoutSeconds = s;
        break;
      }
      case "--runtime-api":
        if (value !== undefined) throw new TypeError("--runtime-api takes no value");
        out.runtimeApi = true;
        break;
      case "--client-context": {
        const text = next();
        try {
          JSON.parse(text);
        } catch {
          throw new TypeError(`--client-context expects JSON, got ${JSON.stringify(text)}`);
        }
        out.clientContext = text;
        break;
      }
      case "--cognito-id":
        out.cognito = { identityId: next(), identityPoolId: out.cognito?.identityPoolId ?? "" };
        break;
      case "--cognito-pool":
        out.cognito = { identityId: out.cognito?.identityId ?? "", identityPoolId: next() };
        break;
      case "-h":
      case "--help":
        throw new TypeError("");
      default:
        if (arg.startsWith("-") && arg !== "-") throw new TypeError(`unknown option ${arg}`);
        if (out.entry !== "") throw new TypeError(`unexpected argument ${JSON.stringify(arg)}`);
        out.entry = arg;
    }
  }
  if (out.entry === "") throw new TypeError("missing the function's entry file or binary");
  return out;
}

async function readEvent(event: string | undefined): Promise<Uint8Array> {
  if (event === undefined) return new TextEncoder().encode("{}");
  if (event === "-") return new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
  return await Deno.readFile(event);
}

const encoder = new TextEncoder();
function err(text: string): void {
  const bytes = encoder.encode(text);
  let offset = 0;
  while (offset < bytes.length) offset += Deno.stderr.writeSync(bytes.subarray(offset));
}

/**
 * Prints an outcome: the payload to standard output, everything else to standard error.
 *
 * @param outcome What the invocation produced.
 * @returns The exit status (0, 1 or 2).
 * @example
 * ```ts ignore
 * import { report } from "./cli.ts";
 * Deno.exitCode = report({ kind: "timeout", message: "Task timed out after 3.00 seconds", requestId: "r" });
 * ```
 */
export function report(outcome: LocalInvokeOutcome): number {
  switch (outcome.kind) {
    case "ok": {
      let bytes = outcome.payload;
      if (Deno.stdout.isTerminal()) bytes = new Uint8Array([...bytes, 10]);
      let offset = 0;
      while (offset < bytes.length) offset += Deno.stdout.writeSync(bytes.subarray(offset));
      return 0;
    }
    case "error": {
      const e = outcome.error;
      const frames = (e.StackTrace ?? []).map((f) =>
        `    at ${f?.Label ?? "?"} (${f?.Path ?? "?"}${f && f.Line > 0 ? `:${f.Line}` : ""})\n`
      );
      err(`${e.Type}: ${e.Message}\n${frames.join("")}`);
      if (e.ShouldExit) err("(the runtime asked to exit the process after this error)\n");
      return 1;
    }
    case "timeout":
      err(`${outcome.message}\n`);
      return 2;
    case "startup":
      err(`lambda-gob invoke: start-up failed: ${outcome.message}\n`);
      return 2;
  }
}

/**
 * Runs the command.
 *
 * @param args The arguments after `invoke`.
 * @returns The exit status.
 * @example
 * ```ts ignore
 * import { main } from "./cli.ts";
 * Deno.exit(await main(["examples/hello.ts"]));
 * ```
 */
export async function main(args: string[]): Promise<number> {
  let parsed: InvokeArgs;
  try {
    parsed = parseInvokeArgs(args);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    err(message === "" ? USAGE : `lambda-gob invoke: ${message}\n${USAGE}`);
    return 2;
  }
  let event: Uint8Array;
  try {
    event = await readEvent(parsed.event);
  } catch (e) {
    err(
      `lambda-gob invoke: cannot read the event ${parsed.event}: ${
        e instanceof Error ? e.message : e
      }\n`,
    );
    return 2;
  }
  const options: LocalInvokeOptions = {
    entry: parsed.entry,
    event,
    env: parsed.env,
    timeoutSeconds: parsed.timeoutSeconds,
    clientContext: parsed.clientContext,
    cognito: parsed.cognito,
    onInvoke: (requestId) => err(`START RequestId: ${requestId} Version: $LATEST\n`),
  };
  const outcome = parsed.runtimeApi
    ? await (await import("./runtime_api_invoke_once.ts")).invokeLocallyRuntimeApi(options)
    : await invokeLocally(options);
  const status = report(outcome);
  if (outcome.kind !== "startup") {
    // Lambda's closing lines.
    const ms = "durationMs" in outcome ? outcome.durationMs : undefined;
    const memory = parsed.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? "128";
    err(`END RequestId: ${outcome.requestId}\n`);
    err(
      `REPORT RequestId: ${outcome.requestId}\t` +
        (ms === undefined
          ? ""
          : `Duration: ${ms.toFixed(2)} ms\tBilled Duration: ${Math.ceil(ms)} ms\t`) +
        `Memory Size: ${memory} MB\n`,
    );
  }
  return status;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
