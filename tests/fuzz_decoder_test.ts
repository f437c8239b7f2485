/**
 * The CI pass of the decoder fuzzer: a short seeded run (every recorded fixture mutated; decoded
 * schema-less and with the Lambda schemas, whole and split, in a watched worker) must find nothing;
 * plus checks of the fuzzer itself (determinism, framing round trips) and no trap from nesting
 * past the native stack.
 */
import assert from "node:assert/strict";
import {
  decodeInput,
  decoderCorpus,
  deepStructs,
  joinFrames,
  mutate,
  Rng,
  runDecoderFuzz,
  splitFrames,
} from "../tools/fuzz/mod.ts";

const corpus = await decoderCorpus();

Deno.test("fuzz (CI pass): 25,000 seeded decoder inputs end as values, need-more or GobError", async () => {
  const r = await runDecoderFuzz({ seed: 20261127, iterations: 25_000, corpus, hangMs: 20_000 });
  assert.equal(r.inputs, 25_000);
  assert.deepEqual(
    r.findings.map((f) => `${f.index} ${f.finding.kind}: ${f.finding.detail} (${f.origin})`),
    [],
  );
  for (const mode of ["any", "schemas", "rpc-server-side", "rpc-client-side"]) {
    assert.ok((r.modes[mode] ?? 0) > 3_000, `mode ${mode} ran`);
  }
});

Deno.test("fuzz: the corpus holds every recorded gob and rpc stream", () => {
  assert.ok(corpus.filter((s) => s.name.startsWith("gob/")).length >= 70);
  assert.ok(corpus.filter((s) => s.name.startsWith("rpc/")).length >= 8);
});

Deno.test("fuzz: inputs are a pure function of (seed, index)", () => {
  for (let i = 0; i < 200; i++) {
    const a = mutate(corpus, Rng.forInput(5, i));
    const b = mutate(corpus, Rng.forInput(5, i));
    assert.deepEqual([a.seed, a.mutators, [...a.bytes]], [b.seed, b.mutators, [...b.bytes]]);
  }
  const distinct = new Set(
    Array.from({ length: 200 }, (_, i) => mutate(corpus, Rng.forInput(5, i)).bytes.join(",")),
  );
  assert.ok(distinct.size > 150);
});

Deno.test("fuzz: framing splits and re-joins every recorded stream byte for byte", () => {
  for (const s of corpus) {
    const { frames, tail } = splitFrames(s.bytes);
    assert.equal(tail.length, 0, s.name);
    assert.deepEqual(joinFrames(frames), s.bytes, s.name);
  }
});

Deno.test("fuzz: nesting past the native stack with maxDepth 100,000 ends as a GobError in the oracle too", () => {
  // Before the codec clamped engine nesting this was a trap inside WASM ("codec trap").
  for (const mode of ["any", "schemas", "rpc-server-side"] as const) {
    assert.equal(decodeInput(deepStructs(6000), mode, [], { maxDepth: 100_000 }).end, "error");
  }
  assert.equal(decodeInput(deepStructs(6000), "any", []).end, "error");
});

Deno.test("fuzz: the watchdog reports an input that never finishes as a hang and goes on", async () => {
  const r = await runDecoderFuzz({ seed: 3, iterations: 60, corpus, hangMs: 2_000, hangAt: 25 });
  assert.equal(r.inputs, 60);
  assert.deepEqual(r.findings.map((f) => [f.index, f.finding.kind]), [[25, "hang"]]);
  // The reported bytes are input 25 itself, regenerated from (seed, index).
  assert.deepEqual(r.findings[0].bytes, mutate(corpus, Rng.forInput(3, 25)).bytes);
});
