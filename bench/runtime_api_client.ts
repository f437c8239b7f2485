/**
 * `deno run -A bench/runtime_api_client.ts [--rounds N] [--quick]`: the runtime's own HTTP/1.1
 * client against Deno's `fetch` and `node:http`, for the Runtime API loop — the measurement that
 * decides whether the runtime keeps its client. Every peer is the same smallest loop
 * (`bench/peers/client_loop.ts`: `GET next`, then POST the event back), driven by one local
 * Runtime API (`emulator/runtime_api_server.ts`, in this process) with the same events, every
 * response checked byte for byte. Per peer and round, two fresh processes:
 *
 * - **small**: 100 B events, `warm` then `n` invokes one at a time; the peer's CPU time (user +
 *   system, `/proc/<pid>/stat`) per invoke, and the p50 round trip;
 * - **large**: eight 6 MB events in a fresh process; its peak RSS (`VmHWM`) after them.
 *
 * Peers run in an order that rotates between rounds. A full run writes
 * `bench/results/runtime_api_client/<date>.json` (commit, date, machine, command, every sample) and
 * its table (`.md`); `--quick` writes them to `bench/out/`. Asserts nothing.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { RuntimeApiServer } from "../emulator/mod.ts";
import { stop } from "./compare_driver.ts";
import { makeEvent } from "./compare_payloads.ts";
import { row, type Samples } from "./compare_report.ts";
import { commitOf, machineFacts } from "./record.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const args = Deno.args;
const quick = args.includes("--quick");
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : quick ? 1 : 5;
const log = (m: string) => console.error(`[bench:runtime-api-client] ${m}`);

const PEERS = [
  { id: "ours", name: "ours (RuntimeApiClient, event buffer reused)" },
  { id: "ours-fresh", name: "ours, a new buffer per event" },
  { id: "fetch", name: "Deno fetch" },
  { id: "node", name: "node:http (keep-alive agent)" },
];
const SETTINGS = {
  small: { bytes: 100, shape: "string", warm: quick ? 100 : 500, n: quick ? 300 : 3000 },
  large: { bytes: 6 << 20, shape: "string", n: 8 },
};

const samples: Record<string, Samples> = {};
const add = (metric: string, peer: string, x: number) =>
  ((samples[metric] ??= {})[peer] ??= []).push(x);

/** User + system CPU time of a process so far, in ms (Linux `/proc`, USER_HZ 100). */
function cpuMs(pid: number): number {
  const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+)/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
  return m ? Number(m[1]) / 1024 : NaN;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Runs `n` invokes (after `warm`) of `event` against a fresh peer process. */
async function drive(
  peer: string,
  event: Uint8Array,
  warm: number,
  n: number,
): Promise<{ cpuUs: number; p50Us: number; peakMiB: number }> {
  const server = await RuntimeApiServer.start();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", root + "bench/peers/client_loop.ts", peer],
    env: { AWS_LAMBDA_RUNTIME_API: server.address },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    const times: number[] = [];
    let cpu0 = 0;
    for (let i = 0; i < warm + n; i++) {
      if (i === warm) cpu0 = cpuMs(child.pid);
      const t0 = performance.now();
      const outcome = await server.invoke({ payload: event });
      const t = performance.now() - t0;
      if (outcome.type !== "response" || !sameBytes(outcome.payload, event)) {
        throw new Error(`${peer}: invoke ${i} answered ${outcome.type}, not the event`);
      }
      if (i >= warm) times.push(t);
    }
    times.sort((a, b) => a - b);
    return {
      cpuUs: (cpuMs(child.pid) - cpu0) * 1000 / n,
      p50Us: times[times.length >> 1] * 1000,
      peakMiB: peakRssMiB(child.pid),
    };
  } finally {
    await stop({ child });
    await server.close();
  }
}

if (import.meta.main) {
  const { commit, dirty } = commitOf(root);
  const machine = machineFacts();
  const date = new Date().toISOString();
  const small = makeEvent("string", SETTINGS.small.bytes);
  const large = makeEvent("string", SETTINGS.large.bytes);
  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1}/${rounds}`);
    for (let k = 0; k < PEERS.length; k++) {
      const peer = PEERS[(k + r) % PEERS.length].id;
      const s = await drive(peer, small, SETTINGS.small.warm, SETTINGS.small.n);
      add("cpu 100 B, µs per invoke", peer, s.cpuUs);
      add("p50 100 B, µs", peer, s.p50Us);
      const l = await drive(peer, large, 0, SETTINGS.large.n);
      add("peak RSS after eight 6 MB events, MiB", peer, l.peakMiB);
      add("cpu 6 MB, µs per invoke", peer, l.cpuUs);
    }
  }
  machine.loadEnd = Deno.loadavg();
  const busy = Math.max(machine.loadStart[0], machine.loadEnd[0]);
  const notes = busy > machine.cores / 2
    ? [
      `other work ran on the machine: 1-minute load average up to ${busy.toFixed(1)} on ` +
      `${machine.cores} cores; the peers ran in turn, so each column saw the same load`,
    ]
    : [];
  const ids = PEERS.map((p) => p.id);
  const record = {
    bench: "runtime-api-client",
    commit,
    dirty,
    date,
    finished: new Date().toISOString(),
    command: `deno run -A bench/runtime_api_client.ts ${args.join(" ")}`.trim(),
    quick,
    rounds,
    machine,
    peers: PEERS.map((p) => ({
      ...p,
      argv: ["deno", "run", "-A", "bench/peers/client_loop.ts", p.id],
    })),
    settings: SETTINGS,
    samples,
    notes,
  };
  const table = [
    `### Runtime API clients (commit ${commit.slice(0, 7)}, ${date.slice(0, 16)}Z, ${rounds} ` +
    `round(s); ${machine.cpu}, ${machine.cores} cores; Deno ${machine.deno})`,
    "",
    "Medians over rounds; (±x%) = half the spread between rounds. Each peer is the same loop " +
    "(`bench/peers/client_loop.ts`) over a different HTTP client.",
    "",
    `| metric | ${PEERS.map((p) => p.name).join(" | ")} |`,
    `|---|${PEERS.map(() => "---:").join("|")}|`,
    ...Object.keys(samples).map((m) => row(m, ids, (p) => samples[m][p])),
    ...notes.map((n) => `\nNote: ${n}.`),
  ].join("\n") + "\n";
  console.log(table);
  const dir = quick ? root + "bench/out/" : root + "bench/results/runtime_api_client/";
  await Deno.mkdir(dir, { recursive: true });
  const base = `${dir}${quick ? "runtime-api-client-" : ""}${date.slice(0, 10)}`;
  await Deno.writeTextFile(base + ".json", JSON.stringify(record, null, 2) + "\n");
  await Deno.writeTextFile(base + ".md", table);
  log(`written to ${base.slice(root.length)}.json and .md`);
}
