/**
 * `deno task soak [--invokes N] [--connections N] [--conns C] [--no-process]`: long-running load
 * with memory sampled.
 *
 * 1. In process: N invokes (default 100,000) pipelined over C connections (default 4) to an
 *    `RpcServer` + Function service, every reply checked; RSS, V8 heap and codec (WASM) memory
 *    sampled every N/20 invokes.
 * 2. In process: N connections (default 10,000) each opened, used for one invoke and closed (or
 *    dropped mid-message every third time); codec memory and RSS sampled — per-connection codec
 *    buffers that are not freed show here.
 * 3. A real function process (`start()`, go1.x) driven with N invokes, its V8 old space capped at
 *    `--function-heap-mb` (default 32: a leak ends it with an out-of-memory error); its RSS read
 *    from `/proc/<pid>/status` (Linux).
 *
 * Run with `--v8-flags=--expose-gc` (the task does) so each sample follows a full garbage
 * collection and shows live memory rather than garbage not yet collected. Prints the samples and,
 * last, one JSON summary line. Sampling is in `_soak_memory.ts`; the raw call of phase 2 in
 * `_soak_raw.ts`.
 *
 * @module
 */
import { freePort, GoClient } from "../../emulator/mod.ts";
import { functionService, RpcServer } from "../../server/go1x/mod.ts";
import { growth, processRss, type Sample, sample } from "./_soak_memory.ts";
import { readUntil, recordCall } from "./_soak_raw.ts";

export { growth, processRss, type Sample } from "./_soak_memory.ts";

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { ignoreBOM: true }); // compares payloads as sent

function inProcessServer(): { server: RpcServer; port: number; logs: string[] } {
  const logs: string[] = [];
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const server = new RpcServer(
    listener,
    functionService((e: { i: number; pad: string }) => ({ i: e.i, n: e.pad.length }), {
      setTraceEnv: false,
      environment: {
        functionName: "soak",
        functionVersion: "1",
        memoryLimitInMB: 128,
        logGroupName: "g",
        logStreamName: "s",
      },
    }),
    { log: (m) => logs.push(m) },
  );
  return { server, port: (listener.addr as Deno.NetAddr).port, logs };
}

/**
 * Invokes pipelined over a few connections, each reply checked.
 * @param invokes how many
 * @param conns connections
 * @param port where to send (0: an in-process server)
 * @param every sample interval
 * @param sampler how to sample memory
 * @returns samples and the number of replies that were wrong or missing
 * @example
 * ```ts ignore
 * const r = await soakInvokes(1000, 2);
 * ```
 */
export async function soakInvokes(
  invokes: number,
  conns = 4,
  port = 0,
  every = Math.max(1, Math.floor(invokes / 20)),
  sampler: (done: number) => Sample | Promise<Sample> = sample,
): Promise<{ samples: Sample[]; lost: number; wrong: number }> {
  const own = port === 0 ? inProcessServer() : undefined;
  const p = own?.port ?? port;
  const clients = await Promise.all(Array.from({ length: conns }, () => GoClient.connect(p)));
  const samples: Sample[] = [await sampler(0)];
  let lost = 0, wrong = 0, done = 0;
  const pad = "p".repeat(200);
  try {
    const WINDOW = 64;
    while (done < invokes) {
      const batch = [];
      for (let k = 0; k < WINDOW && done + k < invokes; k++) {
        const i = done + k;
        batch.push(
          clients[i % conns].invoke({
            Payload: enc.encode(JSON.stringify({ i, pad })),
            RequestId: `s${i}`,
          })
            .then((r) => {
              if (r.error !== "" || dec.decode(r.reply?.Payload) !== `{"i":${i},"n":200}`) wrong++;
            }, () => lost++),
        );
      }
      await Promise.all(batch);
      const before = done;
      done += batch.length;
      if (Math.floor(done / every) > Math.floor(before / every) || done === invokes) {
        samples.push(await sampler(done));
      }
    }
  } finally {
    for (const c of clients) c.close();
    if (own) {
      own.server.close();
      await own.server.finished;
    }
  }
  return { samples, lost, wrong };
}

/**
 * Opens and closes connections one after another against an in-process server: each sends one
 * invoke and reads its reply (every third is dropped mid-message instead).
 * @param connections how many
 * @param every sample interval
 * @returns samples, and replies that were wrong or missing
 * @example
 * ```ts ignore
 * const r = await soakConnections(1000);
 * ```
 */
export async function soakConnections(
  connections: number,
  every = Math.max(1, Math.floor(connections / 20)),
): Promise<{ samples: Sample[]; wrong: number }> {
  const { server, port } = inProcessServer();
  const samples: Sample[] = [sample(0)];
  let wrong = 0;
  // One pre-encoded call (type definitions, header, body), written raw: no client-side codec use.
  const probe = await GoClient.connect(port);
  await probe.ping();
  probe.close();
  const call = await recordCall(port);
  const expected = '{"i":7,"n":3}';
  try {
    for (let i = 1; i <= connections; i++) {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      try {
        if (i % 3 === 0) {
          await conn.write(call.subarray(0, call.length >> 1));
        } else {
          let o = 0;
          while (o < call.length) o += await conn.write(call.subarray(o));
          const got = await readUntil(conn, enc.encode(expected));
          if (!got) wrong++;
        }
      } finally {
        conn.close();
      }
      if (i % every === 0) samples.push(sample(i));
    }
  } finally {
    server.close();
    await server.finished;
  }
  return { samples, wrong };
}

/**
 * Drives a real function process (`tools/fuzz/echo_function.ts` under `start()`).
 * @param invokes how many
 * @param maxOldSpaceMb cap on the function's V8 old space (0: V8's default); a leak then ends the
 *   process with an out-of-memory error instead of growing
 * @returns the process's RSS samples, reply errors, and whether it exited early
 */
export async function soakProcess(
  invokes: number,
  maxOldSpaceMb = 0,
): Promise<{ samples: Sample[]; lost: number; wrong: number; exited: boolean }> {
  const port = freePort();
  const v8 = maxOldSpaceMb > 0 ? [`--v8-flags=--max-old-space-size=${maxOldSpaceMb}`] : [];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...v8, new URL("./soak_function.ts", import.meta.url).pathname],
    env: { _LAMBDA_SERVER_PORT: String(port), AWS_LAMBDA_FUNCTION_NAME: "soak" },
    stdin: "null",
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    for (let i = 0; i < 400; i++) {
      try {
        (await GoClient.connect(port)).close();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    let exited = false;
    void child.status.then(() => exited = true);
    const r = await soakInvokes(
      invokes,
      4,
      port,
      Math.max(1, Math.floor(invokes / 20)),
      (done) => ({
        done,
        rss: processRss(child.pid),
      }),
    );
    return { ...r, exited };
  } finally {
    child.kill("SIGTERM");
    await child.status;
  }
}

const MiB = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

async function main(args: string[]): Promise<void> {
  const get = (flag: string, def: number) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  const invokes = get("--invokes", 100_000);
  const connections = get("--connections", 10_000);
  const conns = get("--conns", 4);
  const heapCap = get("--function-heap-mb", 32);
  const summary: Record<string, unknown> = {};

  const a = await soakInvokes(invokes, conns);
  for (const s of a.samples) {
    console.log(
      `invokes ${s.done}: rss ${MiB(s.rss)} heap ${MiB(s.heapUsed!)} wasm ${MiB(s.wasm!)}`,
    );
  }
  summary.inProcess = {
    invokes,
    lost: a.lost,
    wrong: a.wrong,
    rss: growth(a.samples, "rss"),
    wasm: growth(a.samples, "wasm"),
    heap: growth(a.samples, "heapUsed"),
  };

  const b = await soakConnections(connections);
  for (const s of b.samples) {
    console.log(`connections ${s.done}: rss ${MiB(s.rss)} wasm ${MiB(s.wasm!)}`);
  }
  summary.connections = {
    connections,
    wrong: b.wrong,
    rss: growth(b.samples, "rss"),
    wasm: growth(b.samples, "wasm"),
  };

  if (!args.includes("--no-process")) {
    const c = await soakProcess(invokes, heapCap);
    for (const s of c.samples) {
      console.log(`function process, invokes ${s.done}: rss ${MiB(s.rss)}`);
    }
    summary.process = {
      invokes,
      maxOldSpaceMb: heapCap,
      exited: c.exited,
      lost: c.lost,
      wrong: c.wrong,
      rss: growth(c.samples, "rss"),
    };
  }
  console.log(JSON.stringify(summary));
}

if (import.meta.main) await main(Deno.args);
