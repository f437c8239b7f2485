// The Runtime API loop's reused buffers: events of changing sizes read into one buffer, raw
// handlers that borrow it, and results written into the buffer their events came in.
import assert from "node:assert/strict";
import { text, withLoop } from "./runtime_api_with_loop.ts";

Deno.test("events of changing sizes, read into one reused buffer, each parse whole", async () => {
  const sizes = [200_000, 10, 70_000, 3, 200_001, 0];
  const events = sizes.map((n, i) => JSON.stringify({ i, s: "é".repeat(n) + String(i) }));
  const raw: Uint8Array[] = [];
  await withLoop((event: { i: number; s: string }) => [event.i, event.s.length], async (server) => {
    for (let i = 0; i < events.length; i++) {
      const o = await server.invoke({ requestId: `size-${i}`, payload: events[i] });
      assert.equal(o.type === "response" && text(o.payload), `[${i},${sizes[i] + 1}]`);
    }
  });
  // raw handlers keep their bytes: each must be its own, unchanged by the events after it
  await withLoop((bytes: Uint8Array) => {
    raw.push(bytes);
    return bytes;
  }, async (server) => {
    for (let i = 0; i < events.length; i++) {
      await server.invoke({ requestId: `raw-${i}`, payload: events[i] });
    }
  }, { raw: true });
  assert.deepEqual(raw.map(text), events);
});

Deno.test("raw handlers that borrow their payload: one buffer per worker, read into again only after the response", async () => {
  const sizes = [200_000, 10, 70_000, 3, 300_001, 0, 1000];
  const events = sizes.map((n, i) => `${i}:` + String.fromCharCode(97 + i).repeat(n));
  for (const concurrency of [1, 2]) {
    const buffers: ArrayBufferLike[] = [];
    // Echo after an await: the payload is sent from the buffer after the handler settles, so a
    // buffer read into again too early would show in the responses.
    await withLoop(async (bytes: Uint8Array) => {
      buffers.push(bytes.buffer);
      await new Promise((r) => setTimeout(r, bytes.length % 3));
      return bytes;
    }, async (server) => {
      const outs = await Promise.all(
        events.map((payload, i) =>
          server.invoke({ requestId: `lend${concurrency}-${i}`, payload })
        ),
      );
      outs.forEach((o, i) => assert.equal(o.type === "response" && text(o.payload), events[i]));
    }, { raw: true, borrowPayload: true, concurrency });
    assert.equal(buffers.length, events.length);
    assert.ok(new Set(buffers).size <= concurrency * 3, `reused: ${new Set(buffers).size} buffers`);
  }
});

Deno.test("a worker's events and results share its buffer: results larger and smaller than events", async () => {
  const sizes = [100_000, 10, 300_000, 5, 70_000];
  const events = sizes.map((n, i) => JSON.stringify({ i, s: "é".repeat(n) }));
  type E = { i: number; s: string };
  // Twice the event, a tenth of it, or the event itself, after an await (the result is encoded
  // once the handler settles, long after the event was read into the buffer).
  const result = (e: E) =>
    e.i % 3 === 0 ? { i: e.i, s: e.s + e.s } : e.i % 3 === 1 ? e.s.slice(0, e.s.length / 10) : e;
  for (const concurrency of [1, 2]) {
    await withLoop(async (e: E) => {
      await new Promise((r) => setTimeout(r, e.i));
      return result(e);
    }, async (server) => {
      const outs = await Promise.all(
        events.map((payload, i) => server.invoke({ requestId: `b${concurrency}-${i}`, payload })),
      );
      outs.forEach((o, i) => {
        assert.equal(o.type, "response");
        if (o.type === "response") {
          assert.equal(text(o.payload), JSON.stringify(result(JSON.parse(events[i]))));
        }
      });
    }, { concurrency });
  }
});
