/**
 * Large requests read into buffers of their own (`RpcServerOptions.largeMessageBytes`): framing
 * across any read boundary, payloads that reach a raw handler without a copy and stay its own,
 * and streams that end or lie mid-message.
 */
import assert from "node:assert/strict";
import { isCodecMemory } from "../../codec-as/mod.ts";
import { Rng } from "../../tools/fuzz/mod.ts";
import { RpcServer } from "./rpc_server.ts";
import { InvokeRequest, InvokeResponse } from "./messages.ts";
import {
  connect,
  readResponses,
  readToEnd,
  serve,
  type ServeOptions,
  SessionWriter,
  writeAll,
} from "../../tests/support/mod.ts";

/** A session of pings and invokes of the given JSON texts' lengths (payload = a JSON string). */
function session(w: SessionWriter, sizes: number[]): { bytes: Uint8Array; events: string[] } {
  const chunks: Uint8Array[] = [];
  const events: string[] = [];
  sizes.forEach((n, seq) => {
    if (n < 0) {
      chunks.push(w.ping(seq));
      events.push("");
      return;
    }
    const text = `${seq}:`.padEnd(Math.max(0, n - 2), String.fromCharCode(97 + (seq % 26)));
    events.push(JSON.stringify(text));
    chunks.push(w.invoke(seq, text));
  });
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, events };
}

/**
 * Sends a random session of 30 pings and invokes (up to 70 KB) to `port`, written in random
 * pieces so that reads end anywhere (inside a length, at a message's end…), and reads all the
 * responses.
 */
async function sendRandomSession(rng: Rng, port: number) {
  const sizes = Array.from({ length: 30 }, () => {
    const pick = rng.int(6);
    return pick === 0 ? -1 : pick === 1 ? rng.int(60) : pick < 5 ? rng.int(3000) : rng.int(70_000);
  });
  const w = new SessionWriter();
  const { bytes, events } = session(w, sizes);
  const conn = await connect(port);
  for (let at = 0; at < bytes.length;) {
    const n = Math.min(bytes.length - at, 1 + rng.int(rng.int(2) === 0 ? 7 : 9000));
    await writeAll(conn, bytes.subarray(at, at + n));
    at += n;
  }
  const seen = await readResponses(conn, sizes.length);
  conn.close();
  w.free();
  return { sizes, events, seen };
}

Deno.test("rpc: large requests split at every kind of read boundary reach a raw handler whole, its own", async () => {
  const rng = new Rng(0x1a76e);
  for (let round = 0; round < 12; round++) {
    const kept: Uint8Array[] = [];
    await using s = serve((payload: Uint8Array) => {
      kept.push(payload);
      return payload;
    }, {
      service: { raw: true },
      largeMessageBytes: 64 + rng.int(600),
      readBufferSize: 16 + rng.int(rng.int(2) === 0 ? 40 : 5000),
    });
    const { sizes, events, seen } = await sendRandomSession(rng, s.port);
    assert.deepEqual(seen.map((r) => r.seq), sizes.map((_, i) => i), `round ${round}`);
    for (const r of seen) {
      assert.equal(r.error, "");
      if (sizes[r.seq] >= 0) assert.equal(r.payload, events[r.seq], `round ${round} seq ${r.seq}`);
    }
    // Every payload the handler kept still holds its event after all the later traffic; the
    // large ones are views of the buffer their message was read into (byteOffset past its
    // start: not a copy), the small ones copies out of codec memory.
    const invoked = events.filter((e) => e !== "");
    assert.equal(kept.length, invoked.length);
    kept.forEach((p, i) => {
      assert.equal(new TextDecoder().decode(p), invoked[i]);
      assert.ok(!isCodecMemory(p));
    });
    assert.ok(
      kept.some((p) => p.byteOffset > 0) || !sizes.some((n) => n > 800),
      "large payloads are not copied",
    );
    assert.deepEqual(s.logs, []);
  }
});

Deno.test("rpc: a stream that ends inside a large message, or announces one over the limit, is dropped quietly or with a reason", async () => {
  {
    await using s = serve((p: Uint8Array) => p, { service: { raw: true }, largeMessageBytes: 100 });
    const w = new SessionWriter();
    const { bytes } = session(w, [10, 5000]);
    w.free();
    const conn = await connect(s.port);
    await writeAll(conn, bytes.subarray(0, bytes.length - 1000)); // the second body cut short
    const seen = await readResponses(conn, 1);
    assert.deepEqual(seen.map((r) => r.seq), [0]);
    await conn.closeWrite();
    assert.equal(await readToEnd(conn), 0);
    conn.close();
    assert.deepEqual(s.logs, [], "a client going away mid-message is not an error");
  }
  {
    await using s = serve((p: Uint8Array) => p, {
      service: { raw: true },
      largeMessageBytes: 100,
      limits: { maxMessageBytes: 4096 },
    });
    const w = new SessionWriter();
    const { bytes } = session(w, [10, 5000, 10]);
    w.free();
    const conn = await connect(s.port);
    await writeAll(conn, bytes);
    const seen = await readResponses(conn);
    conn.close();
    // the first call is answered; the oversized body closes the connection with a reason
    assert.deepEqual(seen.map((r) => r.seq), [0]);
    assert.equal(s.logs.length, 1);
    assert.match(s.logs[0], /closing connection from .*: GobError: .*message/i);
  }
});

/**
 * Ten random pipelined sessions ({@linkcode sendRandomSession}) against a Function service whose
 * connection reuses one buffer for large requests; every reply must be `expected(event)`, where
 * `event` is the JSON text the invoke carried.
 */
async function reusedBufferRounds(
  seed: number,
  // deno-lint-ignore no-explicit-any
  handler: (rng: Rng) => (event: any) => unknown,
  service: ServeOptions["service"],
  expected: (event: string) => string,
) {
  const rng = new Rng(seed);
  for (let round = 0; round < 10; round++) {
    await using s = serve(handler(rng), {
      service,
      largeMessageBytes: 64 + rng.int(600),
      reuseLargeMessages: true,
      readBufferSize: 16 + rng.int(rng.int(2) === 0 ? 40 : 5000),
    });
    const { sizes, events, seen } = await sendRandomSession(rng, s.port);
    assert.deepEqual(seen.map((r) => r.seq).sort((a, b) => a - b), sizes.map((_, i) => i));
    for (const r of seen) {
      assert.equal(r.error, "");
      if (sizes[r.seq] < 0) continue;
      assert.equal(r.payload, expected(events[r.seq]), `round ${round} seq ${r.seq}`);
    }
    assert.deepEqual(s.logs, []);
  }
}

Deno.test("rpc: JSON handlers' large requests share one reused buffer with their replies, pipelined, sync and async", async () => {
  // Echo, twice the event, a small answer; every third one after a wait, so replies are still on
  // their way (their buffer claimed) while later large requests arrive.
  const answer = (e: string) =>
    e.length % 3 === 0 ? e : e.length % 3 === 1 ? e + e : { n: e.length };
  await reusedBufferRounds(
    0x5eb0f,
    (rng) => (e: string) => {
      const waits = Number(e.slice(0, e.indexOf(":"))) % 3 === 0;
      return waits ? new Promise((r) => setTimeout(() => r(answer(e)), rng.int(3))) : answer(e);
    },
    undefined,
    (event) => JSON.stringify(answer(JSON.parse(event))),
  );
});

Deno.test("rpc: raw handlers that borrow their payload, pipelined, answering after an await: each reply is sent before its buffer is read into again", async () => {
  // Echo the borrowed bytes after an await, every third one (by its seq, the digits after the
  // opening quote) after a wait too: replies are written from the buffer while later large
  // requests arrive, which must then go to buffers of their own.
  await reusedBufferRounds(
    0xb0770,
    (rng) => async (payload: Uint8Array) => {
      if (payload[1] % 3 === 0) await new Promise((r) => setTimeout(r, rng.int(3)));
      return payload;
    },
    { raw: true, borrowPayload: true },
    (event) => event,
  );
});

Deno.test("rpc: the reused buffer is offered while it holds an unclaimed request, claimed once, and read into again after release", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const claims: (Uint8Array | undefined)[] = [];
  const offered: boolean[] = [];
  let held: (() => void) | undefined;
  let released = 0;
  const server = new RpcServer(listener, {
    "Function.Invoke": {
      args: InvokeRequest,
      reply: InvokeResponse,
      call(req, done, buffer) {
        offered.push(buffer !== undefined);
        const mine = buffer?.claim(req.Payload);
        claims.push(mine);
        assert.equal(buffer?.claim(req.Payload), undefined, "claimed once");
        const text = new TextDecoder().decode(req.Payload);
        const finish = () =>
          done({ Payload: req.Payload.slice(), Error: undefined }, undefined, () => {
            if (mine !== undefined) buffer?.release();
            released++;
          });
        // The second request's reply waits: the third request arrives while its buffer is claimed.
        if (text.includes("hold")) held = finish;
        else finish();
      },
    },
  }, { largeMessageBytes: 1024, reuseLargeMessages: true });
  const until = async (ok: () => boolean) => {
    while (!ok()) await new Promise((r) => setTimeout(r, 1));
  };
  const w = new SessionWriter();
  const conn = await connect(server.addr.port);
  const big = (tag: string) => tag + "x".repeat(5000);
  await writeAll(conn, w.invoke(0, big("a")));
  await until(() => released === 1);
  await writeAll(conn, w.invoke(1, big("hold")));
  await until(() => held !== undefined);
  await writeAll(conn, w.invoke(2, big("c")));
  await until(() => released === 2); // the third's reply, while the second is held
  held!();
  await until(() => released === 3);
  await writeAll(conn, w.invoke(3, big("d")));
  const seen = await readResponses(conn, 4);
  w.free();
  conn.close();
  server.close();
  await server.finished;
  assert.deepEqual(seen.map((r) => r.seq), [0, 2, 1, 3]);
  assert.deepEqual(offered, [true, true, false, true]);
  assert.ok(claims[0] !== undefined && claims[1] !== undefined && claims[3] !== undefined);
  assert.equal(claims[2], undefined, "a request read while the buffer is claimed has its own");
  assert.equal(claims[1]!.buffer, claims[0]!.buffer, "the same buffer, reused");
  assert.equal(claims[3]!.buffer, claims[0]!.buffer, "and again after its release");
});
