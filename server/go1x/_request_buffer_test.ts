/** The reused large-request buffer's states: free, being read into, pushed, claimed. */
import assert from "node:assert/strict";
import { RequestBuffers } from "./_request_buffer.ts";

Deno.test("RequestBuffers: without reuse, each large request gets a fresh buffer and none is offered", () => {
  const b = new RequestBuffers(false);
  const one = b.take(100);
  b.filled(one);
  assert.equal(one.length, 100);
  assert.equal(b.offer(), undefined);
  assert.notEqual(b.take(100).buffer, one.buffer);
});

Deno.test("RequestBuffers: the reused buffer is offered while pushed, claimed once, read into again once released", () => {
  const b = new RequestBuffers(true);
  const first = b.take(100);
  assert.equal(first.length, 100);
  assert.ok(first.buffer.byteLength >= 100);
  assert.notEqual(b.take(100).buffer, first.buffer, "being read into: a fresh one");
  assert.equal(b.offer(), undefined);
  b.filled(first);
  const offer = b.offer()!;
  assert.ok(offer);
  assert.equal(offer.claim(new Uint8Array(4)), undefined, "not the call's own request");
  const whole = offer.claim(first.subarray(10, 20))!;
  assert.equal(whole.buffer, first.buffer);
  assert.equal(offer.claim(first.subarray(10, 20)), undefined, "claimed once");
  assert.equal(b.offer(), undefined);
  assert.notEqual(b.take(50).buffer, first.buffer, "claimed: a fresh one");
  offer.release();
  assert.equal(b.take(50).buffer, first.buffer, "released: reused");
});

Deno.test("RequestBuffers: an unclaimed request is done with once every request is dispatched; the buffer grows", () => {
  const b = new RequestBuffers(true);
  const first = b.take(10);
  b.filled(first);
  b.dispatched();
  assert.equal(b.offer(), undefined);
  const again = b.take(10);
  assert.equal(again.buffer, first.buffer);
  b.filled(again);
  b.dispatched();
  const larger = b.take(1000);
  assert.equal(larger.length, 1000);
  assert.notEqual(larger.buffer, first.buffer);
  assert.ok(larger.buffer.byteLength > 1000, "with slack");
});
