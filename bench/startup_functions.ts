/**
 * `deno run -A bench/startup_functions.ts [--starts N] [--note TEXT]`: what V8 compiles and runs
 * before the packaged echo answers its first go1.x Invoke — where the start-up's JavaScript work
 * is. The echo is packaged as `deno task package` ships it (`packaged_peer.ts`) and started N
 * times (default 5) as in a new Lambda environment, with V8's `--log-function-events` (through
 * `DENO_V8_FLAGS`, beside the bootstrap's own flags), and the load driver sends its first Invoke.
 * From each log it counts, per module of ours (the bundle's `// path` marks), the functions V8
 * compiled lazily (`parse-function`: on their first call), before the go1.x server listens (the
 * first run of its accept loop) and after, until the process is stopped once answered; and the modules of Deno's own that loaded after ours did. The log's
 * timestamps are not reported: logging every function slows the process it measures.
 *
 * Writes `bench/results/startup-functions-<date>.{json,md}` (`--quick`: one start, to
 * `bench/out/`). Asserts nothing.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { buildDriver, freePort } from "./compare_driver.ts";
import { makeEvent } from "./compare_payloads.ts";
import { packagedEcho } from "./packaged_peer.ts";
import { commitOf, machineFacts, notesArg } from "./record.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const outDir = root + "bench/out/";
const args = Deno.args;
const quick = args.includes("--quick");
const startsArg = args.indexOf("--starts");
const starts = startsArg >= 0 ? Number(args[startsArg + 1]) : quick ? 1 : 5;
const log = (m: string) => console.error(`[bench:startup-functions] ${m}`);

/** Counts of one phase: module → functions compiled lazily. */
type Phase = Record<string, number>;

interface Counts {
  beforeListening: Phase;
  firstInvoke: Phase;
  /** Deno's own modules (`ext:`, `node:`) loaded after the bundle's first module. */
  denoModulesAfter: string[];
}

/** The `// path` marks of a bundle file: offset → module. */
function moduleMarks(text: string): [number, string][] {
  return [...text.matchAll(/^\/\/ (\S+\.(?:ts|js|wasm))$/gm)].map((m) => [m.index, m[1]]);
}

function moduleAt(marks: [number, string][], offset: number): string {
  let found = "(bundle glue)";
  for (const [at, name] of marks) {
    if (at > offset) break;
    found = name;
  }
  return found;
}

/** Reads one `--log-function-events` log of the packaged echo. */
async function countLog(path: string, bundleDir: string): Promise<Counts> {
  const lines = (await Deno.readTextFile(path)).split("\n").map((l) => l.split(","));
  const scripts = new Map<number, string>();
  for (const l of lines) if (l[0] === "script-details") scripts.set(Number(l[1]), l[2]);
  const bundlePrefix = new URL(`file://${bundleDir}/`).href;
  const marks = new Map<number, [number, string][]>();
  for (const [id, url] of scripts) {
    if (url.startsWith(bundlePrefix)) {
      marks.set(id, moduleMarks(await Deno.readTextFile(fileURLToPath(url))));
    }
  }
  const firstOurs = Math.min(...marks.keys());
  const listening = lines.find((l) =>
    l[0] === "function" && l[1] === "first-execution" && marks.has(Number(l[2])) &&
    l[7] === "#acceptLoop"
  );
  const listenAt = listening ? Number(listening[6]) : Infinity;
  const counts: Counts = { beforeListening: {}, firstInvoke: {}, denoModulesAfter: [] };
  for (const [id, url] of scripts) {
    if (id > firstOurs && !url.startsWith(bundlePrefix) && /^(ext|node):/.test(url)) {
      counts.denoModulesAfter.push(url);
    }
  }
  for (const l of lines) {
    if (l[0] !== "function" || l[1] !== "parse-function") continue;
    const id = Number(l[2]);
    const m = marks.get(id);
    if (m === undefined) continue;
    const phase = Number(l[6]) < listenAt ? counts.beforeListening : counts.firstInvoke;
    const name = moduleAt(m, Number(l[3]));
    phase[name] = (phase[name] ?? 0) + 1;
  }
  return counts;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[s.length >> 1];
}

/** Per module, the median over starts of each count; rows sorted by lazily compiled. */
function table(runs: Counts[], phase: "beforeListening" | "firstInvoke"): string[] {
  const modules = new Set(runs.flatMap((r) => Object.keys(r[phase])));
  const rows = [...modules].map((m) => ({ m, compiled: median(runs.map((r) => r[phase][m] ?? 0)) }))
    .sort((a, b) => b.compiled - a.compiled || a.m.localeCompare(b.m));
  const total = rows.reduce((s, r) => s + r.compiled, 0);
  return [
    "| module | functions compiled lazily |",
    "|---|---:|",
    ...rows.map((r) => `| \`${r.m}\` | ${r.compiled} |`),
    `| **all** (sum of the medians) | **${total}** |`,
  ];
}

if (import.meta.main) {
  const date = new Date().toISOString();
  const { commit, dirty } = commitOf(root);
  const machine = machineFacts();
  const drive = await buildDriver(root);
  const packaged = await packagedEcho(root, outDir);
  if ("skipped" in packaged) throw new Error(packaged.skipped);
  const bundleDir = packaged.dir;
  const payload = outDir + "p100-startup.json";
  await Deno.writeFile(payload, makeEvent("string", 100)); // the 100 B event of bench:compare
  const runs: Counts[] = [];
  for (let i = 0; i < starts; i++) {
    log(`start ${i + 1}/${starts}`);
    const logFile = await Deno.makeTempFile({ suffix: ".v8.log" });
    try {
      await drive([
        "start",
        "-port",
        String(freePort()),
        "-payload",
        payload,
        "--",
        ...packaged.peer.argv,
      ], {
        ...packaged.env(),
        DENO_V8_FLAGS: `--log-function-events,--logfile=${logFile},--no-logfile-per-isolate`,
      });
      runs.push(await countLog(logFile, bundleDir));
    } finally {
      await Deno.remove(logFile);
    }
  }
  const deno = [...new Set(runs.flatMap((r) => r.denoModulesAfter))].sort();
  const md = [
    "# What V8 compiles before the packaged echo's first answer (go1.x)",
    "",
    `- Commit: \`${commit}\`${dirty.length > 0 ? ` (dirty: ${dirty.join(", ")})` : ""}`,
    `- Run: ${date}, \`deno run -A bench/startup_functions.ts ${
      args.join(" ")
    }\`, ${starts} starts`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores; Deno ${machine.deno} (V8 ${machine.v8})`,
    ...notesArg(args).map((n) => `- Note: ${n}`),
    "",
    "The echo as `deno task package` ships it, each start as in a new Lambda environment, V8's " +
    "`--log-function-events` on. Per module of ours (the bundle's marks): the functions V8 " +
    "compiled lazily (on their first call; a module's top-level code is not counted), medians " +
    "over the starts. The phases are split at the go1.x server's first accept (it listens).",
    "",
    "## Before the server listens (loading the runtime, its first evaluation, `start`)",
    "",
    ...table(runs, "beforeListening"),
    "",
    "## From listening to the first answer (the first Invoke)",
    "",
    ...table(runs, "firstInvoke"),
    "",
    `Deno's own modules loaded after the bundle's first: ${
      deno.length === 0 ? "none" : deno.map((d) => `\`${d}\``).join(", ")
    }.`,
    "",
  ].join("\n");
  console.log(md);
  const name = `startup-functions-${date.slice(0, 10)}`;
  const dir = quick ? outDir : root + "bench/results/";
  await Deno.writeTextFile(`${dir}${name}.md`, md);
  await Deno.writeTextFile(
    `${dir}${name}.json`,
    JSON.stringify({ commit, dirty, date, starts, machine, notes: notesArg(args), runs }, null, 2) +
      "\n",
  );
  log(`written to ${dir.slice(root.length)}${name}.{json,md}`);
}
