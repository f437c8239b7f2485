/**
 * Fault injection against the go1.x server over real loopback sockets: clients that vanish at
 * every byte of a call (mid-header, mid-payload), half-close mid-call, send one byte at a time,
 * announce absurd message lengths, sit idle by the hundred, never read their replies — and 10,000
 * interleaved pipelined calls over 8 connections, each answered exactly once with its own Seq and
 * payload. A bad connection never affects another.
 */
import assert from "node:assert/strict";
import { Context } from "../server/core/mod.ts";
import { GoClient } from "../emulator/mod.ts";
import {
  connect,
  readResponses,
  type Seen,
  serve,
  SessionWriter,
  writeAll,
} from "./support/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

async function goodCall(port: number, tag: string): Promise<void> {
  const c = await GoClient.connect(port);
  try {
    const r = await c.invoke({ Payload: enc.encode(JSON.stringify({ tag })) });
    assert.equal(r.error, "");
    assert.deepEqual(JSON.parse(dec.decode(r.reply?.Payload)), { tag });
  } finally {
    c.close();
  }
}

Deno.test("faults: a client that disconnects after any byte of a call (header or payload) never disturbs the server", async () => {
  await using s = serve((e: unknown) => e);
  const w = new SessionWriter();
  const { header, body } = w.invokeParts(0, { big: "x".repeat(300) });
  w.free();
  const whole = new Uint8Array([...header, ...body]);
  const good = await GoClient.connect(s.port);
  try {
    for (let cut = 1; cut < whole.length; cut++) {
      const conn = await connect(s.port);
      await writeAll(conn, whole.subarray(0, cut));
      conn.close();
      if (cut % 40 === 0 || cut === header.length || cut === header.length + 1) {
        const r = await good.invoke({ Payload: enc.encode(`{"cut":${cut}}`) });
        assert.equal(dec.decode(r.reply?.Payload), `{"cut":${cut}}`);
      }
    }
  } finally {
    good.close();
  }
  await goodCall(s.port, "after");
  assert.deepEqual(s.logs, []); // a cut stream is a disconnect, not a fault to log
});

Deno.test("faults: a half-close mid-header or mid-payload gets the connection closed, earlier calls answered", async () => {
  await using s = serve((e: unknown) => e);
  const w = new SessionWriter();
  const first = w.invoke(0, { first: true });
  const { header, body } = w.invokeParts(1, { second: "y".repeat(100) });
  w.free();
  const rest = new Uint8Array([...header, ...body]);
  for (const cut of [1, 2, header.length - 1, header.length, header.length + 1, rest.length - 1]) {
    const conn = await connect(s.port);
    try {
      await writeAll(conn, first);
      await writeAll(conn, rest.subarray(0, cut));
      await conn.closeWrite();
      const seen = await readResponses(conn); // to EOF: the server must close
      assert.equal(seen.length, 1, `cut ${cut}`);
      assert.equal(seen[0].seq, 0);
      assert.deepEqual(JSON.parse(seen[0].payload!), { first: true });
    } finally {
      conn.close();
    }
  }
  await goodCall(s.port, "after half-closes");
});

Deno.test("faults: a slow client sending one byte at a time is served, and others meanwhile", async () => {
  await using s = serve((e: unknown) => e);
  const w = new SessionWriter();
  const bytes = new Uint8Array([...w.ping(0), ...w.invoke(1, { n: 1 }), ...w.invoke(2, { n: 2 })]);
  w.free();
  const slow = await connect(s.port);
  slow.setNoDelay(true);
  const replies = readResponses(slow, 3);
  const others = (async () => {
    for (let i = 0; i < 5; i++) await goodCall(s.port, `other ${i}`);
  })();
  for (let i = 0; i < bytes.length; i++) {
    await writeAll(slow, bytes.subarray(i, i + 1));
    if (i % 16 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  const seen = await replies;
  await others;
  slow.close();
  assert.deepEqual(seen.map((x) => [x.seq, x.method, x.error]), [
    [0, "Function.Ping", ""],
    [1, "Function.Invoke", ""],
    [2, "Function.Invoke", ""],
  ]);
  assert.deepEqual(seen.slice(1).map((x) => JSON.parse(x.payload!)), [{ n: 1 }, { n: 2 }]);
});

Deno.test("faults: absurd length prefixes close that connection at once, without waiting for the bytes", async () => {
  await using s = serve((e: unknown) => e, { limits: { maxMessageBytes: 1 << 20 } });
  const prefixes = [
    [0xfd, 0x10, 0x00, 0x01], // 1 MiB + 1: just over the limit
    [0xfc, 0x7f, 0xff, 0xff, 0xff], // 2^31 - 1
    [0xfb, 0x01, 0x00, 0x00, 0x00, 0x00], // 2^32
    [0xf9, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // 2^53
    [0xf8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // 2^64 - 1
    [0xf7, 0x00], // count byte 0xF7: invalid
    [0x80], // count byte 0x80: invalid
  ];
  const w = new SessionWriter();
  const valid = w.invoke(0, { ok: 1 });
  w.free();
  for (const [i, p] of prefixes.entries()) {
    const conn = await connect(s.port);
    try {
      // A valid first call, then the bad prefix alone: the call is answered, then the close.
      await writeAll(conn, valid);
      await writeAll(conn, new Uint8Array(p));
      const seen = await readResponses(conn); // to EOF; we never close our side
      assert.equal(seen.length, 1, `prefix ${i}`);
      assert.deepEqual(JSON.parse(seen[0].payload!), { ok: 1 });
    } finally {
      conn.close();
    }
  }
  assert.equal(s.logs.length, prefixes.length);
  for (const line of s.logs) {
    assert.match(line, /^closing connection from 127\.0\.0\.1:\d+: GobError/);
  }
  await goodCall(s.port, "after prefixes");
});

Deno.test("faults: 300 idle connections (silent or stalled mid-message) while a good client is served", async () => {
  await using s = serve((e: unknown) => e);
  const w = new SessionWriter();
  const call = w.invoke(0, { x: 1 });
  w.free();
  const idle: Deno.TcpConn[] = [];
  try {
    for (let i = 0; i < 300; i++) {
      const c = await connect(s.port);
      if (i % 3 === 1) await writeAll(c, call.subarray(0, 1 + (i % (call.length - 1))));
      idle.push(c);
    }
    const good = await GoClient.connect(s.port);
    try {
      const calls = [];
      for (let i = 0; i < 200; i++) {
        calls.push(good.invoke({ Payload: enc.encode(`{"i":${i}}`) }));
      }
      const rs = await Promise.all(calls);
      rs.forEach((r, i) => assert.equal(dec.decode(r.reply?.Payload), `{"i":${i}}`));
    } finally {
      good.close();
    }
  } finally {
    for (const c of idle) c.close();
  }
  await goodCall(s.port, "after idle");
  assert.deepEqual(s.logs, []);
});

Deno.test("faults: a client that never reads its replies does not hold up other connections", async () => {
  await using s = serve((e: unknown) => e);
  const w = new SessionWriter();
  const big = { blob: "z".repeat(64 * 1024) };
  const parts: Uint8Array[] = [];
  for (let i = 0; i < 64; i++) parts.push(w.invoke(i, big)); // ~4 MiB of replies nobody reads
  w.free();
  const deaf = await connect(s.port);
  const writing = (async () => {
    for (const p of parts) await writeAll(deaf, p);
  })().catch(() => {});
  try {
    for (let i = 0; i < 20; i++) await goodCall(s.port, `while deaf ${i}`);
  } finally {
    deaf.close();
    await writing;
  }
  await goodCall(s.port, "after deaf");
});

Deno.test("faults: a client that writes calls but never reads stalls on its own writes; nothing is lost", async () => {
  // Each call's reply is 256 KiB: once 16 MiB of replies wait for the socket the server stops
  // reading, so the client's writes stop completing instead of replies piling up in memory.
  const REPLY = 256 * 1024;
  await using s = serve((e: { i: number; tag?: string }) =>
    e.tag !== undefined ? e : { i: e.i, pad: "r".repeat(REPLY) }
  );
  const w = new SessionWriter();
  const conn = await connect(s.port);
  const stalled = (p: Promise<unknown>, ms: number) =>
    Promise.race([p.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]);
  try {
    let sent = 0;
    let pending: Promise<void> | undefined;
    for (; sent < 4000; sent++) {
      const write = writeAll(conn, w.invoke(sent, { i: sent, pad: "q".repeat(32 * 1024) }));
      if (await stalled(write, 1500)) {
        pending = write;
        break;
      }
    }
    assert.ok(pending !== undefined, `the server kept reading: ${sent} calls sent unread`);
    sent++; // the stalled call goes out once the client reads
    // 16 MiB of queue plus what the sockets' buffers hold, far short of every call answered
    assert.ok(sent < 1000, `${sent} calls were read before the server paused`);
    const [seen] = await Promise.all([readResponses(conn, sent), pending]);
    assert.deepEqual(seen.map((r) => r.seq).sort((a, b) => a - b), [...Array(sent).keys()]);
    for (const r of seen) assert.equal(JSON.parse(r.payload!).pad.length, REPLY);
  } finally {
    w.free();
    conn.close();
  }
  await goodCall(s.port, "after the stalled client");
});

Deno.test("faults: 10,000 interleaved pipelined calls over 8 connections — each answered exactly once, own Seq and payload", async () => {
  await using s = serve(async (e: { c: number; i: number; k: string }) => {
    if (e.i % 3 === 0) await new Promise((r) => setTimeout(r, e.i % 4));
    else if (e.i % 3 === 1) await Promise.resolve();
    return { c: e.c, i: e.i, k: e.k, rid: Context.current().requestId };
  });
  const CONNS = 8, CALLS = 10_000, PER = CALLS / CONNS;
  const conns = await Promise.all(Array.from({ length: CONNS }, () => connect(s.port)));
  const writers = conns.map(() => new SessionWriter());
  const key = (c: number, i: number) => `${c}-${i}-${(c * 7919 + i * 104729) % 1000003}`;
  try {
    const readers = conns.map((c) => readResponses(c, PER));
    // Interleave: a few calls on each connection in turn, written in odd-sized slices.
    for (let i = 0; i < PER; i += 25) {
      for (let c = 0; c < CONNS; c++) {
        const parts = [];
        for (let j = i; j < i + 25; j++) {
          parts.push(writers[c].invoke(j, { c, i: j, k: key(c, j) }, `req-${c}-${j}`));
        }
        const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let o = 0;
        for (const p of parts) {
          bytes.set(p, o);
          o += p.length;
        }
        const cut = (i * 31 + c * 17) % bytes.length;
        await writeAll(conns[c], bytes.subarray(0, cut));
        await writeAll(conns[c], bytes.subarray(cut));
      }
    }
    const all: Seen[][] = await Promise.all(readers);
    let answered = 0;
    for (let c = 0; c < CONNS; c++) {
      const bySeq = new Map<number, number>();
      for (const r of all[c]) {
        assert.equal(r.error, "");
        assert.equal(r.fnError, undefined);
        bySeq.set(r.seq, (bySeq.get(r.seq) ?? 0) + 1);
        assert.deepEqual(JSON.parse(r.payload!), {
          c,
          i: r.seq,
          k: key(c, r.seq),
          rid: `req-${c}-${r.seq}`,
        });
      }
      assert.equal(bySeq.size, PER, `connection ${c}: distinct seqs`);
      for (let i = 0; i < PER; i++) assert.equal(bySeq.get(i), 1, `connection ${c} seq ${i}`);
      answered += all[c].length;
    }
    assert.equal(answered, CALLS); // calls lost = 0, none answered twice
  } finally {
    for (const c of conns) c.close();
    for (const w of writers) w.free();
  }
  assert.deepEqual(s.logs, []);
});
