/**
 * A short soak (the long one is `deno task soak`): pipelined invokes with every reply checked, and
 * connections opened and closed one after another — codec (WASM) memory must not grow with the
 * number of connections (each connection's buffers are freed when it closes). No timing assertions.
 */
import assert from "node:assert/strict";
import { soakConnections, soakInvokes } from "../tools/fuzz/mod.ts";

Deno.test("soak (short): 5,000 pipelined invokes over 4 connections — none lost, none wrong", async () => {
  const r = await soakInvokes(5_000, 4);
  assert.equal(r.lost, 0);
  assert.equal(r.wrong, 0);
  assert.ok(r.samples.length >= 20);
  assert.ok(r.samples.every((s) => s.rss > 0 && (s.wasm ?? 0) > 0));
});

Deno.test("soak (short): 1,500 connect/disconnect cycles leave codec memory where it was", async () => {
  const r = await soakConnections(1_500, 100);
  assert.equal(r.wrong, 0);
  const warm = r.samples.find((s) => s.done >= 300)!.wasm!;
  const last = r.samples[r.samples.length - 1].wasm!;
  // A leak of even one 64 KiB input buffer per connection would add ~75 MiB here.
  assert.ok(last - warm <= 4 * 2 ** 20, `codec memory grew from ${warm} to ${last} bytes`);
});
