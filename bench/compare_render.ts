/**
 * The report of `deno task bench:compare`: one markdown table of every metric for every peer
 * (medians over rounds, from `compare_report.ts`), and issue 6's targets, each met or not.
 *
 * @module
 */
import type { Shape } from "./compare_payloads.ts";
import {
  fmt,
  median,
  row,
  type Samples,
  spread,
  type Target,
  targetTable,
} from "./compare_report.ts";
import type { Peer } from "./echo_peers.ts";

/** What a run measured, and how: the samples and the settings the table names. */
export interface CompareRun {
  /** A smoke run (`--quick`). */
  quick: boolean;
  /** How many rounds. */
  rounds: number;
  /** Samples by metric, then by peer id. */
  samples: Record<string, Samples>;
  /** The payload sizes: [bytes, label, measured invokes, warm-up invokes]. */
  sizes: readonly [number, string, number, number][];
  /** The event shapes. */
  shapes: readonly Shape[];
  /** Invokes of a fresh peer measured on their own. */
  freshN: number;
  /** Invokes measured after those, while V8 still compiles. */
  warmingN: number;
  /** Invokes of 1 KB before the RSS is read. */
  rssN: number;
  /** More invokes over which RSS growth is measured (0: none). */
  rssMore: number;
}

/**
 * Renders the table, the notes under it and the targets.
 *
 * @param run The samples and settings.
 * @param peers The peers, in column order.
 * @param artifacts Each peer's deployed size in MiB (absent: not measured).
 * @returns Markdown.
 */
export function render(
  run: CompareRun,
  peers: Peer[],
  artifacts: Record<string, number>,
): string {
  const { quick, rounds, samples, sizes, shapes, freshN, warmingN, rssN, rssMore } = run;
  const m = (metric: string, peer: string) => median(samples[metric]?.[peer] ?? []);
  const ids = peers.map((p) => p.id);
  const out: string[] = [];
  const cpu = (() => {
    try {
      return Deno.readTextFileSync("/proc/cpuinfo").match(/model name\s*:\s*(.*)/)?.[1] ?? "?";
    } catch {
      return "?";
    }
  })();
  out.push(
    `### lambda-gob vs Go (${new Date().toISOString().slice(0, 16)}Z, ${
      quick ? "quick" : "full"
    } run, ${rounds} round(s); Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores, ${cpu})`,
    "",
    "Medians over rounds; (±x%) = half the spread between rounds. Round trips in µs, one " +
      "invoke in flight over one connection, measured by one Go net/rpc client.",
    "",
    `| metric | ${peers.map((p) => p.name).join(" | ")} |`,
    `|---|${peers.map(() => "---:").join("|")}|`,
  );
  out.push(row("start → first Invoke, ms", ids, (p) => samples.start?.[p]));
  out.push(
    row(
      `p50 string 100 B, first ${freshN} invokes of a fresh process`,
      ids,
      (p) => samples["p50 fresh"]?.[p],
    ),
  );
  out.push(
    row(
      `p50 string 100 B, the ${warmingN} invokes after those`,
      ids,
      (p) => samples["p50 warming"]?.[p],
    ),
  );
  out.push(
    row(
      "start → first Invoke, bundled as packaged, ms",
      ids,
      (p) => p === "ours" ? samples.start?.["ours-bundle"] : undefined,
    ),
  );
  out.push(
    row(
      "start → first Invoke, bundled, no code cache (a Lambda cold start), ms",
      ids,
      (p) => p === "ours" ? samples.start?.["ours-bundle-cold"] : undefined,
    ),
  );
  for (const [, label] of sizes) {
    for (const shape of shapes) {
      out.push(row(`p50 ${shape} ${label}`, ids, (p) => samples[`p50 ${shape} ${label}`]?.[p]));
      out.push(row(`p99 ${shape} ${label}`, ids, (p) => samples[`p99 ${shape} ${label}`]?.[p]));
    }
  }
  out.push(row("invokes/s, 1 in flight (100 B)", ids, (p) => samples.tput1?.[p]));
  out.push(row("invokes/s, 32 in flight (100 B)", ids, (p) => samples.tput32?.[p]));
  out.push(row(`peak RSS, ${rssN} × 1 KB, MiB`, ids, (p) => samples["peak 1k"]?.[p]));
  out.push(row(`… of it anonymous (heaps), MiB`, ids, (p) => samples["anon 1k"]?.[p]));
  out.push(row(`… of it file-backed (executable code), MiB`, ids, (p) => samples["file 1k"]?.[p]));
  if (rssMore > 0) {
    out.push(row(`RSS growth over ${rssMore} more, MiB`, ids, (p) => samples.growth?.[p]));
  }
  out.push(row("peak RSS, 6 MB invokes, MiB", ids, (p) => samples["peak 6m"]?.[p]));
  out.push(
    `| artifact, MiB | ${ids.map((p) => artifacts[p] ? fmt(artifacts[p]) : "–").join(" | ")} |`,
  );
  out.push(
    "",
    `Bare \`deno run\` of an empty script: ${fmt(m("start", "deno"))} ms (±${
      Math.round(spread(samples.start?.deno ?? []) / 2)
    }%), peak RSS ${fmt(m("peak", "deno"))} MiB. The RSS split is read right after the ` +
      `${rssN} invokes (RssAnon / RssFile). Artifacts: Go = the static binary; ours = ` +
      "`deno task package` zip (bundle + Deno binary).",
    "",
  );
  const t: Target[] = [];
  for (const [, label] of sizes) {
    const small = label === "100 B" || label === "10 KB";
    for (const shape of shapes) {
      t.push({
        what: `start echo / Go typical, p50 ${shape} ${label}`,
        ours: m(`p50 ${shape} ${label}`, "ours"),
        ref: m(`p50 ${shape} ${label}`, "go-json"),
        limit: small ? 1.0 : 0.2,
        unit: "µs",
      });
    }
  }
  for (const [, label] of sizes) {
    if (label === "10 KB") continue;
    for (const shape of shapes) {
      t.push({
        what: `raw echo (borrowPayload) / Go raw, p50 ${shape} ${label}`,
        ours: m(`p50 ${shape} ${label}`, "ours-raw-borrow"),
        ref: m(`p50 ${shape} ${label}`, "go-raw"),
        limit: label === "100 B" ? 1.1 : 1.0,
        unit: "µs",
      });
    }
  }
  t.push({
    what: "start → first Invoke / bare deno run",
    ours: m("start", "ours"),
    ref: m("start", "deno"),
    limit: 1.3,
    unit: "ms",
  });
  t.push({
    what: "start → first Invoke, bundled as packaged / bare deno run",
    ours: m("start", "ours-bundle"),
    ref: m("start", "deno"),
    limit: 1.3,
    unit: "ms",
  });
  t.push({
    what: `peak RSS over ${rssN} × 1 KB / bare Deno`,
    ours: m("peak 1k", "ours"),
    ref: m("peak", "deno"),
    limit: 1.3,
    unit: "MiB",
  });
  if (rssMore > 0) {
    t.push({
      what: `RSS growth over ${rssMore} (limit 2 MiB)`,
      ours: m("growth", "ours"),
      ref: 2,
      limit: 1,
      unit: "MiB",
    });
  }
  t.push({
    what: `peak RSS over ${rssN} × 1 KB, --max-semi-space-size=1 / bare Deno`,
    ours: m("peak 1k", "ours-semi1"),
    ref: m("peak", "deno"),
    limit: 1.3,
    unit: "MiB",
  });
  if (rssMore > 0) {
    t.push({
      what: `RSS growth over ${rssMore}, with --max-semi-space-size=1`,
      ours: m("growth", "ours-semi1"),
      ref: 2,
      limit: 1,
      unit: "MiB",
    });
  }
  t.push({
    what: "peak RSS at 6 MB / Go typical",
    ours: m("peak 6m", "ours"),
    ref: m("peak 6m", "go-json"),
    limit: 1,
    unit: "MiB",
  });
  out.push(...targetTable(t));
  const errors = Object.keys(samples.errors ?? {});
  if (errors.length > 0) out.push("", `Failed measurements: ${errors.join(", ")}.`);
  return out.join("\n");
}
