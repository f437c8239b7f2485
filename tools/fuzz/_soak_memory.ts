/**
 * Memory samples of `deno task soak`: this process's RSS, V8 heap and codec (WASM) memory after a
 * full garbage collection, a function process's RSS from `/proc`, and how much they grew.
 *
 * @module
 */
import { memoryBuffer } from "../../codec-as/wasm/mod.ts";

/** One memory sample. */
export interface Sample {
  /** Invokes (or connections) done when sampled. */
  done: number;
  /** Resident set size, bytes. */
  rss: number;
  /** V8 heap used, bytes (in-process phases). */
  heapUsed?: number;
  /** Codec (WASM) memory, bytes (in-process phases). */
  wasm?: number;
}

/** Runs a full garbage collection first when V8 exposes it (`--v8-flags=--expose-gc`). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Samples this process's memory after a full garbage collection (when V8 exposes it).
 *
 * @param done Invokes (or connections) done so far.
 * @returns The sample: RSS, V8 heap used and codec memory.
 */
export function sample(done: number): Sample {
  collect();
  const m = Deno.memoryUsage();
  return { done, rss: m.rss, heapUsed: m.heapUsed, wasm: memoryBuffer().byteLength };
}

/**
 * RSS of a process, from `/proc/<pid>/status` (Linux); 0 when unavailable.
 * @param pid the process id
 * @returns bytes
 */
export function processRss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Summarises samples: first after warm-up (10%), last, max, growth.
 *
 * @param samples The samples, in order.
 * @param key Which memory.
 * @returns The warm, last and largest values, and last minus warm.
 */
export function growth(samples: Sample[], key: "rss" | "wasm" | "heapUsed"): {
  warm: number;
  last: number;
  max: number;
  growth: number;
} {
  const values = samples.map((s) => s[key] ?? 0);
  const warmAt = samples.findIndex((s) => s.done >= samples[samples.length - 1].done / 10);
  const warm = values[Math.max(0, warmAt)];
  const last = values[values.length - 1];
  return { warm, last, max: Math.max(...values), growth: last - warm };
}
