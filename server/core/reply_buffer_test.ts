import assert from "node:assert/strict";
import { ReplyBuffer } from "./reply_buffer.ts";
import { jsonParts } from "./_json_result.ts";

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("ReplyBuffer: events are read into the buffer results are then encoded over", () => {
  const replies = new ReplyBuffer();
  const event = replies.eventInto(5000);
  assert.ok(event.length >= 5000);
  const bytes = replies.encode("x".repeat(4000));
  assert.equal(bytes.buffer, event.buffer, "one buffer for both");
  assert.equal(dec(bytes), "x".repeat(4000));
  // While the result is lent out (not yet sent), the next event gets an array of its own.
  const second = replies.eventInto(10);
  assert.notEqual(second.buffer, bytes.buffer);
  replies.release(bytes);
  assert.equal(replies.eventInto(10).buffer, bytes.buffer);
});

Deno.test("ReplyBuffer: the buffer grows for a larger event or result, and keeps growing from there", () => {
  const replies = new ReplyBuffer();
  const small = replies.eventInto(10);
  const big = replies.eventInto(100_000);
  assert.ok(big.length >= 100_000 && big.buffer !== small.buffer);
  const text = JSON.stringify({ s: "é".repeat(200_000) }); // 400 KB of UTF-8: larger again
  const parts = jsonParts(JSON.parse(text))!;
  const bytes = replies.encode(parts);
  assert.equal(dec(bytes), text);
  replies.release(bytes);
  assert.equal(replies.eventInto(300_000).buffer, bytes.buffer, "the grown buffer is kept");
  const lent = replies.encode("[1]");
  assert.equal(dec(replies.encode("[2]")), "[2]", "a second result while the first is lent");
  assert.equal(dec(lent), "[1]");
});
