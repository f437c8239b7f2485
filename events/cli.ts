/**
 * `deno task event <GoTypeName> [--strings none|empty] [file|-]`: decodes a JSON event as the
 * named aws-lambda-go type and prints it encoded back to JSON, or prints the error on stderr and
 * exits with status 1. Reads standard input when the file is `-` or missing.
 *
 * @module
 */

import { closeNames, decoder, type EventName } from "./decoders.ts";
import { schemas } from "./event_types.ts";
import type { Strategy } from "./runtime/schema.ts";

const USAGE = "usage: deno task event <GoTypeName> [--strings none|empty] [file|-]";

/** What {@link runCli} returns: the text for each stream and the exit status. */
export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return await new Response(stream).text();
}

/**
 * Runs the CLI on arguments, without touching the process (for tests and the entry point).
 *
 * @param args The arguments after the task name.
 * @param stdin Where `-` reads from.
 * @returns The output and exit status.
 * @example
 * ```ts
 * import { runCli } from "./cli.ts";
 * import { ok } from "node:assert/strict";
 * const file = await Deno.makeTempFile();
 * await Deno.writeTextFile(file, '{"Records":[{"body":null}]}');
 * const r = await runCli(["SQSEvent", "--strings", "empty", file]);
 * ok(r.stdout.includes('"body": ""'));
 * ```
 */
export async function runCli(
  args: string[],
  stdin: ReadableStream<Uint8Array> = Deno.stdin.readable,
): Promise<CliResult> {
  const fail = (msg: string, code = 1): CliResult => ({ stdout: "", stderr: msg + "\n", code });
  let strings: Strategy = "none";
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--strings" || a.startsWith("--strings=")) {
      const v = a === "--strings" ? args[++i] : a.slice("--strings=".length);
      if (v !== "none" && v !== "empty") {
        return fail(`--strings must be none or empty\n${USAGE}`, 2);
      }
      strings = v;
    } else if (a === "-h" || a === "--help") {
      return { stdout: USAGE + "\n", stderr: "", code: 0 };
    } else {
      rest.push(a);
    }
  }
  const [name, file = "-", ...extra] = rest;
  if (name === undefined || extra.length > 0) return fail(USAGE, 2);
  if (!Object.hasOwn(schemas, name)) {
    const near = closeNames(name);
    return fail(
      `unknown event type ${JSON.stringify(name)}` +
        (near.length > 0 ? `; close matches: ${near.join(", ")}` : ""),
    );
  }
  let text: string;
  try {
    text = file === "-" ? await readAll(stdin) : await Deno.readTextFile(file);
  } catch (e) {
    return fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(`${file}: not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const d = decoder(name as EventName, { strings });
  try {
    const value = d(json);
    return {
      stdout: JSON.stringify(d.encode(value as never), null, 2) + "\n",
      stderr: "",
      code: 0,
    };
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) return fail(`${name}: ${e.message}`);
    throw e;
  }
}

if (import.meta.main) {
  const r = await runCli(Deno.args);
  if (r.stdout) await Deno.stdout.write(new TextEncoder().encode(r.stdout));
  if (r.stderr) await Deno.stderr.write(new TextEncoder().encode(r.stderr));
  Deno.exit(r.code);
}
