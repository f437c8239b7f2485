/**
 * The request stream's framing on its own: gob lengths, and a stream of small and large messages
 * fed in reads of every size, whose large messages must reach the decoder whole in buffers of
 * their own and the rest byte for byte.
 */
import assert from "node:assert/strict";
import { gobMessageSize, type LargeBuffers, RequestFramer } from "./_frames.ts";

Deno.test("gobMessageSize: one-byte and multi-byte lengths, cut off, not gob", () => {
  assert.equal(gobMessageSize(new Uint8Array([0]), 0, 1), 1);
  assert.equal(gobMessageSize(new Uint8Array([9, 0x7f]), 1, 2), 1 + 127);
  assert.equal(gobMessageSize(new Uint8Array([0xff, 0x80]), 0, 2), 2 + 128);
  // 6,000,000 = 0x5b8d80: three bytes after 0xfd (-3)
  assert.equal(gobMessageSize(new Uint8Array([0xfd, 0x5b, 0x8d, 0x80]), 0, 4), 4 + 6_000_000);
  assert.equal(gobMessageSize(new Uint8Array([0xfd, 0x5b, 0x8d, 0x80]), 0, 3), -1);
  assert.equal(gobMessageSize(new Uint8Array([0xfe, 1]), 0, 2), -1);
  assert.equal(gobMessageSize(new Uint8Array([0xf7, 0, 0, 0, 0, 0, 0, 0, 0, 1]), 0, 10), -2);
});

/** A gob-framed message: its length, then `size` bytes of `fill`. */
function message(size: number, fill: number): Uint8Array {
  const len: number[] = [];
  if (size < 0x80) {
    len.push(size);
  } else {
    for (let v = size; v > 0; v = Math.floor(v / 256)) len.unshift(v % 256);
    len.unshift(256 - len.length);
  }
  const m = new Uint8Array(len.length + size).fill(fill);
  m.set(len);
  return m;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Feeds `stream` through a framer in reads of at most `chunk` bytes; returns what it passed on. */
function feed(stream: Uint8Array, chunk: number, largeMessageBytes?: number) {
  const pushed: Uint8Array[] = [];
  const owned: Uint8Array[] = [];
  const taken: Uint8Array[] = [];
  const order: Uint8Array[] = [];
  const buffers: LargeBuffers = {
    take: (total) => {
      const b = new Uint8Array(total);
      taken.push(b);
      return b;
    },
    filled: (big) => assert.ok(taken.includes(big)),
  };
  const sink = {
    push: (b: Uint8Array) => order.push(pushed[pushed.push(b.slice()) - 1]),
    pushOwned: (b: Uint8Array) => order.push(owned[owned.push(b) - 1]),
  };
  const framer = new RequestFramer(sink, buffers, {
    readBufferSize: 16,
    largeMessageBytes,
    maxMessageBytes: 1 << 20,
  });
  let at = 0;
  while (at < stream.length) {
    const space = framer.space();
    const k = Math.min(space.length, chunk, stream.length - at);
    space.set(stream.subarray(at, at + k));
    at += k;
    framer.received(k);
  }
  return { owned, taken, all: concat(order) };
}

Deno.test("RequestFramer: large messages reach the decoder whole, the rest byte for byte, at any read size", () => {
  const messages = [
    message(3, 1),
    message(300, 2),
    message(0, 3),
    message(40, 4),
    message(70_000, 5),
  ];
  const stream = concat(messages);
  for (const chunk of [1, 2, 3, 7, 16, 1000]) {
    const { owned, taken, all } = feed(stream, chunk, 40);
    assert.deepEqual(all, stream, `reads of ${chunk}`);
    assert.deepEqual(owned, [messages[1], messages[3], messages[4]], `reads of ${chunk}`);
    assert.equal(taken.length, 3);
  }
});

Deno.test("RequestFramer: without largeMessageBytes, or once a length is not gob, everything is pushed", () => {
  const stream = concat([message(300, 2), message(5, 1)]);
  assert.deepEqual(feed(stream, 5).owned, []);
  assert.deepEqual(feed(stream, 5).all, stream);
  const bad = concat([message(2, 1), new Uint8Array([0xf7, 0, 0, 0, 0, 0, 0, 0, 0, 1]), stream]);
  const r = feed(bad, 16, 40);
  assert.deepEqual(r.owned, []);
  assert.deepEqual(r.all, bad);
});
