/**
 * Runs the decoder fuzz target in a worker with a watchdog: an input that does not finish within
 * `hangMs` is a hang (the worker is terminated, the input regenerated from `(seed, index)` and
 * reported, and a new worker goes on from the next index).
 *
 * @module
 */
import { DEFAULT_MAX_MEMORY, type Finding } from "./decoder.ts";
import { mutate, type Seed } from "./mutate.ts";
import { Rng } from "./rng.ts";
import type { WorkerJob } from "./worker.ts";

/** One finding with its input. */
export interface FoundInput {
  /** The input's index in the run. */
  index: number;
  /** What went wrong. */
  finding: Finding;
  /** The input. */
  bytes: Uint8Array;
  /** The seed it came from and the mutators applied. */
  origin: string;
}

/** Options of {@linkcode runDecoderFuzz}. */
export interface DecoderFuzzOptions {
  /** The run's seed. */
  seed: number;
  /** Number of inputs. */
  iterations: number;
  /** The corpus. */
  corpus: Seed[];
  /** Time one input may take before it counts as a hang (default 10 s). */
  hangMs?: number;
  /** Codec memory bound (bytes). */
  maxMemory?: number;
  /** Called every `progressEvery` inputs (default 100,000). */
  onProgress?: (done: number, rss: number) => void;
  /** Progress interval. */
  progressEvery?: number;
  /** Called for each finding as it happens. */
  onFinding?: (f: FoundInput) => void | Promise<void>;
  /** Test hook for the watchdog: the worker spins forever at this input index. */
  hangAt?: number;
}

/** Result of a run. */
export interface DecoderFuzzResult {
  /** Inputs tried. */
  inputs: number;
  /** Findings. */
  findings: FoundInput[];
  /** Inputs per decode mode. */
  modes: Record<string, number>;
  /** Largest codec memory a worker reported at its end (bytes). */
  maxMemory: number;
  /** Largest worker RSS reported (bytes). */
  maxRss: number;
}

/**
 * Runs the decoder fuzzer.
 *
 * @param options seed, count, corpus, bounds
 * @returns counts and findings
 * @example
 * ```ts ignore
 * import { runDecoderFuzz } from "./run_decoder.ts";
 * import { decoderCorpus } from "./corpus.ts";
 * const r = await runDecoderFuzz({ seed: 1, iterations: 1000, corpus: await decoderCorpus() });
 * console.log(r.findings.length);
 * ```
 */
export async function runDecoderFuzz(options: DecoderFuzzOptions): Promise<DecoderFuzzResult> {
  const hangMs = options.hangMs ?? 10_000;
  const every = options.progressEvery ?? 100_000;
  const result: DecoderFuzzResult = {
    inputs: 0,
    findings: [],
    modes: {},
    maxMemory: 0,
    maxRss: 0,
  };
  let next = 0;
  const total = options.iterations;
  const chunk = Math.min(every, 50_000);
  while (next < total) {
    const from = next, to = Math.min(total, from + chunk);
    const progress = new SharedArrayBuffer(12);
    const p = new Int32Array(progress);
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    const pending: Promise<void>[] = [];
    const outcome = await new Promise<"done" | "hang" | "error">((resolve) => {
      let last = -1, since = Date.now();
      const created = Date.now();
      const timer = setInterval(() => {
        // Loading the worker's modules is not an input: the clock starts when the job does.
        if (Atomics.load(p, 2) === 0) {
          if (Date.now() - created > Math.max(120_000, hangMs)) {
            clearInterval(timer);
            resolve("error");
          }
          since = Date.now();
          return;
        }
        const done = Atomics.load(p, 1);
        if (done !== last) {
          last = done;
          since = Date.now();
        } else if (Date.now() - since > hangMs) {
          clearInterval(timer);
          resolve("hang");
        }
      }, Math.min(500, hangMs / 4));
      worker.onmessage = (e) => {
        const m = e.data;
        if (m.type === "finding") {
          const f: FoundInput = {
            index: m.index,
            finding: m.finding,
            bytes: m.bytes,
            origin: `${m.seed} ${m.mutators.join(",")}`,
          };
          result.findings.push(f);
          const r = options.onFinding?.(f);
          if (r) pending.push(r);
        } else if (m.type === "done") {
          clearInterval(timer);
          for (const [k, v] of Object.entries(m.stats.modes as Record<string, number>)) {
            result.modes[k] = (result.modes[k] ?? 0) + v;
          }
          result.maxMemory = Math.max(result.maxMemory, m.stats.memory);
          result.maxRss = Math.max(result.maxRss, m.stats.rss);
          resolve("done");
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        clearInterval(timer);
        resolve("error");
      };
      const job: WorkerJob = {
        seed: options.seed,
        from,
        to,
        corpus: options.corpus,
        maxMemory: options.maxMemory ?? DEFAULT_MAX_MEMORY,
        progress,
        hangAt: options.hangAt,
      };
      worker.postMessage(job);
    });
    worker.terminate();
    await Promise.all(pending);
    const done = Atomics.load(p, 1);
    if (outcome === "done") {
      next = to;
    } else {
      // The input being decoded hung or killed the worker: regenerate it and report it.
      const index = from + done;
      const rng = Rng.forInput(options.seed, index);
      const m = mutate(options.corpus, rng);
      const f: FoundInput = {
        index,
        finding: {
          kind: outcome === "hang" ? "hang" : "worker-crash",
          detail: outcome === "hang" ? `no progress for ${hangMs} ms` : "the worker died",
        },
        bytes: m.bytes,
        origin: `${m.seed} ${m.mutators.join(",")}`,
      };
      result.findings.push(f);
      await options.onFinding?.(f);
      next = index + 1;
    }
    const before = Math.floor(result.inputs / every);
    result.inputs = next;
    if (Math.floor(result.inputs / every) > before) {
      options.onProgress?.(result.inputs, result.maxRss);
    }
  }
  return result;
}
