/**
 * `deno task compile <entry.ts> [-o out] [--arch x86_64|arm64]`: a Linux binary of a function made
 * with `deno compile`, the gob WASM embedded (it is a static import), with only the permissions a
 * Lambda function needs — network, environment, read, and write under /tmp. Honours `DENORT_BIN`
 * (the base binary `deno compile` otherwise downloads).
 *
 * @module
 */

/** Parsed `compile` arguments. */
export interface CompileArgs {
  /** The function's entry file. */
  entry: string;
  /** The output path (default `dist/<entry name>`). */
  output: string;
  /** Target architecture. */
  arch: "x86_64" | "arm64";
}

/**
 * The `deno compile --target` triple for each Lambda architecture.
 *
 * @example
 * ```ts
 * import { TARGETS } from "./compile.ts";
 * console.log(TARGETS.arm64); // aarch64-unknown-linux-gnu
 * ```
 */
export const TARGETS = {
  x86_64: "x86_64-unknown-linux-gnu",
  arm64: "aarch64-unknown-linux-gnu",
} as const;

/**
 * The permissions a compiled function gets.
 *
 * @example
 * ```ts
 * import { FUNCTION_PERMISSIONS } from "./compile.ts";
 * console.log(FUNCTION_PERMISSIONS.join(" "));
 * ```
 */
export const FUNCTION_PERMISSIONS: readonly string[] = [
  "--allow-net",
  "--allow-env",
  "--allow-read",
  "--allow-write=/tmp",
];

/**
 * Everything a deployed function runs with: {@linkcode FUNCTION_PERMISSIONS} plus a 1 MiB V8
 * semi-space. Without it V8's young generation grows with the invoke rate and RSS climbs by ~50 MiB
 * over 100,000 invokes; with it RSS stays flat (measured by `deno task bench:compare`, see
 * bench/README.md) — what a function in a 128 MB Lambda needs.
 *
 * @example
 * ```ts
 * import { FUNCTION_RUN_FLAGS } from "./compile.ts";
 * console.log(FUNCTION_RUN_FLAGS.at(-1)); // --v8-flags=--max-semi-space-size=1
 * ```
 */
export const FUNCTION_RUN_FLAGS: readonly string[] = [
  ...FUNCTION_PERMISSIONS,
  "--v8-flags=--max-semi-space-size=1",
];

/**
 * Parses the arguments of `compile`.
 *
 * @param args The arguments after `compile`.
 * @returns The parsed arguments.
 * @throws {TypeError} With a message for the user when they are wrong.
 * @example
 * ```ts
 * import { parseCompileArgs } from "./compile.ts";
 * console.log(parseCompileArgs(["examples/hello.ts", "--arch", "arm64"]).output); // dist/hello
 * ```
 */
export function parseCompileArgs(args: string[]): CompileArgs {
  let entry = "";
  let output = "";
  let arch: CompileArgs["arch"] = "x86_64";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      if (i + 1 >= args.length) throw new TypeError(`${a} needs a value`);
      return args[++i];
    };
    if (a === "-o" || a === "--output") output = value();
    else if (a === "--arch") {
      const v = value();
      if (v !== "x86_64" && v !== "arm64") {
        throw new TypeError(`--arch must be x86_64 or arm64, got ${JSON.stringify(v)}`);
      }
      arch = v;
    } else if (a.startsWith("-")) throw new TypeError(`unknown option ${a}`);
    else if (entry === "") entry = a;
    else throw new TypeError(`unexpected argument ${JSON.stringify(a)}`);
  }
  if (entry === "") throw new TypeError("missing the function's entry file");
  if (output === "") {
    const base = entry.split(/[\\/]/).pop() ?? entry;
    output = `dist/${base.replace(/\.(ts|mts|tsx|js|mjs|jsx)$/, "") || "function"}`;
  }
  return { entry, output, arch };
}

/**
 * The `deno compile` argument list for a function.
 *
 * @param args What to compile.
 * @returns The arguments (after the `deno` executable).
 * @example
 * ```ts
 * import { compileCommand, parseCompileArgs } from "./compile.ts";
 * console.log(compileCommand(parseCompileArgs(["examples/hello.ts"])).join(" "));
 * ```
 */
export function compileCommand(args: CompileArgs): string[] {
  return [
    "compile",
    ...FUNCTION_RUN_FLAGS,
    "--no-prompt",
    "--target",
    TARGETS[args.arch],
    "--output",
    args.output,
    args.entry,
  ];
}

/**
 * Runs `deno compile` for a function.
 *
 * @param args The arguments after `compile`.
 * @returns The exit status (0 on success).
 * @example
 * ```ts ignore
 * import { main } from "./compile.ts";
 * Deno.exit(await main(["examples/hello.ts", "-o", "/tmp/hello"]));
 * ```
 */
export async function main(args: string[]): Promise<number> {
  let parsed: CompileArgs;
  try {
    parsed = parseCompileArgs(args);
  } catch (e) {
    console.error(
      `compile: ${e instanceof Error ? e.message : e}\n` +
        "usage: deno task compile <entry.ts> [-o out] [--arch x86_64|arm64]",
    );
    return 2;
  }
  const dir = parsed.output.includes("/")
    ? parsed.output.slice(0, parsed.output.lastIndexOf("/"))
    : "";
  if (dir !== "") await Deno.mkdir(dir, { recursive: true });
  const result = await new Deno.Command(Deno.execPath(), {
    args: compileCommand(parsed),
    stdout: "inherit",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(result.stderr);
  if (stderr !== "") console.error(stderr.trimEnd());
  if (!result.success) {
    if (Deno.env.get("DENORT_BIN") === undefined && /denort|download/i.test(stderr)) {
      console.error(
        "compile: deno compile needs its denort base binary and could not get it; set DENORT_BIN " +
          `to a denort ${Deno.version.deno} binary for ${TARGETS[parsed.arch]}`,
      );
    }
    return result.code || 1;
  }
  console.error(
    `compile: wrote ${parsed.output} (${TARGETS[parsed.arch]}); run it with ` +
      `deno task invoke ${parsed.output}`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
