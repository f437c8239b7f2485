/**
 * `compile <entry.ts> [-o out] [--arch x86_64|arm64]`: a Linux binary of a function made with
 * `deno compile` (gob WASM embedded), with only the permissions a Lambda function needs. What is
 * compiled is the entry `package` bundles (`functionEntry`: either transport, `console` patched
 * first, an exported `handler` started), with the function's project configuration. Honours
 * `DENORT_BIN` (the base binary `deno compile` otherwise downloads).
 *
 * @module
 */
import { projectConfig } from "../emulator/mod.ts";
import { writeFunctionEntry } from "./package_bundle.ts";

/** Parsed `compile` arguments. */
export interface CompileArgs {
  /** The function's entry file. */
  entry: string;
  /** The output path (default `dist/<entry name>`). */
  output: string;
  /** Target architecture. */
  arch: "x86_64" | "arm64";
  /** The function's memory size in MB: bakes in a V8 old-generation cap for it. */
  memoryMb?: number;
}

/**
 * The `deno compile --target` triple for each Lambda architecture.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TARGETS } from "./compile.ts";
 * assert.deepEqual(TARGETS.arm64, "aarch64-unknown-linux-gnu");
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
 * import assert from "node:assert/strict";
 * import { FUNCTION_PERMISSIONS } from "./compile.ts";
 * assert.equal(FUNCTION_PERMISSIONS.join(" "), "--allow-net --allow-env --allow-read --allow-write=/tmp");
 * ```
 */
export const FUNCTION_PERMISSIONS: readonly string[] = [
  "--allow-net",
  "--allow-env",
  "--allow-read",
  "--allow-write=/tmp",
];

/**
 * The V8 flags of a deployed function: a 1 MiB semi-space (see {@linkcode FUNCTION_RUN_FLAGS}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FUNCTION_V8_FLAGS } from "./compile.ts";
 * assert.deepEqual(FUNCTION_V8_FLAGS, "--max-semi-space-size=1");
 * ```
 */
export const FUNCTION_V8_FLAGS = "--max-semi-space-size=1";

/**
 * Everything a deployed function runs with: {@linkcode FUNCTION_PERMISSIONS} plus a 1 MiB V8
 * semi-space. Without it V8's young generation grows with the invoke rate and RSS climbs by ~50 MiB
 * over 100,000 invokes; with it RSS stays flat (measured by `deno task bench:compare`, see
 * bench/README.md) — what a function in a 128 MB Lambda needs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FUNCTION_RUN_FLAGS } from "./compile.ts";
 * assert.deepEqual(FUNCTION_RUN_FLAGS.at(-1), "--v8-flags=--max-semi-space-size=1");
 * ```
 */
export const FUNCTION_RUN_FLAGS: readonly string[] = [
  ...FUNCTION_PERMISSIONS,
  `--v8-flags=${FUNCTION_V8_FLAGS}`,
];

/** Resident pages of the Deno executable itself in a running function, about (bench/README.md). */
const EXECUTABLE_MIB = 48;
/** The least old generation given to V8, whatever the function's memory. */
const MIN_OLD_SPACE_MIB = 32;

/**
 * The old-generation size (`--max-old-space-size`, MiB) for a function of `memoryMb` MB: 90 % of
 * it less the Deno executable's own pages, at least 32 MiB — what Lambda's Node.js runtime does
 * for Node. V8 otherwise sizes its heap from the machine and lets garbage pile up past a small
 * function's limit. `package`'s script-mode bootstrap computes the same in shell arithmetic from
 * `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`; a compiled binary gets it with `--memory`.
 *
 * @param memoryMb The function's memory size.
 * @returns MiB of old generation.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { oldSpaceMiB } from "./compile.ts";
 * assert.deepEqual(oldSpaceMiB(128), 67);
 * ```
 */
export function oldSpaceMiB(memoryMb: number): number {
  return Math.max(Math.trunc(memoryMb * 9 / 10) - EXECUTABLE_MIB, MIN_OLD_SPACE_MIB);
}

/** The shell arithmetic of {@linkcode oldSpaceMiB} over `$AWS_LAMBDA_FUNCTION_MEMORY_SIZE`. */
export const OLD_SPACE_SHELL = {
  expression: `AWS_LAMBDA_FUNCTION_MEMORY_SIZE * 9 / 10 - ${EXECUTABLE_MIB}`,
  minimum: MIN_OLD_SPACE_MIB,
} as const;

/**
 * {@linkcode FUNCTION_RUN_FLAGS}, with the old-generation cap for a function of `memoryMb` MB when
 * it is given.
 *
 * @param memoryMb The function's memory size, if known.
 * @returns The flags.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { functionRunFlags } from "./compile.ts";
 * assert.deepEqual(functionRunFlags(128).at(-1), "--v8-flags=--max-semi-space-size=1,--max-old-space-size=67");
 * ```
 */
export function functionRunFlags(memoryMb?: number): string[] {
  if (memoryMb === undefined) return [...FUNCTION_RUN_FLAGS];
  return [
    ...FUNCTION_PERMISSIONS,
    `--v8-flags=${FUNCTION_V8_FLAGS},--max-old-space-size=${oldSpaceMiB(memoryMb)}`,
  ];
}

/**
 * Parses `--memory`'s value: Lambda's memory sizes are whole MB from 128 to 10240.
 *
 * @param text The value.
 * @returns The size in MB.
 * @throws {TypeError} When it is not one.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseMemoryMb } from "./compile.ts";
 * assert.deepEqual(parseMemoryMb("512"), 512);
 * ```
 */
export function parseMemoryMb(text: string): number {
  const mb = /^\d{3,5}$/.test(text) ? Number(text) : NaN;
  if (!(mb >= 128 && mb <= 10240)) {
    throw new TypeError(`--memory is the function's memory in MB, 128 to 10240, got ${text}`);
  }
  return mb;
}

/**
 * Parses the arguments of `compile`.
 *
 * @param args The arguments after `compile`.
 * @returns The parsed arguments.
 * @throws {TypeError} With a message for the user when they are wrong.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCompileArgs } from "./compile.ts";
 * assert.deepEqual(parseCompileArgs(["examples/hello.ts", "--arch", "arm64"]).output, "dist/hello");
 * ```
 */
export function parseCompileArgs(args: string[]): CompileArgs {
  let entry = "";
  let output = "";
  let arch: CompileArgs["arch"] = "x86_64";
  let memoryMb: number | undefined;
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
    } else if (a === "--memory") memoryMb = parseMemoryMb(value());
    else if (a.startsWith("-")) throw new TypeError(`unknown option ${a}`);
    else if (entry === "") entry = a;
    else throw new TypeError(`unexpected argument ${JSON.stringify(a)}`);
  }
  if (entry === "") throw new TypeError("missing the function's entry file");
  if (output === "") {
    const base = entry.split(/[\\/]/).pop() ?? entry;
    output = `dist/${base.replace(/\.(ts|mts|tsx|js|mjs|jsx)$/, "") || "function"}`;
  }
  return memoryMb === undefined ? { entry, output, arch } : { entry, output, arch, memoryMb };
}

/**
 * The `deno compile` argument list for a function.
 *
 * @param args What to compile.
 * @param main The module to compile (default `args.entry`; `main` passes the generated entry that
 *   imports it).
 * @param config The project's configuration flags (`--config …` or `--no-config`).
 * @returns The arguments (after the `deno` executable).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileCommand, parseCompileArgs } from "./compile.ts";
 * const command = compileCommand(parseCompileArgs(["fn.ts"]), "/tmp/main.ts", ["--no-config"]);
 * assert.deepEqual(command.slice(-4), ["--no-config", "--output", "dist/fn", "/tmp/main.ts"]);
 * ```
 */
export function compileCommand(
  args: CompileArgs,
  main: string = args.entry,
  config: string[] = [],
): string[] {
  return [
    "compile",
    ...functionRunFlags(args.memoryMb),
    "--no-prompt",
    "--target",
    TARGETS[args.arch],
    ...config,
    "--output",
    args.output,
    main,
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
        "usage: lambda-gob compile <entry.ts> [-o out] [--arch x86_64|arm64] [--memory MB]",
    );
    return 2;
  }
  const entry = await Deno.realPath(parsed.entry).catch(() => undefined);
  if (entry === undefined) {
    console.error(`compile: cannot read ${parsed.entry}`);
    return 2;
  }
  const output = parsed.output.startsWith("/") ? parsed.output : `${Deno.cwd()}/${parsed.output}`;
  await Deno.mkdir(output.slice(0, output.lastIndexOf("/")) || "/", { recursive: true });
  const project = projectConfig(entry);
  const work = await Deno.makeTempDir({ prefix: "lambda-gob-compile-" });
  let result: Deno.CommandOutput;
  try {
    const main = await writeFunctionEntry(entry, work);
    result = await new Deno.Command(Deno.execPath(), {
      args: compileCommand({ ...parsed, output }, main, project.args),
      cwd: project.args.length === 0 ? project.dir : undefined,
      stdout: "inherit",
      stderr: "piped",
    }).output();
  } finally {
    await Deno.remove(work, { recursive: true });
  }
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
      `lambda-gob invoke ${parsed.output}`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
