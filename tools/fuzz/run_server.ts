/**
 * Runs the server fuzz target: mutated recorded client sessions into a running `start()` process,
 * with the well-formed client checked every `checkEvery` inputs and at the end.
 *
 * @module
 */
import { decoderCorpus, serverCorpus } from "./corpus.ts";
import { mutate } from "./mutate.ts";
import type { FoundInput } from "./run_decoder.ts";
import { Rng } from "./rng.ts";
import { ServerUnderFuzz } from "./server.ts";

/** Options of {@linkcode runServerFuzz}. */
export interface ServerFuzzOptions {
  /** The run's seed. */
  seed: number;
  /** Number of inputs (connections). */
  iterations: number;
  /** Check the well-formed client every this many inputs (default 50). */
  checkEvery?: number;
  /** Connections in flight at once (default 4). */
  parallel?: number;
  /** Called for each finding. */
  onFinding?: (f: FoundInput) => void | Promise<void>;
  /** Called every 1,000 inputs. */
  onProgress?: (done: number) => void;
  /** Attack the raw-bytes echo, whose large-message framing then handles every message. */
  raw?: boolean;
  /** With `raw`: the echo borrows its payloads, read into the connection's reused buffer. */
  borrowPayload?: boolean;
}

/** Result of a server run. */
export interface ServerFuzzResult {
  /** Inputs (connections) tried. */
  inputs: number;
  /** Well-formed client checks passed. */
  checks: number;
  /** Lines the function logged (connection-level reasons for closing bad connections). */
  logLines: number;
  /** Findings. */
  findings: FoundInput[];
}

/**
 * Fuzzes a running function process.
 *
 * @param options seed and count
 * @returns counts and findings
 * @example
 * ```ts ignore
 * import { runServerFuzz } from "./run_server.ts";
 * console.log((await runServerFuzz({ seed: 1, iterations: 100 })).findings.length);
 * ```
 */
export async function runServerFuzz(options: ServerFuzzOptions): Promise<ServerFuzzResult> {
  const sessions = await serverCorpus();
  // Mostly client sessions; sometimes splice in other gob streams.
  const others = await decoderCorpus();
  const server = await ServerUnderFuzz.launch(options.raw, options.borrowPayload);
  const result: ServerFuzzResult = { inputs: 0, checks: 0, logLines: 0, findings: [] };
  const every = options.checkEvery ?? 50;
  const parallel = options.parallel ?? 4;
  let next = 0;
  const report = async (
    index: number,
    bytes: Uint8Array,
    origin: string,
    f: FoundInput["finding"],
  ) => {
    const found: FoundInput = { index, finding: f, bytes, origin };
    result.findings.push(found);
    await options.onFinding?.(found);
  };
  try {
    while (next < options.iterations) {
      const batch = [];
      for (let k = 0; k < parallel && next < options.iterations; k++, next++) {
        const index = next;
        const rng = Rng.forInput(options.seed ^ 0x5e5e, index);
        const m = mutate(rng.chance(0.9) ? sessions : [...sessions, ...others], rng);
        batch.push(
          server.feed(m.bytes, rng).then((f) =>
            f ? report(index, m.bytes, `${m.seed} ${m.mutators.join(",")}`, f) : undefined
          ),
        );
      }
      await Promise.all(batch);
      if (Math.floor(next / every) > Math.floor((next - batch.length) / every)) {
        const f = await server.check();
        if (f) {
          await report(next - 1, new Uint8Array(0), "check after this input", f);
          break;
        }
        result.checks++;
      }
      if (Math.floor(next / 1000) > Math.floor((next - batch.length) / 1000)) {
        options.onProgress?.(next);
      }
      if (result.findings.some((f) => f.finding.kind === "exited")) break;
    }
    const f = await server.check();
    if (f) await report(next, new Uint8Array(0), "final check", f);
    else result.checks++;
  } finally {
    result.inputs = next;
    await server.close();
    result.logLines = server.logLines;
  }
  return result;
}
