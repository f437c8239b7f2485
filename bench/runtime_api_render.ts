/**
 * The report of `deno task bench:runtime-api`, rendered from its record alone (`record.ts`): p50
 * and p99 round trips, CPU per invoke and peak RSS for every peer, the ratios of ours to the
 * like-for-like peers, and an SVG chart of those ratios.
 *
 * @module
 */
import { fmt, median, row, type Samples, targetRow } from "./compare_report.ts";
import { bestCase, SHAPE_NOTES } from "./compare_render.ts";
import { type BenchRecord, recordHeader } from "./record.ts";
import { barChart, type BarGroup } from "./svg_chart.ts";

/** Ratios shown: [what, our peer, the other peer]. */
const RATIOS: [string, string, string][] = [
  ["ours start / Go typed (structs)", "ours", "go-typed"],
  ["ours start / Go typical (interface{})", "ours", "go-json"],
  ["ours start / Node.js aws-lambda-ric", "ours", "node-ric"],
  ["ours start packaged, 128 MB / Node.js aws-lambda-ric", "ours-package", "node-ric"],
  ["ours raw, keeping its payload / Go raw (like for like)", "ours-raw", "go-raw"],
  ["ours raw, borrowPayload (zero-copy option) / Go raw", "ours-raw-borrow", "go-raw"],
];

/**
 * Renders a `bench:runtime-api` record: its markdown table and its SVG chart.
 *
 * @param r The record.
 * @returns Markdown and SVG text.
 */
export function renderRuntimeApi(r: BenchRecord): { md: string; svg: string } {
  const cases = (r.settings.cases as [number, string, string, number, number][]).map((
    [, label, shape],
  ) => `${shape} ${label}`);
  const samples: Record<string, Samples> = r.samples;
  const m = (metric: string, peer: string) => median(samples[metric]?.[peer] ?? []);
  const ids = r.peers.map((p) => p.id);
  const out = recordHeader(r, "bench:runtime-api — lambda-gob, Go and Node.js on the Runtime API");
  const shapes = new Set(cases.map((c) => c.split(" ")[0]));
  out.push(
    "Medians over rounds; (±x%) = half the spread between rounds. p50 and p99 in µs from " +
      "queuing an event to its response posted, one invoke at a time, through one local Runtime " +
      "API (`emulator/runtime_api_server.ts`, the same for every peer, every response checked " +
      "byte for byte); CPU in µs of the peer process per invoke; peak RSS after all cases.",
    "",
    "Cases: " + [...shapes].map((k) => `**${k}** — ${SHAPE_NOTES[k]}`).join("; ") + ".",
    "",
    "Peers: " + r.peers.map((p) => `**${p.name}** \`${p.argv.join(" ")}\``).join("; ") + ".",
    "",
    `| metric | ${r.peers.map((p) => p.name).join(" | ")} |`,
    `|---|${r.peers.map(() => "---:").join("|")}|`,
  );
  out.push(row("start → first response, ms", ids, (p) => samples.start?.[p]));
  const bare = samples.start?.["deno-empty-dir"];
  for (const c of cases) {
    for (const q of ["p50", "p99", "cpu"]) {
      out.push(
        row(`${q === "cpu" ? "CPU" : q} ${c}`, ids, (p) => samples[`${q} ${c}`]?.[p]),
      );
    }
  }
  out.push(row("peak RSS after all cases, MiB", ids, (p) => samples.peak?.[p]));
  const present = RATIOS.filter(([, a, b]) => ids.includes(a) && ids.includes(b));
  out.push(
    "",
    "## Ratios (ours / the other; below 1 is ours faster or smaller)",
    "",
    `| case | ${present.map(([what]) => what + ", p50 · p99").join(" | ")} |`,
    `|---|${present.map(() => "---:").join("|")}|`,
  );
  const ratio = (metric: string, a: string, b: string) => m(metric, a) / m(metric, b);
  for (const c of cases) {
    const cells = present.map(([, a, b]) =>
      `${fmt(ratio(`p50 ${c}`, a, b))}× · ${fmt(ratio(`p99 ${c}`, a, b))}×`
    );
    out.push(`| ${c} | ${cells.join(" | ")} |`);
  }
  out.push(
    `| peak RSS | ${present.map(([, a, b]) => `${fmt(ratio("peak", a, b))}×`).join(" | ")} |`,
  );
  out.push(
    "",
    "## Targets (ratios of medians in this run; below 1 is ours faster)",
    "",
    "| target | measured | target | |",
    "|---|---:|---:|---|",
    targetRow(
      "start → first response, ours start / Node.js aws-lambda-ric",
      m("start", "ours") / m("start", "node-ric"),
      0.5,
    ),
    // records before the packaged peer ran the source with a 128 MB package's V8 flags instead
    samples.start?.["ours-package"] !== undefined
      ? targetRow(
        "start → first response, ours start packaged, empty DENO_DIR, 128 MB / Node.js " +
          "aws-lambda-ric",
        m("start", "ours-package") / m("start", "node-ric"),
        0.5,
      )
      : targetRow(
        "start → first response, ours start with a 128 MB package's V8 flags / Node.js " +
          "aws-lambda-ric",
        m("start", "ours-128") / m("start", "node-ric"),
        0.5,
      ),
  );
  if (bare !== undefined) {
    const ric = m("start", "node-ric");
    out.push(
      "",
      `Deno's own floor: a bare \`deno run\` of an empty script with an empty DENO_DIR, spawn → ` +
        `exit, ${fmt(median(bare))} ms in this run${
          Number.isFinite(ric)
            ? `, ${fmt(median(bare) / ric)}× Node.js aws-lambda-ric's start → first response`
            : ""
        }.`,
    );
  }
  const groups: BarGroup[] = present.map(([what, a, b]) => ({
    heading: what,
    bars: [
      ...cases.map((c) => ({
        label: `${c}${
          a === "ours" && bestCase(c.split(" ")[0], c.slice(c.indexOf(" ") + 1))
            ? " (our best case)"
            : ""
        }`,
        value: ratio(`p50 ${c}`, a, b),
      })),
      { label: "peak RSS after all cases", value: ratio("peak", a, b) },
    ],
  }));
  const svg = barChart(
    "bench:runtime-api — round trip p50 and peak RSS, ours / the other (left of 1×: ours better)",
    `commit ${r.commit.slice(0, 12)}, ${r.date.slice(0, 16).replace("T", " ")} UTC, ${
      r.quick ? "quick run" : `${r.rounds} round(s)`
    }, ${r.machine.cores} cores`,
    groups,
  );
  return { md: out.join("\n") + "\n", svg };
}
