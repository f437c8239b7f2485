/**
 * `deno task bench:record fuzz|soak [args…]`: runs `deno task fuzz` or `deno task soak` with the
 * arguments given and commits what it printed as a record — `bench/results/<task>-<date>.json`
 * (commit, date, machine, command, the tool's JSON summary line and its output) with a table
 * (`.md`) beside it, rendered from the JSON alone like the benchmarks' records (`record.ts`).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import {
  type BenchRecord,
  commitOf,
  finishRecord,
  machineFacts,
  recordHeader,
  writeRecord,
} from "./record.ts";

/** The tasks this records. */
export const RECORDED_TASKS = ["fuzz", "soak"] as const;

function flatten(prefix: string, v: unknown, out: [string, string][]): void {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(prefix ? `${prefix}.${k}` : k, x, out);
  } else out.push([prefix, JSON.stringify(v)]);
}

/**
 * Renders a fuzz or soak record: its header, the summary as a table, and the tool's output.
 *
 * @param r The record (`summary` and `output` set).
 * @returns Markdown, and no chart (empty SVG text: none is written).
 * @example
 * ```ts
 * import { renderCommand } from "./record_command.ts";
 * import { match } from "node:assert/strict";
 * const { md } = renderCommand({
 *   bench: "soak", commit: "c", dirty: [], date: "2026-12-07T17:00:00.000Z",
 *   finished: "2026-12-07T17:01:00.000Z", command: "deno task soak", quick: false, rounds: 1,
 *   machine: { cpu: "x", cores: 2, memoryGiB: 1, kernel: "k", deno: "d", v8: "v", go: "g",
 *     loadStart: [0, 0, 0], loadEnd: [0, 0, 0] },
 *   peers: [], skipped: {}, settings: {}, samples: {}, notes: [],
 *   summary: { inProcess: { lost: 0 } }, output: ["line"],
 * });
 * match(md, /\| inProcess\.lost \| 0 \|/);
 * ```
 */
export function renderCommand(r: BenchRecord): { md: string; svg: string } {
  const rows: [string, string][] = [];
  flatten("", r.summary, rows);
  const out = recordHeader(r, `deno task ${r.bench}`);
  out.push("| summary | value |", "|---|---:|", ...rows.map(([k, v]) => `| ${k} | ${v} |`));
  out.push("", "Output:", "", "```", ...(r.output ?? []), "```");
  return { md: out.join("\n") + "\n", svg: "" };
}

if (import.meta.main) {
  const [task, ...rest] = Deno.args;
  if (!(RECORDED_TASKS as readonly string[]).includes(task)) {
    console.error(`usage: deno task bench:record ${RECORDED_TASKS.join("|")} [args…]`);
    Deno.exit(2);
  }
  const root = fileURLToPath(new URL("../", import.meta.url));
  const date = new Date().toISOString();
  const machine = machineFacts();
  const { commit, dirty } = commitOf(root);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", task, ...rest],
    cwd: root,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const lines = new TextDecoder().decode(out.stdout).trimEnd().split("\n");
  let summary: unknown;
  try {
    summary = JSON.parse(lines[lines.length - 1]);
  } catch {
    console.error(`deno task ${task} printed no JSON summary last (exit ${out.code})`);
    Deno.exit(1);
  }
  const record = finishRecord({
    bench: task as BenchRecord["bench"],
    commit,
    dirty,
    date,
    finished: "",
    command: ["deno task", task, ...rest].join(" "),
    quick: false,
    rounds: 1,
    machine,
    peers: [],
    skipped: {},
    settings: {},
    samples: {},
    notes: out.success ? [] : [`It exited with status ${out.code}.`],
    summary,
    output: lines.slice(0, -1).slice(-200),
  });
  const path = await writeRecord(root + "bench/results/", record, renderCommand);
  console.log(renderCommand(record).md);
  console.error(`written to ${path.slice(root.length)} and its .md`);
}
