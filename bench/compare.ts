/**
 * `deno task bench:compare [--quick] [--rounds N] [--no-package] [--no-codec] [--note TEXT]`:
 * lambda-gob side by side with Go on the go1.x transport. One Go `net/rpc` load driver
 * (`bench/peers/driver`) drives every peer the same way in the same run — the Go function (`bench/peers/gofunc`) with its
 * `interface{}`, typed-struct and raw-bytes handlers, our `start` echo, and our `startRaw` echo
 * keeping its payload and borrowing it (`borrowPayload`) — alternating peers case by case, several
 * rounds, medians with the spread between rounds. The `changed` cases run each function's handler
 * that reads and changes a records event instead of the echo. Prints the tables; a full run writes
 * its record (`bench/results/compare-<date>.{json,md,svg}`, see `record.ts`), a quick run the same
 * files to `bench/out/`. Never asserts.
 *
 * Start-up is also measured for the echo as `deno task package` ships it (`packaged_peer.ts`),
 * whose zip is the artifact row.
 *
 * `--quick` (smoke run): one round, fewer invokes, no 100,000-invoke growth run, no codec
 * micro-benchmarks. `--no-package` leaves the packaged echo out, `--no-codec` the codec
 * micro-benchmarks. `--note TEXT` adds a note to the record (e.g. why a run was reduced).
 *
 * This file measures; running the driver and the peers is `compare_driver.ts`, the report
 * `compare_render.ts`.
 *
 * Length: one measurement script whose phases run in order and share the peers and samples —
 * start-up, round trips, the changing handlers, memory, artifacts, the record.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { changeRecords, makeEvent, type Shape } from "./compare_payloads.ts";
import { buildDriver, buildPeer, freePort, spawn, stop } from "./compare_driver.ts";
import { renderCompare } from "./compare_render.ts";
import type { Samples } from "./compare_report.ts";
import { goPeers, ourEchoes, type Peer } from "./echo_peers.ts";
import { emptyDenoDirs, packagedEcho } from "./packaged_peer.ts";
import {
  type BenchRecord,
  commitOf,
  finishRecord,
  machineFacts,
  notesArg,
  relativeArgv,
  writeRecord,
} from "./record.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const outDir = root + "bench/out/";
const args = Deno.args;
const quick = args.includes("--quick");
const roundsArg = args.indexOf("--rounds");
const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : quick ? 1 : 5;
const withPackage = !args.includes("--no-package");
const withCodec = !quick && !args.includes("--no-codec");
const log = (m: string) => console.error(`[bench:compare] ${m}`);

/** Sizes and invokes per case: [bytes, label, measured, warm-up]. */
const SIZES: [number, string, number, number][] = quick
  ? [[100, "100 B", 400, 100], [10240, "10 KB", 200, 50], [1 << 20, "1 MB", 10, 2], [
    6 << 20,
    "6 MB",
    4,
    1,
  ]]
  : [[100, "100 B", 2000, 300], [10240, "10 KB", 1000, 100], [1 << 20, "1 MB", 40, 4], [
    6 << 20,
    "6 MB",
    12,
    2,
  ]];
const SHAPES: Shape[] = ["string", "text", "records"];
/** The cases of the handlers that change their event: records events, these sizes. */
const CHANGED = "changed";
const TPUT_N = quick ? 2000 : 20000;
/**
 * Invokes of 100 B a fresh peer serves first, measured on their own (V8 is still compiling the hot
 * path: ours answer ~25 % slower in them), then {@link WARMING_N} more, also on their own, then
 * {@link STEADY_N} more, not measured. V8 compiles the functions called once per invoke with Maglev
 * after a few hundred calls but moves them on to TurboFan only after ~14,000–16,000 (its
 * `--trace-opt`; with `--no-maglev`, after ~3,000), and our peers reach their steady state there:
 * ~20 % less CPU per 100 B invoke, and a ~5 % lower p50, than after 8,000 invokes. The cases below
 * thus measure warm peers; the two rows above show what a fresh process pays.
 */
const FRESH_N = quick ? 1000 : 2000;
const WARMING_N = quick ? 500 : 4000;
const STEADY_N = quick ? 500 : 12000;
const RSS_N = 10_000;
const RSS_MORE = quick ? 0 : 100_000;
const MEM_ROUNDS = quick ? 1 : 2;

const samples: Record<string, Samples> = {};
function add(metric: string, peer: string, value: number): void {
  ((samples[metric] ??= {})[peer] ??= []).push(value);
}

async function measure(label: string, f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch (e) {
    log(`${label}: ${e instanceof Error ? e.message : e}`);
    add("errors", label, 1);
  }
}

async function main(): Promise<void> {
  const date = new Date().toISOString();
  const machine = machineFacts();
  const { commit, dirty } = commitOf(root);
  log(`building peers (${quick ? "quick" : "full"} run, ${rounds} rounds)`);
  const [gofunc, drive] = await Promise.all([buildPeer(root, "gofunc"), buildDriver(root)]);
  const deno = Deno.execPath();
  const peers: Peer[] = [...goPeers(gofunc, "rpc"), ...ourEchoes(root)];
  const bare = [deno, "run", root + "bench/peers/empty.ts"];
  // Memory only: our start echo with V8's young generation capped at 1 MiB per semi-space (a
  // deployment flag; V8 otherwise grows it with the allocation rate, up to tens of MiB).
  const tuned: Peer = {
    id: "ours-semi1",
    name: "ours start, --max-semi-space-size=1",
    argv: [deno, "run", "-A", "--v8-flags=--max-semi-space-size=1", root + "bench/peers/echo.ts"],
  };
  // Memory only: the floor — a minimal Deno TCP server echoing the same events as length-prefixed
  // frames, no gob, no net/rpc, no lambda-gob (`peers/tcp_echo.ts`, driven with `rss -frame`).
  const floor: Peer = {
    id: "deno-tcp",
    name: "Deno TCP echo, no gob (memory floor)",
    argv: [deno, "run", "-A", root + "bench/peers/tcp_echo.ts"],
  };
  // Memory only: the same echo also parsing and serialising the JSON and calling into gob.wasm —
  // what using JSON and WebAssembly at all costs (`peers/tcp_echo.ts --json-wasm`).
  const floorWasm: Peer = {
    id: "deno-tcp-wasm",
    name: "Deno TCP echo + JSON + a gob.wasm call, no gob",
    argv: [deno, "run", "-A", root + "bench/peers/tcp_echo.ts", "--json-wasm"],
  };
  const memPeers = [...peers, tuned, floor, floorWasm];

  await Deno.mkdir(outDir + "payloads", { recursive: true });
  const file = (shape: Shape, size: number) => `${outDir}payloads/${shape}-${size}.json`;
  for (const shape of SHAPES) {
    for (const [size] of [...SIZES, [1024] as const]) {
      await Deno.writeFile(file(shape, size), makeEvent(shape, size));
    }
  }
  const changedFile = (size: number) => `${outDir}payloads/${CHANGED}-${size}.json`;
  for (const [size] of SIZES) {
    await Deno.writeFile(changedFile(size), changeRecords(makeEvent("records", size)));
  }
  const p100 = file("string", 100);
  const p1k = file("records", 1024);
  const p6m = file("string", 6 << 20);

  // Start-up only: the start echo as `deno task package` ships it, started as in a new Lambda
  // environment (an empty DENO_DIR each time), beside a bare `deno run` started the same way.
  const packaged = withPackage
    ? await packagedEcho(root, outDir)
    : { skipped: "left out with --no-package" };
  const skipped: Record<string, string> = {};
  if ("skipped" in packaged) {
    skipped["ours start, packaged"] = packaged.skipped;
    log(`ours start, packaged: skipped, ${packaged.skipped}`);
  }
  const packagedPeers = "peer" in packaged ? [packaged.peer] : [];
  const startPeers = [...peers, ...packagedPeers];
  const emptyDenoDir = emptyDenoDirs(outDir);
  const envOf = (p: Peer) => "peer" in packaged && p === packaged.peer ? packaged.env() : undefined;

  // Warm Deno's module cache so start-up from source measures a warm start.
  for (const p of startPeers.filter((p) => p.id.startsWith("ours"))) {
    await drive(
      ["start", "-port", String(freePort()), "-payload", p100, "--", ...p.argv],
      envOf(p),
    );
  }
  await drive(["exec", "--", ...bare]);

  for (let r = 0; r < rounds; r++) {
    const order = peers.map((_, i) => peers[(i + r) % peers.length]);
    const startOrder = startPeers.map((_, i) => startPeers[(i + r) % startPeers.length]);
    log(`round ${r + 1}/${rounds}: start-up`);
    for (let k = 0; k < 3; k++) {
      await measure("bare deno", async () => {
        const x = await drive(["exec", "--", ...bare]);
        add("start", "deno", x.ms);
        add("peak", "deno", x.peak_kib / 1024);
      });
      await measure("bare deno, empty DENO_DIR", async () => {
        const x = await drive(["exec", "--", ...bare], { DENO_DIR: emptyDenoDir() });
        add("start", "deno-empty-dir", x.ms);
      });
      for (const p of startOrder) {
        await measure(`${p.id} start`, async () => {
          const x = await drive(
            ["start", "-port", String(freePort()), "-payload", p100, "--", ...p.argv],
            envOf(p),
          );
          add("start", p.id, x.first_ms);
          add("listen", p.id, x.listen_ms);
        });
      }
    }
    log(`round ${r + 1}/${rounds}: round trips`);
    const running = new Map(order.map((p) => [p.id, spawn(p)] as const));
    try {
      const rtt = (p: Peer, payload: string, n: number, ...more: string[]) =>
        drive(
          ["rtt", "-addr", running.get(p.id)!.addr, "-payload", payload, "-n", String(n)].concat(
            more,
          ),
        );
      for (const p of order) {
        await measure(`${p.id} fresh`, async () => {
          const fresh = await rtt(p, p100, FRESH_N);
          add("p50 fresh", p.id, fresh.p50_us);
          add("p99 fresh", p.id, fresh.p99_us);
          const warming = await rtt(p, p100, WARMING_N);
          add("p50 warming", p.id, warming.p50_us);
          add("p99 warming", p.id, warming.p99_us);
          await rtt(p, p100, STEADY_N);
        });
      }
      for (const [size, label, n, warm] of SIZES) {
        for (const shape of SHAPES) {
          for (const p of order) {
            await measure(`${p.id} ${shape} ${label}`, async () => {
              const x = await rtt(p, file(shape, size), n, "-warm", String(warm));
              add(`p50 ${shape} ${label}`, p.id, x.p50_us);
              add(`p99 ${shape} ${label}`, p.id, x.p99_us);
              if (size === 100 && shape === "string") add("tput1", p.id, x.per_s);
            });
          }
        }
      }
      for (const p of order) {
        await measure(`${p.id} throughput`, async () => {
          const x = await rtt(p, p100, TPUT_N, "-warm", "500", "-window", "32");
          add("tput32", p.id, x.per_s);
        });
      }
    } finally {
      for (const r of running.values()) await stop(r);
    }
    log(`round ${r + 1}/${rounds}: handlers that change their event`);
    for (const p of order.filter((p) => p.change)) {
      const run = spawn({ argv: p.change! });
      await measure(`${p.id} ${CHANGED}`, async () => {
        const rtt = (payload: string, expect: string, n: number, warm: number) =>
          drive([
            "rtt",
            "-addr",
            run.addr,
            "-payload",
            payload,
            "-expect",
            expect,
            "-n",
            String(n),
            "-warm",
            String(warm),
          ]);
        const small = file("records", 100);
        await rtt(small, changedFile(100), FRESH_N + WARMING_N + STEADY_N, 0);
        for (const [size, label, n, warm] of SIZES) {
          const x = await rtt(file("records", size), changedFile(size), n, warm);
          add(`p50 ${CHANGED} ${label}`, p.id, x.p50_us);
          add(`p99 ${CHANGED} ${label}`, p.id, x.p99_us);
        }
      });
      await stop(run);
    }
  }

  for (let r = 0; r < MEM_ROUNDS; r++) {
    // the packaged echo too: what a deployed function holds
    const all = [...memPeers, ...packagedPeers];
    const order = all.map((_, i) => all[(i + r) % all.length]);
    log(`memory ${r + 1}/${MEM_ROUNDS}`);
    for (const p of order) {
      for (
        const [payload, n, more, key] of [[p1k, RSS_N, RSS_MORE, "1k"], [p6m, 8, 0, "6m"]] as const
      ) {
        const run = spawn(p, envOf(p));
        await measure(`${p.id} memory ${key}`, async () => {
          const x = await drive([
            "rss",
            "-addr",
            run.addr,
            "-pid",
            String(run.child.pid),
            "-payload",
            payload,
            "-n",
            String(n),
            "-more",
            String(more),
            ...(p === floor || p === floorWasm ? ["-frame"] : []),
          ]);
          add(`peak ${key}`, p.id, x.peak_kib / 1024);
          add(`anon ${key}`, p.id, x.anon_kib / 1024);
          add(`file ${key}`, p.id, x.file_kib / 1024);
          if (more > 0) add("growth", p.id, x.growth_kib / 1024);
        });
        await stop(run);
      }
    }
  }

  const artifacts: Record<string, number> = {};
  artifacts["go-json"] =
    artifacts["go-typed"] =
    artifacts["go-raw"] =
      (await Deno.stat(gofunc)).size / 2 ** 20;
  if ("peer" in packaged) {
    artifacts["ours"] =
      artifacts["ours-raw"] =
      artifacts["ours-raw-borrow"] =
        (await Deno.stat(outDir + "echo-package.zip")).size / 2 ** 20;
  }

  let codec = "";
  if (withCodec) {
    log("codec micro-benchmarks with Go's encoding/gob (bench/go/compare.ts)");
    await measure("codec", async () => {
      const out = await new Deno.Command(deno, {
        args: ["run", "-A", root + "bench/go/compare.ts"],
        stdout: "piped",
        stderr: "null",
      }).output();
      if (!out.success) throw new Error("bench/go/compare.ts failed");
      codec = new TextDecoder().decode(out.stdout).trim();
    });
  }

  const record: BenchRecord = finishRecord({
    bench: "compare",
    commit,
    dirty,
    date,
    finished: "",
    command: ["deno task bench:compare", ...args].join(" "),
    quick,
    rounds,
    machine,
    peers: [...memPeers, ...packagedPeers].map((p) => ({
      id: p.id,
      name: p.name,
      argv: relativeArgv(root, p.argv),
    })),
    skipped,
    settings: {
      sizes: SIZES,
      shapes: SHAPES,
      changed: CHANGED,
      freshN: FRESH_N,
      warmingN: WARMING_N,
      steadyN: STEADY_N,
      tputN: TPUT_N,
      rssN: RSS_N,
      rssMore: RSS_MORE,
      memRounds: MEM_ROUNDS,
    },
    samples,
    artifacts,
    ...(codec !== "" ? { codec } : {}),
    notes: notesArg(args),
  });
  console.log(renderCompare(record).md);
  const stamp = date.replace(/[:.]/g, "-");
  const path = await writeRecord(
    quick ? outDir : root + "bench/results/",
    record,
    renderCompare,
    quick ? `compare-${stamp}` : undefined,
  );
  log(`written to ${path.slice(root.length).replace(/\.json$/, "")}.{json,md,svg}`);
}

if (import.meta.main) await main();
