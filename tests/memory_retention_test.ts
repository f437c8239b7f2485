/**
 * What an invocation leaves behind: nothing that grows with the number of invocations, and nothing
 * that outlives it into the old generation. Measured in subprocesses with V8's `gc()` exposed.
 */
import assert from "node:assert/strict";

/** Runs `tests/memory/<script>` with `gc()` exposed; returns the JSON it prints. */
async function measure(script: string): Promise<unknown> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--v8-flags=--expose-gc",
      new URL(`./memory/${script}`, import.meta.url).pathname,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

Deno.test("memory: asynchronous handlers' results are not kept after their invocation", async () => {
  const [after10, after60] = await measure("async_results.ts") as number[];
  // 50 more 1 MB results: kept, they would add 50 MiB (they did, through Promise.race)
  assert.ok(after60 - after10 < 5, `heap grew from ${after10} to ${after60} MiB`);
});

Deno.test("memory: an event's large strings die young after their invocation", async () => {
  const most = await measure("young_events.ts") as number;
  // A 4 MB event string that survives a young collection shows as 4 MiB more (it did, kept by
  // V8's call feedback for per-invocation closures over it, until the next full collection).
  assert.ok(most < 2, `${most.toFixed(1)} MiB still in use after a young collection`);
});

Deno.test("memory: invocations' garbage dies young, so the young generation keeps its size", async () => {
  const [after2k, after40k] = await measure("young_generation.ts") as number[];
  // Every invocation's Context surviving a scavenge (Deno's AsyncVariable keeps values in a
  // WeakMap, which scavenges treat as live) grew the committed heap by ~15 MiB here, and RSS by
  // ~46 MiB over 100,000 invokes in the benchmark.
  assert.ok(after40k - after2k < 6, `committed heap grew from ${after2k} to ${after40k} MiB`);
});
