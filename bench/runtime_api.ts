/**
 * `deno task bench:runtime-api [--quick] [--rounds N] [--ric-dir DIR] [--no-ric] [--no-package]
 * [--note TEXT]`:
 * lambda-gob side by side with Go and Node.js on Lambda's Runtime API (provided.al2023). One local
 * Runtime API (`emulator/runtime_api_server.ts`) serves every peer the same events: the Go function
 * (`bench/peers/gofunc -transport api`, reading as aws-lambda-go's `runtime_api_client.go` reads)
 * with its `interface{}`, typed-struct and raw-bytes handlers, our `start` echo and our `startRaw`
 * echoes (`bench/peers/`), the `start` echo as `deno task package` ships it, started as in a new
 * 128 MB Lambda environment (`packaged_peer.ts`; `--no-package` leaves it out), and AWS's Node.js Runtime Interface Client (`ric.ts`) with
 * `exports.handler = async (e) => e`. The RIC is installed once into `--ric-dir` (default
 * `target/ric/`; a full run installs it when absent, a quick run or `--no-ric` skips it, saying
 * why). For each peer and payload it reports the round trip's p50 and p99 as the API sees it
 * (queued → response posted), the peer's CPU time per invoke, and the peer's peak RSS after all
 * cases; and its start-up: spawn → the first event's response posted. Peers run one after another
 * in an order that rotates between rounds; medians with the spread between rounds. Every response is checked byte-equal to its event. Prints the table; a
 * full run writes its record (`bench/results/runtime-api-<date>.{json,md,svg}`), a quick run the
 * same files to `bench/out/`. Asserts nothing.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { RuntimeApiServer } from "../emulator/mod.ts";
import { makeEvent, type Shape } from "./compare_payloads.ts";
import { goPeers, ourEchoes, type Peer } from "./echo_peers.ts";
import type { Samples } from "./compare_report.ts";
import { buildPeer, stop } from "./compare_driver.ts";
import { emptyDenoDirs, packagedEcho } from "./packaged_peer.ts";
import { ricPeer } from "./ric.ts";
import { renderRuntimeApi } from "./runtime_api_render.ts";
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
const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : quick ? 1 : 3;
const log = (m: string) => console.error(`[bench:runtime-api] ${m}`);
const ricArg = args.indexOf("--ric-dir");
const ricDir = (ricArg >= 0 ? args[ricArg + 1] : root + "target/ric").replace(/\/?$/, "/");

/** [bytes, label, shape, measured invokes, warm-up invokes]. */
const CASES: [number, string, Shape, number, number][] = quick
  ? [[100, "100 B", "string", 200, 100], [1 << 20, "1 MB", "records", 4, 1], [
    1 << 20,
    "1 MB",
    "text",
    4,
    1,
  ], [6 << 20, "6 MB", "string", 3, 1]]
  : [
    [100, "100 B", "string", 2000, 2000],
    [100, "100 B", "records", 1000, 200],
    [10240, "10 KB", "records", 500, 100],
    [10240, "10 KB", "text", 500, 100],
    [1 << 20, "1 MB", "string", 30, 3],
    [1 << 20, "1 MB", "text", 20, 3],
    [1 << 20, "1 MB", "records", 20, 3],
    [6 << 20, "6 MB", "string", 8, 1],
    [6 << 20, "6 MB", "records", 4, 1],
  ];

const samples: Record<string, Samples> = {};
const add = (metric: string, peer: string, x: number) =>
  ((samples[metric] ??= {})[peer] ??= []).push(x);

/** User + system CPU time of a process so far, in ms (Linux `/proc`). */
function cpuMs(pid: number): number {
  const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return ticks * 10; // USER_HZ = 100
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+)/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function runPeer(
  peer: Peer,
  events: Map<string, Uint8Array>,
  env: Record<string, string> = {},
): Promise<void> {
  const server = await RuntimeApiServer.start();
  const spawned = performance.now();
  const child = new Deno.Command(peer.argv[0], {
    args: peer.argv.slice(1),
    env: { ...env, AWS_LAMBDA_RUNTIME_API: server.address },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  let first = true;
  // a peer that ends before answering fails the run instead of leaving it waiting for its `next`
  let running = true;
  const died = child.status.then((s) => {
    if (running) throw new Error(`${peer.id} exited (status ${s.code}) before answering`);
    return new Promise<never>(() => {});
  });
  died.catch(() => {}); // observed through the races below
  try {
    for (const [size, label, shape, n, warm] of CASES) {
      const event = events.get(`${shape} ${size}`)!;
      const times: number[] = [];
      let cpu0 = 0;
      for (let i = 0; i < warm + n; i++) {
        if (i === warm) cpu0 = cpuMs(child.pid);
        const t0 = performance.now();
        const outcome = await Promise.race([
          server.invoke({ payload: event, requestId: `${label}-${i}` }),
          died,
        ]);
        const t = performance.now() - t0;
        // spawn → the first event's response posted: the process's start and its first invoke
        if (first) add("start", peer.id, performance.now() - spawned);
        first = false;
        if (outcome.type !== "response") {
          throw new Error(`${peer.id} ${label}: ${outcome.type} ${JSON.stringify(outcome)}`);
        }
        if (!sameBytes(outcome.payload, event)) {
          throw new Error(`${peer.id} ${label} ${shape}: the response differs from the event`);
        }
        if (i >= warm) times.push(t);
      }
      times.sort((a, b) => a - b);
      add(`p50 ${shape} ${label}`, peer.id, times[times.length >> 1] * 1000);
      const k99 = Math.min(times.length - 1, Math.max(0, Math.round(0.99 * times.length) - 1));
      add(`p99 ${shape} ${label}`, peer.id, times[k99] * 1000);
      add(`cpu ${shape} ${label}`, peer.id, (cpuMs(child.pid) - cpu0) * 1000 / n);
    }
    add("peak", peer.id, peakRssMiB(child.pid));
  } finally {
    running = false;
    await stop({ child });
    await server.close();
  }
}

if (import.meta.main) {
  const date = new Date().toISOString();
  const machine = machineFacts();
  const { commit, dirty } = commitOf(root);
  log(`building the Go peer (${quick ? "quick" : "full"} run, ${rounds} rounds)`);
  const go = await buildPeer(root, "gofunc");
  const peers: Peer[] = [...goPeers(go, "api"), ...ourEchoes(root)];
  const skipped: Record<string, string> = {};
  const envs = new Map<string, () => Record<string, string>>();
  // the start echo as `deno task package` ships it, each start as in a new 128 MB Lambda
  // environment: an empty DENO_DIR, the memory size the bootstrap sizes V8's heap by
  const packaged = args.includes("--no-package")
    ? { skipped: "left out with --no-package" }
    : await packagedEcho(root, outDir);
  if ("peer" in packaged) {
    peers.push({ ...packaged.peer, name: packaged.peer.name + ", 128 MB" });
    envs.set(packaged.peer.id, () => ({
      ...packaged.env(),
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128",
    }));
  } else {
    skipped["ours start, packaged"] = packaged.skipped;
    log(`ours start, packaged: skipped, ${packaged.skipped}`);
  }
  if (args.includes("--no-ric")) {
    skipped["Node.js 22, aws-lambda-ric"] = "left out with --no-ric";
  } else {
    if (!quick) log(`AWS's Node.js Runtime Interface Client from ${ricDir}`);
    const ric = await ricPeer(ricDir, !quick, root + "bench/peers/ric/install.sh");
    if ("skipped" in ric) {
      skipped["Node.js 22, aws-lambda-ric"] = ric.skipped;
      log(`Node.js 22, aws-lambda-ric: skipped, ${ric.skipped}`);
    } else {
      peers.push(ric.peer);
      envs.set(ric.peer.id, () => ric.env);
    }
  }
  const events = new Map<string, Uint8Array>();
  for (const [size, , shape] of CASES) events.set(`${shape} ${size}`, makeEvent(shape, size));

  // Deno's own floor: a bare `deno run` of an empty script, spawn → exit, with an empty DENO_DIR
  const emptyDenoDir = emptyDenoDirs(outDir);
  const bare = async () => {
    const env = { DENO_DIR: emptyDenoDir() };
    const t0 = performance.now();
    await new Deno.Command(Deno.execPath(), {
      args: ["run", root + "bench/peers/empty.ts"],
      env,
      stdout: "null",
      stderr: "null",
    }).output();
    add("start", "deno-empty-dir", performance.now() - t0);
  };
  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1}/${rounds}`);
    for (let k = 0; k < 3; k++) await bare();
    for (let k = 0; k < peers.length; k++) {
      const peer = peers[(k + r) % peers.length];
      await runPeer(peer, events, envs.get(peer.id)?.());
    }
  }

  const record: BenchRecord = finishRecord({
    bench: "runtime-api",
    commit,
    dirty,
    date,
    finished: "",
    command: ["deno task bench:runtime-api", ...args].join(" "),
    quick,
    rounds,
    machine,
    peers: peers.map((p) => ({
      id: p.id,
      name: p.name,
      argv: relativeArgv(root, p.argv).map((a) => a.split(ricDir).join("<ric>/")),
    })),
    skipped,
    settings: { cases: CASES },
    samples,
    notes: notesArg(args),
  });
  console.log(renderRuntimeApi(record).md);
  const path = await writeRecord(
    quick ? outDir : root + "bench/results/",
    record,
    renderRuntimeApi,
    quick ? `runtime-api-${date.replace(/[:.]/g, "-")}` : undefined,
  );
  log(`written to ${path.slice(root.length).replace(/\.json$/, "")}.{json,md,svg}`);
}
