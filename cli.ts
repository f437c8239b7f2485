/**
 * The `lambda-gob` command, runnable by URL from any project and installable as a command:
 *
 * ```sh
 * deno run -A https://…/lambda-gob/cli.ts invoke fn.ts --event event.json
 * deno install -g -A -n lambda-gob https://…/lambda-gob/cli.ts   # then: lambda-gob package fn.ts
 * ```
 *
 * - `invoke <entry.ts|binary> …`: one invocation under the go1.x service or, with
 *   `--runtime-api`, the provided.al2023 Runtime API (`emulator/cli.ts`).
 * - `package <entry.ts> …`: a zip for Lambda's `provided.al2023` runtime (`tools/package.ts`).
 * - `compile <entry.ts> …`: a Linux binary of the function (`tools/compile.ts`).
 *
 * Each uses the configuration of the project the entry belongs to (its nearest `deno.json` or
 * `deno.jsonc`: import map, lockfile), as `deno run` of that entry from its folder would.
 *
 * @module
 */
import { invokeCommand } from "./emulator/mod.ts";

const USAGE = `usage: lambda-gob <command> …

  invoke <entry.ts|binary> [--event file.json|-] [--env K=V …] [--timeout s] [--runtime-api]
  package <entry.ts> [-o function.zip] [--arch x86_64|arm64] [--memory MB] [--no-compile]
  compile <entry.ts> [-o out] [--arch x86_64|arm64] [--memory MB]

Run a command with --help for its options.
`;

/**
 * Runs one `lambda-gob` command.
 *
 * @param args The command line (`invoke …`, `package …`, `compile …`).
 * @returns The exit status.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { main } from "./cli.ts";
 * assert.equal(await main(["bogus"]), 2);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case "invoke":
      return await invokeCommand(rest);
    case "package":
      return await (await import("./tools/package.ts")).main(rest);
    case "compile":
      return await (await import("./tools/compile.ts")).main(rest);
    case undefined:
    case "-h":
    case "--help":
    case "help":
      console.error(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`lambda-gob: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
