/**
 * The reply queue on its own: order, splicing without a copy, `afterWrite`, a failed write, and
 * backpressure once 16 MiB wait.
 */
import assert from "node:assert/strict";
import { ReplyWriter } from "./_reply_writer.ts";

/** A socket that takes at most `max` bytes a write, after `gate` (when given) resolves. */
function socket(max: number, gate?: () => Promise<void>) {
  const writes: Uint8Array[] = [];
  return {
    writes,
    write: async (p: Uint8Array) => {
      await gate?.();
      const n = Math.min(max, p.length);
      writes.push(p.subarray(0, n));
      return n;
    },
  };
}

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

Deno.test("ReplyWriter: replies are written in order, spliced arrays as they are, then afterWrite runs", async () => {
  const conn = socket(1000);
  let flushed = 0;
  const w = new ReplyWriter(conn, {
    failed: (e) => assert.fail(String(e)),
    flushed: () => flushed++,
  });
  const big = bytes(5000, 7);
  const after: string[] = [];
  w.queue([bytes(3, 1), big, bytes(2, 2)], () => after.push("one"));
  w.queue([bytes(4, 3)], () => after.push("two"));
  assert.ok(w.writing);
  assert.ok(!w.idle);
  while (!w.idle) await new Promise((r) => setTimeout(r, 0));
  const all = new Uint8Array(conn.writes.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of conn.writes) {
    all.set(p, at);
    at += p.length;
  }
  const want = [...bytes(3, 1), ...big, ...bytes(2, 2), ...bytes(4, 3)];
  assert.deepEqual([...all], want);
  assert.ok(conn.writes.some((p) => p.buffer === big.buffer), "spliced, not copied");
  assert.deepEqual(after, ["one", "two"]);
  assert.ok(flushed >= 1);
});

Deno.test("ReplyWriter: a failed write is reported and afterWrite still runs", async () => {
  const failures: unknown[] = [];
  let flushed = false;
  const w = new ReplyWriter({
    write: () => Promise.reject(new Deno.errors.BrokenPipe("gone")),
  }, { failed: (e) => failures.push(e), flushed: () => flushed = true });
  let ran = false;
  w.queue([bytes(10, 1)], () => ran = true);
  while (!flushed) await new Promise((r) => setTimeout(r, 0));
  assert.ok(ran);
  assert.equal(failures.length, 1);
  assert.ok(failures[0] instanceof Deno.errors.BrokenPipe);
  assert.ok(w.idle);
});

Deno.test("ReplyWriter: over 16 MiB queued is full; drained() resolves once below a quarter, or on wake()", async () => {
  let open: () => void = () => {};
  let gate = new Promise<void>((r) => open = r);
  const conn = socket(1 << 20, () => gate);
  const w = new ReplyWriter(conn, { failed: (e) => assert.fail(String(e)), flushed: () => {} });
  for (let i = 0; i < 17; i++) w.queue([bytes(10, 0), bytes(1 << 20, i)]);
  assert.ok(w.full);
  let drained = false;
  const done = w.drained().then(() => drained = true);
  await new Promise((r) => setTimeout(r, 0));
  assert.ok(!drained);
  open();
  gate = Promise.resolve();
  await done;
  assert.ok(!w.full);
  while (!w.idle) await new Promise((r) => setTimeout(r, 0));
  let woken = false;
  const waiting = w.drained().then(() => woken = true);
  w.wake();
  await waiting;
  assert.ok(woken);
});
