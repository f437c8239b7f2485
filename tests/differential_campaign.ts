/**
 * The long differential campaign against live Go: batches of `differential_run.ts` (1,000 random
 * types × 10 values each, seeds `seed`, `seed + 1`, …) until at least `--values` values were
 * compared in each direction, then a record of it (seeds, counts, disagreements, time, commit,
 * date, machine, command) written as JSON.
 *
 *     deno task differential:campaign [--values 1000000] [--seed S] [--out FILE]
 *
 * Exits 1 when any batch disagreed (the record lists the first disagreements).
 *
 * @module
 */
import { runBatch } from "./differential_run.ts";
import { goBuild } from "./support/mod.ts";

const TYPES = 1000;
const VALUES = 10;

function flag(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

async function text(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "null" }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

const today = new Date().toISOString().slice(0, 10);
const target = Number(flag("values", "1000000"));
const seed = Number(flag("seed", today.replaceAll("-", "") + "000"));
const out = flag("out", `tests/records/differential_${today}.json`);
if (!Number.isSafeInteger(target) || !Number.isSafeInteger(seed)) {
  console.error("usage: differential_campaign.ts [--values N] [--seed S] [--out FILE]");
  Deno.exit(2);
}

// What the run measured: the commit, and whether the files it loads differ from it.
const commit = await text("git", ["rev-parse", "HEAD"]);
const paths = ["codec-as", "tests/differential_run.ts", "tests/differential_compare.ts"];
paths.push("tests/interop/gobrand", "tests/interop/goexpr");
const changed = await text("git", ["status", "--porcelain", "--", ...paths]);

const bin = await goBuild("gobrand");
const started = performance.now();
const totals = { batches: 0, goToTs: 0, tsToGo: 0, goOnlyCases: 0, loneSurrogates: 0 };
const coverage: Record<string, number> = {};
const mismatches: string[] = [];
let mismatchCount = 0;
for (let s = seed; totals.goToTs < target || totals.tsToGo < target; s++) {
  const r = await runBatch(bin, s, TYPES, VALUES);
  totals.batches++;
  totals.goToTs += r.goToTs;
  totals.tsToGo += r.tsToGo;
  totals.goOnlyCases += r.goOnlyCases;
  totals.loneSurrogates += r.loneSurrogates;
  for (const [k, n] of Object.entries(r.coverage)) coverage[k] = (coverage[k] ?? 0) + n;
  mismatchCount += r.mismatches.length;
  for (const m of r.mismatches) if (mismatches.length < 20) mismatches.push(`seed ${s}: ${m}`);
  const secs = (performance.now() - started) / 1000;
  console.log(
    `seed ${s}: Go→TS ${totals.goToTs}, TS→Go ${totals.tsToGo}, ${mismatchCount} disagreements, ${
      secs.toFixed(0)
    } s`,
  );
}

const record = {
  what: "differential campaign: random Go types and values, Go → TS (gob dump vs Go's JSON) " +
    "and TS → Go (gob encode, decoded and compared by Go)",
  command: `deno task differential:campaign --values ${target} --seed ${seed}`,
  reproduce: `gobrand gen -seed <seed> -types ${TYPES} -values ${VALUES} (one batch per seed)`,
  seeds: { first: seed, last: seed + totals.batches - 1 },
  typesPerBatch: TYPES,
  valuesPerType: VALUES,
  batches: totals.batches,
  valuesGoToTs: totals.goToTs,
  valuesTsToGo: totals.tsToGo,
  casesGoToTsOnly: totals.goOnlyCases,
  loneSurrogatesWritten: totals.loneSurrogates,
  disagreements: mismatchCount,
  firstDisagreements: mismatches,
  casesByClass: coverage,
  seconds: Math.round((performance.now() - started) / 1000),
  commit,
  filesChangedSinceCommit: changed === "" ? [] : changed.split("\n"),
  date: new Date().toISOString(),
  machine: {
    os: `${Deno.build.os} ${Deno.build.arch}`,
    cpus: navigator.hardwareConcurrency,
    deno: Deno.version.deno,
    go: await text("go", ["version"]),
  },
};
await Deno.mkdir(out.replace(/\/[^/]*$/, ""), { recursive: true });
await Deno.writeTextFile(out, JSON.stringify(record, null, 2) + "\n");
console.log(`wrote ${out}: ${mismatchCount} disagreements in ${record.seconds} s`);
if (mismatchCount > 0) Deno.exit(1);
