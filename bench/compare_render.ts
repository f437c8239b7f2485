/**
 * The report of `deno task bench:compare`, rendered from its record alone (`record.ts`): one
 * markdown table of every metric for every peer (medians over rounds, p50 beside p99), the ratios
 * of ours to the like-for-like Go peer, and an SVG chart of those ratios.
 *
 * @module
 */
import { fmt, median, row, type Samples, targetRow } from "./compare_report.ts";
import { type BenchRecord, recordHeader } from "./record.ts";
import { barChart, type BarGroup } from "./svg_chart.ts";

/** What each shape is, as the tables name it. */
export const SHAPE_NOTES: Record<string, string> = {
  string: "one string of ASCII letters, echoed untouched — from 1 MB on our best case (long " +
    "ASCII strings are written back from their bytes)",
  text: "one long string of non-ASCII text with escapes, echoed",
  records: "an array of small records (like an SQS batch), echoed",
  changed: "the records event through a handler that reads it and changes every record",
};

/**
 * Whether a case is our best case: a long string of ASCII letters echoed untouched (1 MB and up).
 *
 * @param shape The case's shape.
 * @param label Its size label.
 * @returns True for `string` at 1 MB or more.
 * @example
 * ```ts
 * import { bestCase } from "./compare_render.ts";
 * import { equal } from "node:assert/strict";
 * equal(bestCase("string", "6 MB"), true);
 * equal(bestCase("string", "100 B"), false);
 * equal(bestCase("text", "6 MB"), false);
 * ```
 */
export function bestCase(shape: string, label: string): boolean {
  return shape === "string" && / MB$/.test(label);
}

/** One ratio of ours to a Go peer. */
interface Ratio {
  /** What is compared. */
  what: string;
  /** Our peer's id. */
  ours: string;
  /** The Go peer's id. */
  ref: string;
}

/** The comparisons the ratio table and the chart show, like for like. */
export const COMPARISONS: Ratio[] = [
  { what: "ours start / Go typed (structs)", ours: "ours", ref: "go-typed" },
  { what: "ours start / Go typical (interface{})", ours: "ours", ref: "go-json" },
  {
    what: "ours raw, keeping its payload / Go raw (like for like)",
    ours: "ours-raw",
    ref: "go-raw",
  },
  {
    what: "ours raw, borrowPayload (zero-copy option) / Go raw",
    ours: "ours-raw-borrow",
    ref: "go-raw",
  },
];

interface Settings {
  sizes: [number, string, number, number][];
  shapes: string[];
  changed: string;
  freshN: number;
  warmingN: number;
  rssN: number;
  rssMore: number;
}

/** The round-trip cases of a record: [shape, size label], the changing handler's last. */
function cases(s: Settings): [string, string][] {
  const out: [string, string][] = [];
  for (const [, label] of s.sizes) for (const shape of s.shapes) out.push([shape, label]);
  for (const [, label] of s.sizes) out.push([s.changed, label]);
  return out;
}

/**
 * Renders a `bench:compare` record: its markdown table and its SVG chart.
 *
 * @param r The record.
 * @returns Markdown and SVG text.
 */
export function renderCompare(r: BenchRecord): { md: string; svg: string } {
  const s = r.settings as unknown as Settings;
  const samples: Record<string, Samples> = r.samples;
  const m = (metric: string, peer: string) => median(samples[metric]?.[peer] ?? []);
  const memOnly = ["ours-semi1", "deno-tcp", "deno-tcp-wasm"];
  const startOnly = (id: string) => id.startsWith("ours-bundle") || id === "ours-package";
  const main = r.peers.filter((p) => !startOnly(p.id) && !memOnly.includes(p.id));
  // records before the packaged peer measured a one-file bundle (`ours-bundle`) instead
  const packaged = samples.start?.["ours-package"] !== undefined;
  const cols = [...main, ...memOnly.flatMap((id) => r.peers.filter((p) => p.id === id))];
  const ids = cols.map((p) => p.id);
  const out = recordHeader(r, "bench:compare — lambda-gob and Go on the go1.x transport");
  out.push(
    "Medians over rounds; (±x%) = half the spread between rounds. Round trips in µs, one " +
      "invoke in flight over one connection, measured by one Go net/rpc client, every reply " +
      "checked byte for byte.",
    "",
    "Cases: " + Object.entries(SHAPE_NOTES).filter(([k]) => [...s.shapes, s.changed].includes(k))
      .map(([k, v]) => `**${k}** — ${v}`).join("; ") +
      ".",
    "",
    "Peers: " + r.peers.map((p) => `**${p.name}** \`${p.argv.join(" ")}\``).join("; ") + ".",
    "",
    `| metric | ${cols.map((p) => p.name).join(" | ")} |`,
    `|---|${cols.map(() => "---:").join("|")}|`,
  );
  const add = (label: string, get: (p: string) => number[] | undefined) =>
    out.push(row(label, ids, get));
  add("start → first Invoke, ms", (p) => samples.start?.[p]);
  if (packaged) {
    add(
      "start → first Invoke, packaged, empty DENO_DIR (a new Lambda environment), ms",
      (p) => p === "ours" ? samples.start?.["ours-package"] : undefined,
    );
    add(
      "… of it until the server listens, ms",
      (p) => p === "ours" ? samples.listen?.["ours-package"] : undefined,
    );
  } else {
    add(
      "start → first Invoke, bundled as packaged, ms",
      (p) => p === "ours" ? samples.start?.["ours-bundle"] : undefined,
    );
    add(
      "start → first Invoke, bundled, no code cache (a Lambda cold start), ms",
      (p) => p === "ours" ? samples.start?.["ours-bundle-cold"] : undefined,
    );
  }
  for (const [key, what] of [["fresh", `first ${s.freshN}`], ["warming", `next ${s.warmingN}`]]) {
    for (const q of ["p50", "p99"]) {
      add(
        `${q} string 100 B, the ${what} invokes of a fresh process`,
        (p) => samples[`${q} ${key}`]?.[p],
      );
    }
  }
  for (const [shape, label] of cases(s)) {
    add(`p50 ${shape} ${label}`, (p) => samples[`p50 ${shape} ${label}`]?.[p]);
    add(`p99 ${shape} ${label}`, (p) => samples[`p99 ${shape} ${label}`]?.[p]);
  }
  add("invokes/s, 1 in flight (string 100 B)", (p) => samples.tput1?.[p]);
  add("invokes/s, 32 in flight (string 100 B)", (p) => samples.tput32?.[p]);
  add(`peak RSS, ${s.rssN} × 1 KB, MiB`, (p) => samples["peak 1k"]?.[p]);
  const packagedRss = samples["peak 1k"]?.["ours-package"] !== undefined;
  if (packagedRss) {
    add(
      `peak RSS, ${s.rssN} × 1 KB, packaged, MiB`,
      (p) => p === "ours" ? samples["peak 1k"]?.["ours-package"] : undefined,
    );
    add(
      "… of it anonymous (heaps), packaged, MiB",
      (p) => p === "ours" ? samples["anon 1k"]?.["ours-package"] : undefined,
    );
    add(
      "… of it file-backed (executable code), packaged, MiB",
      (p) => p === "ours" ? samples["file 1k"]?.["ours-package"] : undefined,
    );
  }
  add(`… of it anonymous (heaps), MiB`, (p) => samples["anon 1k"]?.[p]);
  add(`… of it file-backed (executable code), MiB`, (p) => samples["file 1k"]?.[p]);
  if (s.rssMore > 0) add(`RSS growth over ${s.rssMore} more, MiB`, (p) => samples.growth?.[p]);
  add("peak RSS, 6 MB invokes, MiB", (p) => samples["peak 6m"]?.[p]);
  const art = r.artifacts ?? {};
  out.push(`| artifact, MiB | ${ids.map((p) => art[p] ? fmt(art[p]) : "–").join(" | ")} |`);
  out.push(
    "",
    `Bare \`deno run\` of an empty script: ${fmt(m("start", "deno"))} ms${
      packaged ? `, ${fmt(m("start", "deno-empty-dir"))} ms with an empty DENO_DIR` : ""
    }, peak RSS ${
      fmt(m("peak", "deno"))
    } MiB. The \`changed\` rows are each function's handler that changes the event (the raw ` +
      "echoes have none). Artifacts: Go = the static binary; ours = `deno task package` zip.",
    "",
    "## Ratios (ours / Go; below 1 is ours faster)",
    "",
    `| case | ${COMPARISONS.map((c) => c.what + ", p50 · p99").join(" | ")} |`,
    `|---|${COMPARISONS.map(() => "---:").join("|")}|`,
  );
  const ratio = (metric: string, c: Ratio) => m(metric, c.ours) / m(metric, c.ref);
  for (const [shape, label] of cases(s)) {
    const cells = COMPARISONS.map((c) => {
      const a = ratio(`p50 ${shape} ${label}`, c), b = ratio(`p99 ${shape} ${label}`, c);
      return Number.isFinite(a) ? `${fmt(a)}× · ${fmt(b)}×` : "–";
    });
    out.push(`| ${shape} ${label} | ${cells.join(" | ")} |`);
  }
  out.push(
    "",
    "| other ratio | value |",
    "|---|---:|",
    `| start → first Invoke / bare \`deno run\` | ${
      fmt(m("start", "ours") / m("start", "deno"))
    }× |`,
    packaged
      ? `| … packaged / bare \`deno run\`, both with an empty DENO_DIR | ${
        fmt(m("start", "ours-package") / m("start", "deno-empty-dir"))
      }× |`
      : `| … bundled as packaged / bare \`deno run\` | ${
        fmt(m("start", "ours-bundle") / m("start", "deno"))
      }× |`,
    `| peak RSS over ${s.rssN} × 1 KB, ours start / bare Deno | ${
      fmt(m("peak 1k", "ours") / m("peak", "deno"))
    }× |`,
    `| peak RSS at 6 MB, ours start / Go typical | ${
      fmt(m("peak 6m", "ours") / m("peak 6m", "go-json"))
    }× |`,
    `| peak RSS at 6 MB, ours start / Go typed | ${
      fmt(m("peak 6m", "ours") / m("peak 6m", "go-typed"))
    }× |`,
  );
  out.push(
    "",
    "## Targets (ratios of medians in this run; below 1 is ours faster or smaller)",
    "",
    "| target | measured | target | |",
    "|---|---:|---:|---|",
    packaged
      ? targetRow(
        "start → first Invoke answered, ours start packaged / bare `deno run` of an empty " +
          "script, both with an empty DENO_DIR",
        m("start", "ours-package") / m("start", "deno-empty-dir"),
        1.3,
      )
      : targetRow(
        "start → first Invoke answered, ours start bundled as packaged / bare `deno run` of an " +
          "empty script",
        m("start", "ours-bundle") / m("start", "deno"),
        1.3,
      ),
    targetRow(
      "start → first response on the Runtime API, ours / Node.js RIC",
      NaN,
      0.5,
    ).replace("not measured", "in the `bench:runtime-api` record"),
    targetRow(
      `p50 string 100 B over a fresh process's first ${s.freshN} invokes, ours start / Go typical`,
      m("p50 fresh", "ours") / m("p50 fresh", "go-json"),
      1,
    ),
    targetRow(
      "p99 string 100 B (steady), ours start / Go typical",
      m("p99 string 100 B", "ours") / m("p99 string 100 B", "go-json"),
      1,
    ),
    targetRow(
      "p99 string 100 B (steady), ours raw / Go raw",
      m("p99 string 100 B", "ours-raw") / m("p99 string 100 B", "go-raw"),
      1,
    ),
    // records before the packaged peer's memory rows compared the echo run from source
    packagedRss
      ? targetRow(
        `peak RSS over ${s.rssN} × 1 KB, ours start packaged / a Deno TCP echo without gob`,
        m("peak 1k", "ours-package") / m("peak 1k", "deno-tcp"),
        1.15,
      )
      : targetRow(
        `peak RSS over ${s.rssN} × 1 KB, ours start / a Deno TCP echo without gob`,
        m("peak 1k", "ours") / m("peak 1k", "deno-tcp"),
        1.15,
      ),
  );
  const errors = Object.keys(samples.errors ?? {});
  if (errors.length > 0) out.push("", `Failed measurements: ${errors.join(", ")}.`);
  if (r.codec) {
    out.push("", "## Codec micro-benchmarks, same run (`deno task bench:gob`)", "", r.codec);
  }
  const groups: BarGroup[] = COMPARISONS.map((c) => ({
    heading: `${c.what}, p50`,
    bars: cases(s).map(([shape, label]) => ({
      label: `${shape} ${label}${
        c.ours === "ours" && bestCase(shape, label) ? " (our best case)" : ""
      }`,
      value: ratio(`p50 ${shape} ${label}`, c),
    })).filter((b) => Number.isFinite(b.value)),
  }));
  const svg = barChart(
    "bench:compare — round trip p50, ours / Go (left of 1×: ours faster)",
    `commit ${r.commit.slice(0, 12)}, ${r.date.slice(0, 16).replace("T", " ")} UTC, ${
      r.quick ? "quick run" : `${r.rounds} round(s)`
    }, ${r.machine.cores} cores`,
    groups,
  );
  return { md: out.join("\n") + "\n", svg };
}
