/**
 * `deno task bench:runtime-api [--quick] [--rounds N]`: lambda-gob side by side with Go on Lambda's
 * Runtime API (provided.al2023), the deployment AWS now has. One local Runtime API
 * (`emulator/runtime_api_server.ts`) serves every peer the same events: Go's typical handler
 * (`tests/interop/runtimeapi -mode json`: net/http, `encoding/json` into `interface{}` and back),
 * Go raw bytes (`-mode raw`), our `start` echo and our `startRaw` echo (`bench/peers/`), and the
 * `start` echo with the V8 flags `deno task package`'s bootstrap gives a 128 MB function. For each
 * peer and payload it reports the round trip's p50 as the API sees it (queued → response posted),
 * the peer's CPU time per invoke, and, for 6 MB, the peer's peak RSS. Peers run one after another
 * in an order that rotates between rounds; medians with the spread between rounds. Every response
 * is checked byte-equal to its event. Prints a markdown table and writes it to `bench/out/`;
 * asserts nothing.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { goBuild } from "../tests/support/mod.ts";
import { RuntimeApiServer } from "../emulator/mod.ts";
import { makeEvent, type Shape } from "./compare_payloads.ts";
import { ourEchoes, type Peer } from "./echo_peers.ts";
import { row, type Samples } from "./compare_report.ts";
import { functionRunFlags } from "../tools/compile.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const outDir = root + "bench/out/";
const args = Deno.args;
const quick = args.includes("--quick");
const roundsArg = args.indexOf("--rounds");
const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : quick ? 1 : 3;
const log = (m: string) => console.error(`[bench:runtime-api] ${m}`);

/** [bytes, label, shape, measured invokes, warm-up invokes]. */
const CASES: [number, string, Shape, number, number][] = quick
  ? [[100, "100 B", "string", 200, 100], [1 << 20, "1 MB", "records", 4, 1], [
    6 << 20,
    "6 MB",
    "string",
    3,
    1,
  ]]
  : [
    [100, "100 B", "string", 2000, 2000],
    [10240, "10 KB", "records", 500, 100],
    [1 << 20, "1 MB", "string", 30, 3],
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

async function runPeer(peer: Peer, events: Map<string, Uint8Array>): Promise<void> {
  const server = await RuntimeApiServer.start();
  const child = new Deno.Command(peer.argv[0], {
    args: peer.argv.slice(1),
    env: { AWS_LAMBDA_RUNTIME_API: server.address },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    for (const [size, label, shape, n, warm] of CASES) {
      const event = events.get(`${shape} ${size}`)!;
      const times: number[] = [];
      let cpu0 = 0;
      for (let i = 0; i < warm + n; i++) {
        if (i === warm) cpu0 = cpuMs(child.pid);
        const t0 = performance.now();
        const outcome = await server.invoke({ payload: event, requestId: `${label}-${i}` });
        const t = performance.now() - t0;
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
      add(`cpu ${shape} ${label}`, peer.id, (cpuMs(child.pid) - cpu0) * 1000 / n);
    }
    add("peak", peer.id, peakRssMiB(child.pid));
  } finally {
    try {
      child.kill("SIGKILL");
    } catch {
      // gone already
    }
    await child.status;
    await server.close();
  }
}

if (import.meta.main) {
  const deno = Deno.execPath();
  log(`building the Go peer (${quick ? "quick" : "full"} run, ${rounds} rounds)`);
  const go = await goBuild("runtimeapi");
  const peers: Peer[] = [
    { id: "go-json", name: "Go typical", argv: [go, "-mode", "json"] },
    { id: "go-raw", name: "Go raw", argv: [go, "-mode", "raw"] },
    ...ourEchoes(root),
    {
      // what `deno task package`'s bootstrap runs in a 128 MB function
      id: "ours-128",
      name: "ours start, V8 flags of a 128 MB package",
      argv: [deno, "run", ...functionRunFlags(128), root + "bench/peers/echo.ts"],
    },
  ];
  const events = new Map<string, Uint8Array>();
  for (const [size, , shape] of CASES) events.set(`${shape} ${size}`, makeEvent(shape, size));

  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1}/${rounds}`);
    for (let k = 0; k < peers.length; k++) await runPeer(peers[(k + r) % peers.length], events);
  }

  const ids = peers.map((p) => p.id);
  const out = [
    `### lambda-gob vs Go on the Runtime API (${new Date().toISOString().slice(0, 16)}Z, ${
      quick ? "quick" : "full"
    } run, ${rounds} round(s); Deno ${Deno.version.deno})`,
    "",
    "Medians over rounds; (±x%) = half the spread between rounds. p50 in µs from queuing an event " +
    "to its response posted, one invoke at a time, through the local Runtime API " +
    "(`emulator/runtime_api_server.ts`, the same for every peer); CPU in µs of the peer per invoke.",
    "",
    `| metric | ${peers.map((p) => p.name).join(" | ")} |`,
    `|---|${peers.map(() => "---:").join("|")}|`,
  ];
  for (const [, label, shape] of CASES) {
    out.push(row(`p50 ${shape} ${label}`, ids, (p) => samples[`p50 ${shape} ${label}`]?.[p]));
    out.push(row(`CPU ${shape} ${label}`, ids, (p) => samples[`cpu ${shape} ${label}`]?.[p]));
  }
  out.push(row("peak RSS after all cases, MiB", ids, (p) => samples.peak?.[p]));
  const text = out.join("\n") + "\n";
  console.log(text);
  await Deno.mkdir(outDir, { recursive: true });
  const file = `${outDir}runtime-api-${new Date().toISOString().replace(/[:.]/g, "-")}.md`;
  await Deno.writeTextFile(file, text);
  log(`written to ${file.slice(root.length)}`);
}
