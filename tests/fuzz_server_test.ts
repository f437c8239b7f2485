/**
 * The CI pass of the server fuzzer: mutated recorded client sessions, each on its own connection
 * (in random pieces, then half-closed or dropped) to a function process — a `start()` echo, a raw
 * echo, and a raw echo that borrows its payloads. The process must survive, close every half-closed
 * connection, answer in valid gob, and keep serving a well-formed client on another connection.
 */
import assert from "node:assert/strict";
import { runServerFuzz } from "../tools/fuzz/mod.ts";

Deno.test("fuzz (CI pass): 400 mutated client sessions into a start() server; the good client is still served", async () => {
  const r = await runServerFuzz({ seed: 20261127, iterations: 400, checkEvery: 40 });
  assert.deepEqual(
    r.findings.map((f) => `${f.index} ${f.finding.kind}: ${f.finding.detail} (${f.origin})`),
    [],
  );
  assert.equal(r.inputs, 400);
  assert.ok(r.checks >= 10, `good-client checks: ${r.checks}`);
  assert.ok(r.logLines > 0, "bad connections were closed with a logged reason");
});

Deno.test("fuzz (CI pass): 300 mutated sessions into a raw-bytes function whose large-message framing reads every message", async () => {
  const r = await runServerFuzz({ seed: 20261128, iterations: 300, checkEvery: 30, raw: true });
  assert.deepEqual(
    r.findings.map((f) => `${f.index} ${f.finding.kind}: ${f.finding.detail} (${f.origin})`),
    [],
  );
  assert.equal(r.inputs, 300);
  assert.ok(r.checks >= 10, `good-client checks: ${r.checks}`);
  assert.ok(r.logLines > 0, "bad connections were closed with a logged reason");
});

Deno.test("fuzz (CI pass): 300 mutated sessions into a raw-bytes function that borrows its payloads from the connection's reused buffer", async () => {
  const r = await runServerFuzz({
    seed: 20261129,
    iterations: 300,
    checkEvery: 30,
    raw: true,
    borrowPayload: true,
  });
  assert.deepEqual(
    r.findings.map((f) => `${f.index} ${f.finding.kind}: ${f.finding.detail} (${f.origin})`),
    [],
  );
  assert.equal(r.inputs, 300);
  assert.ok(r.checks >= 10, `good-client checks: ${r.checks}`);
  assert.ok(r.logLines > 0, "bad connections were closed with a logged reason");
});
