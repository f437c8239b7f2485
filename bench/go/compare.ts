/**
 * Runs the codec benchmark (`bench/codec_bench.ts`) and Go's `encoding/gob` on the same messages
 * (`bench/go`, Go) in one run, and prints a markdown table of both with ratios. Reported, never
 * asserted. Also writes the table to `bench/out/gob_vs_go.md`.
 *
 * ```sh
 * deno run -A bench/go/compare.ts [--time 1s]
 * ```
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** One benchmark of `deno bench --json`, reduced to what the table needs. */
export interface DenoBench {
  group: string;
  name: string;
  baseline: boolean;
  avg: number;
  p75: number;
}

/** One JSON line printed by `bench/go`. */
export interface GoBench {
  group: string;
  name: string;
  ns_per_op: number;
}

/** One row of the comparison: lambda-gob's gob bench, Go's, and the JSON baseline of the group. */
export interface Row {
  group: string;
  oursAvg: number;
  oursP75: number;
  go: number;
  jsonAvg?: number;
}

/**
 * Reads the benches out of `deno bench --json` output.
 *
 * @param report The parsed JSON report.
 * @returns Every bench that ran, with its average and 75th percentile in ns.
 * @throws {TypeError} If `report` has no `benches` array.
 * @example
 * ```ts
 * import { denoBenches } from "./compare.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const benches = denoBenches({ benches: [{ group: "g", name: "gob x", baseline: false,
 *   results: [{ ok: { avg: 10, p75: 9 } }] }] });
 * deepStrictEqual(benches[0].avg, 10);
 * ```
 */
export function denoBenches(report: unknown): DenoBench[] {
  const benches = (report as { benches?: unknown }).benches;
  if (!Array.isArray(benches)) throw new TypeError("deno bench report: no benches array");
  return benches.flatMap((b) => {
    const ok = b.results?.[0]?.ok;
    return ok
      ? [{ group: b.group, name: b.name, baseline: b.baseline, avg: ok.avg, p75: ok.p75 }]
      : [];
  });
}

/**
 * Joins the two sides by benchmark group: for each Go group, lambda-gob's bench whose name starts
 * with "gob " and the group's baseline (JSON).
 *
 * @param deno The Deno benches.
 * @param go The Go benches.
 * @returns One row per Go group that lambda-gob also measured, in Go's order.
 * @example
 * ```ts
 * import { join } from "./compare.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const rows = join(
 *   [{ group: "g", name: "gob decode", baseline: false, avg: 50, p75: 40 }],
 *   [{ group: "g", name: "go gob decode", ns_per_op: 100 }],
 * );
 * deepStrictEqual(rows[0].oursAvg / rows[0].go, 0.5);
 * ```
 */
export function join(deno: DenoBench[], go: GoBench[]): Row[] {
  return go.flatMap((g) => {
    const ours = deno.find((d) => d.group === g.group && d.name.startsWith("gob "));
    if (!ours) return [];
    const json = deno.find((d) => d.group === g.group && d.baseline);
    return [{
      group: g.group,
      oursAvg: ours.avg,
      oursP75: ours.p75,
      go: g.ns_per_op,
      jsonAvg: json?.avg,
    }];
  });
}

/**
 * Formats the rows as a markdown table (times in µs, ratios lambda-gob / Go).
 *
 * @param rows The joined rows.
 * @returns The table, one line per row after the header.
 * @example
 * ```ts
 * import { table } from "./compare.ts";
 * import { equal } from "node:assert/strict";
 * const text = table([{ group: "g", oursAvg: 500, oursP75: 400, go: 1000 }]);
 * equal(text.split("\n")[2], "| g | 0.50 | 0.40 | 1.00 | 0.50× | 0.40× | — |");
 * ```
 */
export function table(rows: Row[]): string {
  const us = (ns: number) => (ns / 1000).toFixed(ns < 10_000 ? 2 : 1);
  const lines = [
    "| group | lambda-gob avg µs | lambda-gob p75 µs | Go gob µs | ratio avg | ratio p75 | JSON µs |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.group} | ${us(r.oursAvg)} | ${us(r.oursP75)} | ${us(r.go)} | ` +
        `${(r.oursAvg / r.go).toFixed(2)}× | ${(r.oursP75 / r.go).toFixed(2)}× | ` +
        `${r.jsonAvg === undefined ? "—" : us(r.jsonAvg)} |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const time = Deno.args.includes("--time") ? Deno.args[Deno.args.indexOf("--time") + 1] : "1s";
  const run = async (cmd: string, args: string[], cwd: string) => {
    const out = await new Deno.Command(cmd, {
      args,
      cwd,
      env: { GOPROXY: "off", GOFLAGS: "-mod=mod", GOWORK: "off" },
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${out.code})`);
    return new TextDecoder().decode(out.stdout);
  };
  console.error("[gob vs go] deno bench --json bench/codec_bench.ts …");
  const deno = denoBenches(
    JSON.parse(await run(Deno.execPath(), ["bench", "-A", "--json", "bench/codec_bench.ts"], root)),
  );
  console.error(`[gob vs go] go run ./bench/go -time ${time} …`);
  const go = (await run("go", ["run", ".", "-time", time], root + "bench/go")).trimEnd().split("\n")
    .map((l) => JSON.parse(l) as GoBench);
  const text = `${table(join(deno, go))}\n\nratio = lambda-gob / Go (below 1 is faster than Go); ` +
    `${go[0] ? (go[0] as GoBench & { go?: string }).go : "Go"}, ${Deno.version.deno}\n`;
  console.log(text);
  await Deno.mkdir(root + "bench/out", { recursive: true });
  await Deno.writeTextFile(root + "bench/out/gob_vs_go.md", text);
}

if (import.meta.main) await main();
