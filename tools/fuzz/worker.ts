/**
 * Fuzz worker: decodes inputs `[from, to)` of a run and reports progress through a shared counter
 * (the runner watches it to detect hangs) and findings by message.
 *
 * Message in: `{ seed, from, to, corpus, maxMemory, progress: SharedArrayBuffer }`.
 * Messages out: `{ type: "finding", index, finding, bytes, seed, mutators }`,
 * `{ type: "done", stats }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { memoryBuffer } from "../../codec-as/wasm/mod.ts";
import { checkInput, FindingError } from "./decoder.ts";
import { mutate, type Seed } from "./mutate.ts";
import { Rng } from "./rng.ts";

/** A job for the worker. */
export interface WorkerJob {
  /** The run's seed. */
  seed: number;
  /** First input index. */
  from: number;
  /** End (exclusive). */
  to: number;
  /** The corpus. */
  corpus: Seed[];
  /** Codec memory bound, bytes. */
  maxMemory: number;
  /** Int32 slots: [0] index being decoded, [1] inputs done, [2] 1 once the job started. */
  progress: SharedArrayBuffer;
  /** Test hook for the watchdog: spin forever at this input index. */
  hangAt?: number;
}

self.onmessage = (event: MessageEvent<WorkerJob>) => {
  const job = event.data;
  const p = new Int32Array(job.progress);
  Atomics.store(p, 2, 1);
  const modes: Record<string, number> = {};
  let findings = 0;
  for (let i = job.from; i < job.to; i++) {
    Atomics.store(p, 0, i);
    if (i === job.hangAt) { for (;;) Atomics.load(p, 0); // watchdog test: never returns
     }
    const rng = Rng.forInput(job.seed, i);
    const m = mutate(job.corpus, rng);
    try {
      const mode = checkInput(m.bytes, rng, { maxMemory: job.maxMemory });
      modes[mode] = (modes[mode] ?? 0) + 1;
    } catch (e) {
      findings++;
      const finding = e instanceof FindingError
        ? e.finding
        : { kind: "untyped", detail: `outside the decoder: ${e}` };
      self.postMessage({
        type: "finding",
        index: i,
        finding,
        bytes: m.bytes,
        seed: m.seed,
        mutators: m.mutators,
      });
    }
    Atomics.store(p, 1, i + 1 - job.from);
  }
  self.postMessage({
    type: "done",
    stats: { modes, findings, memory: memoryBuffer().byteLength, rss: Deno.memoryUsage().rss },
  });
};
