/**
 * Test helper: runs `deno task invoke` (emulator/cli.ts) as a subprocess from the repository root.
 *
 * @module
 */

const ROOT = new URL("../", import.meta.url).pathname;

/** What a command printed, and how it ended. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end, with optional text on its standard input.
 *
 * @param command The program.
 * @param args Its arguments.
 * @param options Working folder, environment (added to this process's), standard input.
 * @returns Exit code, standard output and standard error.
 */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<CommandResult> {
  const child = new Deno.Command(command, {
    args,
    cwd: options.cwd,
    env: options.env,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const r = await child.output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: r.code, stdout: text(r.stdout), stderr: text(r.stderr) };
}

/**
 * Runs `deno run -A emulator/cli.ts …args` from the repository root.
 *
 * @param args The command's arguments.
 * @param stdin Text for its standard input (none when omitted).
 * @returns Exit code, standard output and standard error.
 */
export function invokeCli(args: string[], stdin?: string): Promise<CommandResult> {
  return runCommand(Deno.execPath(), ["run", "-A", "emulator/cli.ts", ...args], {
    cwd: ROOT,
    env: { AWS_REGION: "us-east-1" },
    stdin,
  });
}
