/**
 * `deno task fuzz [--iterations N] [--seed S] [--target decoder|server|events|all] [--hang-ms MS]
 * [--server-iterations N] [--events-iterations N] [--gobrand TYPES] [--no-save]`
 *
 * Mutation fuzzing of the gob decoder (schema-less and with the Lambda message schemas, whole and
 * split, in a watched worker), of the go1.x server over a real socket (mutated recorded client
 * sessions into a `start()` process), and of the event decoders (hostile values in every event
 * type's sample). `--gobrand TYPES` adds that many streams of random Go types made by
 * `tests/interop/gobrand` (needs Go) to the decoder corpus. Every finding is printed and its input
 * saved under `tests/fixtures/fuzz/` as a regression input; the exit status is 1 when there was
 * any. The last line is a JSON summary.
 *
 * @example
 * ```sh
 * deno task fuzz --iterations 1000000 --seed 7 --target all
 * ```
 * @module
 */
import {
  decoderCorpus,
  type FoundInput,
  gobrandSeeds,
  runDecoderFuzz,
  runEventsFuzz,
  runServerFuzz,
  saveFinding,
} from "./fuzz/mod.ts";

/** Parsed command line. */
export interface FuzzArgs {
  /** Decoder inputs. */
  iterations: number;
  /** Server inputs (default iterations / 20, at most 20,000). */
  serverIterations: number;
  /** Seed. */
  seed: number;
  /** Which target. */
  target: "decoder" | "server" | "events" | "all";
  /** Event-decoder inputs (default iterations / 10). */
  eventsIterations: number;
  /** Per-input time bound. */
  hangMs: number;
  /** Save findings as regression inputs. */
  save: boolean;
  /** Random Go types (tests/interop/gobrand) added to the decoder corpus (0: none). */
  gobrand: number;
}

/**
 * Parses the arguments.
 * @param args command-line arguments
 * @returns the options
 * @throws {RangeError} for unknown flags or bad values
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFuzzArgs } from "./fuzz.ts";
 * assert.equal(parseFuzzArgs(["--iterations", "10"]).iterations, 10);
 * ```
 */
export function parseFuzzArgs(args: string[]): FuzzArgs {
  const out: FuzzArgs = {
    iterations: 100_000,
    serverIterations: -1,
    eventsIterations: -1,
    seed: 1,
    target: "all",
    hangMs: 10_000,
    save: true,
    gobrand: 0,
  };
  const num = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (v === undefined || !Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`${flag} needs a non-negative integer, got ${v}`);
    }
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.includes("=") ? a.split("=", 2) : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case "--iterations":
        out.iterations = num(flag, value());
        break;
      case "--events-iterations":
        out.eventsIterations = num(flag, value());
        break;
      case "--server-iterations":
        out.serverIterations = num(flag, value());
        break;
      case "--seed":
        out.seed = num(flag, value());
        break;
      case "--hang-ms":
        out.hangMs = num(flag, value());
        break;
      case "--target": {
        const t = value();
        if (t !== "decoder" && t !== "server" && t !== "events" && t !== "all") {
          throw new RangeError(`--target must be decoder, server, events or all, got ${t}`);
        }
        out.target = t;
        break;
      }
      case "--gobrand":
        out.gobrand = num(flag, value());
        break;
      case "--no-save":
        out.save = false;
        break;
      default:
        throw new RangeError(`unknown argument ${a}`);
    }
  }
  if (out.eventsIterations < 0) out.eventsIterations = Math.ceil(out.iterations / 10);
  if (out.serverIterations < 0) {
    out.serverIterations = Math.min(20_000, Math.ceil(out.iterations / 20));
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  let args: FuzzArgs;
  try {
    args = parseFuzzArgs(argv);
  } catch (e) {
    console.error(`fuzz: ${(e as Error).message}`);
    console.error(
      "usage: deno task fuzz [--iterations N] [--seed S] [--target decoder|server|events|all] [--hang-ms MS] [--server-iterations N] [--events-iterations N] [--gobrand TYPES] [--no-save]",
    );
    return 2;
  }
  const started = Date.now();
  const findings: { target: string; f: FoundInput; file?: string }[] = [];
  const onFinding = (target: string) => async (f: FoundInput) => {
    const file = args.save && f.bytes.length > 0 ? await saveFinding(target, f) : undefined;
    findings.push({ target, f, file });
    console.log(
      `FINDING ${target} #${f.index} ${f.finding.kind}: ${f.finding.detail} (from ${f.origin})${
        file ? ` → ${file}` : ""
      }`,
    );
  };
  const summary: Record<string, unknown> = { seed: args.seed };
  if (args.target === "decoder" || args.target === "all") {
    const corpus = await decoderCorpus();
    if (args.gobrand > 0) corpus.push(...await gobrandSeeds(args.seed, args.gobrand, 3));
    console.log(
      `decoder: ${args.iterations} inputs from ${corpus.length} seeds, seed ${args.seed}`,
    );
    const r = await runDecoderFuzz({
      seed: args.seed,
      iterations: args.iterations,
      corpus,
      hangMs: args.hangMs,
      onFinding: onFinding("decoder"),
      onProgress: (n, rss) =>
        console.log(
          `decoder: ${n} inputs, ${((Date.now() - started) / 1000).toFixed(0)} s, worker RSS ${
            (rss / 2 ** 20).toFixed(0)
          } MiB`,
        ),
    });
    summary.decoder = {
      inputs: r.inputs,
      findings: r.findings.length,
      modes: r.modes,
      codecMemoryBytes: r.maxMemory,
      workerRssBytes: r.maxRss,
    };
  }
  if (args.target === "events" || args.target === "all") {
    console.log(`events: ${args.eventsIterations} mutated event samples, seed ${args.seed}`);
    const r = runEventsFuzz(args.seed, args.eventsIterations);
    for (const f of r.findings) {
      findings.push({
        target: "events",
        f: { index: f.index, finding: f, bytes: new Uint8Array(0), origin: "events" },
      });
      console.log(`FINDING events #${f.index} ${f.kind}: ${f.detail}`);
    }
    summary.events = { inputs: r.inputs, eventTypes: r.types, findings: r.findings.length };
  }
  if (args.target === "server" || args.target === "all") {
    const t0 = Date.now();
    console.log(`server: ${args.serverIterations} connections, seed ${args.seed}`);
    const r = await runServerFuzz({
      seed: args.seed,
      iterations: args.serverIterations,
      onFinding: onFinding("server"),
      onProgress: (n) =>
        console.log(`server: ${n} connections, ${((Date.now() - t0) / 1000).toFixed(0)} s`),
    });
    summary.server = {
      inputs: r.inputs,
      goodClientChecks: r.checks,
      loggedClosings: r.logLines,
      findings: r.findings.length,
    };
  }
  summary.seconds = Math.round((Date.now() - started) / 1000);
  summary.findings = findings.length;
  console.log(JSON.stringify(summary));
  return findings.length > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
