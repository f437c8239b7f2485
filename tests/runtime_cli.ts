/**
 * Test helper: runs `deno task invoke` (emulator/cli.ts) as a subprocess from the repository root.
 *
 * @module
 */

const ROOT = new URL("../", import.meta.url).pathname;

/**
 * Runs `deno run -A emulator/cli.ts …args` from the repository root.
 *
 * @param args The command's arguments.
 * @param stdin Text for its standard input (none when omitted).
 * @returns Exit code, standard output and standard error.
 */
export async function invokeCli(args: string[], stdin?: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "emulator/cli.ts", ...args],
    cwd: ROOT,
    env: { AWS_REGION: "us-east-1" },
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const r = await child.output();
  return {
    code: r.code,
    stdout: new TextDecoder().decode(r.stdout),
    stderr: new TextDecoder().decode(r.stderr),
  };
}
