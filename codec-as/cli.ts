/**
 * `deno task gob`: look inside gob streams and make them.
 *
 * ```sh
 * deno task gob dump [file|-] [--types]
 * deno task gob encode --go <decls|path.go> --type <Name>   < values.jsonl > out.gob
 * ```
 *
 * @module
 */

import { dumpStream, encodeJsonLines, readLines, TextSink } from "./cli/mod.ts";

/** The `--help` text. */
export const HELP = `gob — look inside Go gob streams and make them

Usage:
  gob dump [file|-] [--types]
      Decodes a gob stream (a file, or stdin when the file is "-" or absent) and prints one
      JSON line per top-level value, as Go's encoding/json prints the value after decoding it
      into the type the stream describes: exact integers, float64 numbers, structs with all
      fields, []byte as base64, time.Time as RFC 3339, NaN/±Inf as "NaN"/"+Inf"/"-Inf",
      complex as [re, im]. With --types, first prints one line {"types": {...}} holding the
      stream's wire type definitions. A corrupt or truncated stream exits with status 1 and
      the error on stderr (the values before it are printed).

  gob encode --go <decls|path.go> --type <Type>
      Reads JSON lines on stdin and writes one gob stream to stdout holding one value of
      <Type> per line, decoded from JSON as Go's encoding/json would. <decls> is a path to a
      .go file or, when no such file exists, Go type declarations themselves; <Type> is a
      declared name or a type expression such as []Point or map[string]int. interface{}
      fields take null, booleans, numbers (integral → int, else float64) and strings.

  gob --help
      This text.

Exit status: 0 success, 1 bad data (corrupt gob, bad JSON, bad declarations), 2 bad usage.
`;

class UsageError extends Error {
  override name = "UsageError";
}

/** The parsed command line. */
export interface CliArgs {
  /** Which command. */
  command: "dump" | "encode" | "help";
  /** dump: the input file ("-" or absent: stdin). */
  file?: string;
  /** dump: print the wire types first. */
  types: boolean;
  /** encode: declarations or a path to a .go file. */
  go?: string;
  /** encode: the root type. */
  type?: string;
}

/**
 * Parses the command line.
 *
 * @param args `Deno.args`.
 * @returns The command and its options.
 * @throws {Error} (`UsageError`) for unknown commands or options and missing values.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(parseArgs(["dump", "x.gob", "--types"]).types === true);
 * ```
 */
export function parseArgs(args: string[]): CliArgs {
  if (args.length === 0 || ["--help", "-h", "help"].includes(args[0])) {
    return { command: "help", types: false };
  }
  const [cmd, ...rest] = args;
  if (cmd !== "dump" && cmd !== "encode") {
    throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
  }
  const p: CliArgs = { command: cmd, types: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (name: string) => {
      const eq = a.indexOf("=");
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= rest.length) throw new UsageError(`${name} needs a value`);
      return rest[++i];
    };
    if (a === "--help" || a === "-h") return { command: "help", types: false };
    if (cmd === "dump" && a === "--types") p.types = true;
    else if (cmd === "encode" && (a === "--go" || a.startsWith("--go="))) p.go = value("--go");
    else if (cmd === "encode" && (a === "--type" || a.startsWith("--type="))) {
      p.type = value("--type");
    } else if (cmd === "dump" && (a === "-" || !a.startsWith("-")) && p.file === undefined) {
      p.file = a;
    } else throw new UsageError(`${cmd}: unexpected argument ${JSON.stringify(a)}`);
  }
  if (cmd === "encode" && (p.go === undefined || p.type === undefined)) {
    throw new UsageError("encode needs --go <decls|path.go> and --type <Name>");
  }
  return p;
}

async function readDecls(arg: string): Promise<string> {
  if (/[\n{}]/.test(arg) || /^\s*type\s/.test(arg)) return arg;
  try {
    return await Deno.readTextFile(arg);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return arg;
    throw e;
  }
}

async function* chunksOf(file: string | undefined): AsyncGenerator<Uint8Array> {
  const f = file === undefined || file === "-" ? Deno.stdin : await Deno.open(file);
  try {
    const buf = new Uint8Array(1 << 16);
    for (;;) {
      const n = await f.read(buf);
      if (n === null) return;
      yield buf.subarray(0, n);
    }
  } finally {
    if (f !== Deno.stdin) f.close();
  }
}

/**
 * Runs the CLI.
 *
 * @param args The arguments (without the program name).
 * @returns The exit status.
 * @example
 * ```ts ignore
 * Deno.exit(await main(["--help"]));
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const out = new TextSink(Deno.stdout);
  let parsed: CliArgs;
  try {
    parsed = parseArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`gob: ${e.message}\nRun "gob --help" for usage.`);
    return 2;
  }
  try {
    if (parsed.command === "help") {
      await out.write(HELP);
    } else if (parsed.command === "dump") {
      await dumpStream(chunksOf(parsed.file), out, { types: parsed.types });
    } else {
      const decls = await readDecls(parsed.go!);
      await encodeJsonLines(readLines(chunksOf("-")), Deno.stdout, { decls, type: parsed.type! });
    }
    await out.flush();
    return 0;
  } catch (e) {
    await out.flush().catch(() => {});
    if (e instanceof Deno.errors.BrokenPipe) return 0;
    console.error(`gob ${parsed.command}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
