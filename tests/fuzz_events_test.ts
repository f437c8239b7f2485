/**
 * The CI pass of the event-decoder fuzzer: 20,000 samples of aws-lambda-go event types with hostile
 * values (wrong types, huge and 5,000-deep values, `__proto__`/`constructor` keys, absurd numbers
 * and times) decode to a value that encodes back, or throw a TypeError/RangeError naming the field —
 * never an engine error, a foreign prototype or a polluted `Object.prototype`.
 */
import assert from "node:assert/strict";
import { runEventsFuzz } from "../tools/fuzz/mod.ts";

Deno.test("fuzz (CI pass): 20,000 hostile event samples decode or fail with a field-path error", () => {
  const r = runEventsFuzz(20261127, 20_000);
  assert.deepEqual(r.findings.map((f) => `${f.index} ${f.kind}: ${f.detail}`), []);
  assert.equal(r.inputs, 20_000);
  assert.ok(r.types > 250, `event types covered: ${r.types}`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
