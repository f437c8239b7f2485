/**
 * Result records of the side-by-side benchmarks: a full run of `bench:compare` or
 * `bench:runtime-api` writes `bench/results/<bench>-<date>.json` (the commit measured, the date,
 * the machine, the command, every sample) with its table (`.md`) and chart (`.svg`) beside it,
 * rendered from the JSON alone, so `deno task bench:render` regenerates them. Quick runs write the
 * same files to `bench/out/` (git-ignored) instead.
 *
 * @module
 */
import type { Samples } from "./compare_report.ts";

/** Facts about the machine a run was made on. */
export interface Machine {
  /** CPU model (`/proc/cpuinfo`). */
  cpu: string;
  /** Logical CPUs. */
  cores: number;
  /** Total memory, GiB. */
  memoryGiB: number;
  /** `os.release` (the kernel). */
  kernel: string;
  /** Deno's version. */
  deno: string;
  /** V8's version. */
  v8: string;
  /** `go version`. */
  go: string;
  /** 1-, 5- and 15-minute load averages when the run started. */
  loadStart: number[];
  /** The same when it ended. */
  loadEnd: number[];
}

/** One benchmark run as committed. */
export interface BenchRecord {
  /** `compare`, `runtime-api`, or a recorded tool run (`fuzz`, `soak`: `record_command.ts`). */
  bench: "compare" | "runtime-api" | "fuzz" | "soak";
  /** The commit measured (`git rev-parse HEAD`, or `LAMBDA_GOB_COMMIT`), or "unknown". */
  commit: string;
  /** Files that differed from that commit when the run started (`git status --porcelain`). */
  dirty: string[];
  /** Start of the run, ISO 8601 UTC. */
  date: string;
  /** End of the run, ISO 8601 UTC. */
  finished: string;
  /** The command run. */
  command: string;
  /** A smoke run (`--quick`). */
  quick: boolean;
  /** Rounds. */
  rounds: number;
  /** The machine. */
  machine: Machine;
  /** The peers, in column order (command lines relative to the checkout). */
  peers: { id: string; name: string; argv: string[] }[];
  /** Peers left out of this run, and why. */
  skipped: Record<string, string>;
  /** How each case was measured (sizes, invokes, warm-up), as the bench defines them. */
  settings: Record<string, unknown>;
  /** Every sample: metric → peer id → one value per round. */
  samples: Record<string, Samples>;
  /** Deployed sizes in MiB by peer id (bench:compare). */
  artifacts?: Record<string, number>;
  /** The codec micro-benchmarks' markdown table from the same run (bench:compare). */
  codec?: string;
  /** What a reader should know about this run (e.g. a loaded machine). */
  notes: string[];
  /** A recorded tool's JSON summary line (fuzz, soak). */
  summary?: unknown;
  /** A recorded tool's output before that line (at most its last 200 lines). */
  output?: string[];
}

function run(cmd: string, args: string[], cwd?: string): string {
  try {
    const out = new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "null" }).outputSync();
    return out.success ? new TextDecoder().decode(out.stdout).trimEnd() : "";
  } catch {
    return "";
  }
}

/**
 * Reads the machine's facts now (the end load average is filled in by {@link finishRecord}).
 *
 * @returns The facts.
 */
export function machineFacts(): Machine {
  const read = (f: string) => {
    try {
      return Deno.readTextFileSync(f);
    } catch {
      return "";
    }
  };
  const memKiB = Number(/MemTotal:\s+(\d+)/.exec(read("/proc/meminfo"))?.[1] ?? NaN);
  return {
    cpu: /model name\s*:\s*(.*)/.exec(read("/proc/cpuinfo"))?.[1] ?? "?",
    cores: navigator.hardwareConcurrency,
    memoryGiB: Math.round(memKiB / 2 ** 20 * 10) / 10,
    kernel: Deno.osRelease(),
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    go: run("go", ["version"]),
    loadStart: Deno.loadavg(),
    loadEnd: [],
  };
}

/**
 * The commit a checkout is at, and the files that differ from it.
 *
 * @param root The checkout, with a trailing slash.
 * @returns `LAMBDA_GOB_COMMIT` when set (a run from an exported tree), else `git rev-parse HEAD`.
 */
export function commitOf(root: string): { commit: string; dirty: string[] } {
  const env = Deno.env.get("LAMBDA_GOB_COMMIT");
  if (env) return { commit: env, dirty: [] };
  const commit = run("git", ["rev-parse", "HEAD"], root) || "unknown";
  const dirty = run("git", ["status", "--porcelain", "--untracked-files=no"], root)
    .split("\n").filter((l) => l !== "").map((l) => l.slice(3));
  return { commit, dirty };
}

/**
 * Fills in the end of a run: its end time, the end load average, and a note when the machine was
 * busy (a 1-minute load average above half its cores at either end).
 *
 * @param r The record, changed in place.
 * @returns The record.
 */
export function finishRecord(r: BenchRecord): BenchRecord {
  r.finished = new Date().toISOString();
  r.machine.loadEnd = Deno.loadavg();
  const busy = Math.max(r.machine.loadStart[0], r.machine.loadEnd[0]);
  if (busy > r.machine.cores / 2) {
    r.notes.push(
      `The machine was busy: 1-minute load average ${r.machine.loadStart[0].toFixed(2)} at the ` +
        `start and ${r.machine.loadEnd[0].toFixed(2)} at the end, on ${r.machine.cores} cores ` +
        "(all work on this shared machine; the end figure includes this run's own processes).",
    );
  }
  return r;
}

/**
 * The notes given on a benchmark's command line: each `--note TEXT` (e.g. why a run was reduced).
 *
 * @param args The command line.
 * @returns The notes, in order.
 * @example
 * ```ts
 * import { notesArg } from "./record.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(notesArg(["--quick", "--note", "a", "--note", "b"]), ["a", "b"]);
 * ```
 */
export function notesArg(args: string[]): string[] {
  return args.flatMap((a, i) => a === "--note" && i + 1 < args.length ? [args[i + 1]] : []);
}

/**
 * The file name a record is written under, without extension: `<bench>-<YYYY-MM-DD>`.
 *
 * @param r The record.
 * @returns The base name.
 * @example
 * ```ts
 * import { recordName } from "./record.ts";
 * import { equal } from "node:assert/strict";
 * equal(recordName({ bench: "compare", date: "2026-12-07T18:01:02.000Z" }), "compare-2026-12-07");
 * ```
 */
export function recordName(r: Pick<BenchRecord, "bench" | "date">): string {
  return `${r.bench}-${r.date.slice(0, 10)}`;
}

/** Renders a record's table and chart. */
export type Renderer = (r: BenchRecord) => { md: string; svg: string };

/**
 * Writes a record as `<dir>/<name>.json` with its `.md` and `.svg` (no `.svg` when the renderer
 * draws no chart).
 *
 * @param dir Directory, with a trailing slash (created if missing).
 * @param r The record.
 * @param render Its renderer.
 * @param name Base name (default {@link recordName}; quick runs add the time).
 * @returns The JSON file's path.
 */
export async function writeRecord(
  dir: string,
  r: BenchRecord,
  render: Renderer,
  name = recordName(r),
): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  const { md, svg } = render(r);
  await Deno.writeTextFile(`${dir}${name}.json`, JSON.stringify(r, null, 1) + "\n");
  await Deno.writeTextFile(`${dir}${name}.md`, md.trimEnd() + "\n");
  if (svg !== "") await Deno.writeTextFile(`${dir}${name}.svg`, svg);
  return `${dir}${name}.json`;
}

/**
 * A peer's command line with the checkout's path taken out (records name files in the checkout).
 *
 * @param root The checkout, with a trailing slash.
 * @param argv The command line.
 * @returns The command line, `deno` for Deno's executable.
 * @example
 * ```ts
 * import { relativeArgv } from "./record.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(relativeArgv("/src/", ["/src/target/go/x", "-mode", "raw"]), [
 *   "target/go/x",
 *   "-mode",
 *   "raw",
 * ]);
 * ```
 */
export function relativeArgv(root: string, argv: string[]): string[] {
  return argv.map((a) => a === Deno.execPath() ? "deno" : a.split(root).join(""));
}

/**
 * The header every rendered record starts with: what was run, where, at which commit.
 *
 * @param r The record.
 * @param title The table's title.
 * @returns Markdown lines.
 */
export function recordHeader(r: BenchRecord, title: string): string[] {
  const m = r.machine;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const out = [
    `# ${title}`,
    "",
    `- Commit: \`${r.commit}\`${
      r.dirty.length > 0
        ? ` with ${r.dirty.length} files changed and not committed (${
          r.dirty.slice(0, 5).join(", ")
        }${r.dirty.length > 5 ? ", …: see the JSON" : ""})`
        : ""
    }`,
    `- Run: ${r.date.slice(0, 16).replace("T", " ")} – ${
      r.finished.slice(11, 16)
    } UTC, \`${r.command}\`, ${r.quick ? "quick (smoke) run" : "full run"}, ${r.rounds} round(s)`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}; Deno ${m.deno} ` +
    `(V8 ${m.v8}), ${m.go}; load average ${load(m.loadStart)} at the start, ${
      load(m.loadEnd)
    } at the end`,
  ];
  for (const [id, why] of Object.entries(r.skipped)) out.push(`- Not run: ${id} — ${why}`);
  for (const n of r.notes) out.push(`- ${n}`);
  out.push("");
  return out;
}
