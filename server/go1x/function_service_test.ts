/**
 * The go1.x service's reused reply buffer: large results of pipelined invocations, finishing in
 * any order, each reach their caller intact (the buffer is only reused once a reply written
 * straight from it is on the socket).
 */
import assert from "node:assert/strict";
import { functionService } from "./function_service.ts";
import { RpcServer } from "./rpc_server.ts";
import { GoClient } from "../../emulator/mod.ts";
import { connect, readResponses, serve, SessionWriter, writeAll } from "../../tests/support/mod.ts";

Deno.test("function: large JSON results of pipelined, out-of-order invocations stay intact", async () => {
  const server = new RpcServer(
    Deno.listen({ hostname: "127.0.0.1", port: 0 }),
    functionService(async (e: { i: number; sync: boolean }) => {
      if (!e.sync) await new Promise((r) => setTimeout(r, (e.i * 7) % 5));
      // 20–140 KB: above the reuse threshold, and from ~64 KiB written from the reused buffer
      // itself (rpc.ts splices them); distinct per call; non-ASCII to exercise UTF-8
      return { i: e.i, text: `ƛ${e.i}-`.repeat(5000 + e.i * 600) };
    }),
    { log: (m) => assert.fail(m) },
  );
  const client = await GoClient.connect(server.addr.port);
  try {
    const calls = Array.from({ length: 40 }, (_, i) => {
      const payload = new TextEncoder().encode(JSON.stringify({ i, sync: i % 3 === 0 }));
      return client.invoke({ Payload: payload }).then((r) => ({ i, r }));
    });
    for (const { i, r } of await Promise.all(calls)) {
      assert.equal(r.reply?.Error, undefined);
      const got = JSON.parse(new TextDecoder().decode(r.reply!.Payload));
      assert.deepEqual(got, { i, text: `ƛ${i}-`.repeat(5000 + i * 600) });
    }
  } finally {
    client.close();
    server.close();
    await server.finished;
  }
});

Deno.test("function: multi-MB results stay intact while the socket still sends an earlier one", async () => {
  // The client reads nothing for a while, so the kernel's buffers fill and the write of an
  // earlier reply is still in flight when the next result is serialised: the reused buffer that
  // reply is sent from must not be written into until the write is done.
  await using s = serve(async (e: { i: number }) => {
    await new Promise((r) => setTimeout(r, e.i * 15));
    return { i: e.i, text: String(e.i).repeat(8e6) };
  });
  const w = new SessionWriter();
  const conn = await connect(s.port);
  try {
    for (let i = 0; i < 6; i++) await writeAll(conn, w.invoke(i, { i }));
    await new Promise((r) => setTimeout(r, 300));
    const seen = await readResponses(conn, 6);
    assert.deepEqual(seen.map((r) => r.seq).sort(), [0, 1, 2, 3, 4, 5]);
    for (const r of seen) {
      const got = JSON.parse(r.payload!);
      assert.equal(got.i, r.seq);
      assert.ok(got.text === String(r.seq).repeat(8e6), `reply ${r.seq} holds its own text`);
    }
  } finally {
    w.free();
    conn.close();
  }
  assert.deepEqual(s.logs, []);
});

Deno.test("function: a raw handler's borrowed multi-MB payload is not read into again while its echo is still being sent", async () => {
  // As above, for `borrowPayload`: each echo is written from the connection's reused buffer, the
  // client reads nothing for a while, so that write is still in flight when the next request
  // arrives: it must go to a buffer of its own, not over the reply being sent.
  await using s = serve((payload: Uint8Array) => payload, {
    service: { raw: true, borrowPayload: true },
    largeMessageBytes: 64 * 1024,
    reuseLargeMessages: true,
  });
  const w = new SessionWriter();
  const conn = await connect(s.port);
  const texts = [0, 1, 2, 3].map((i) => String(i).repeat(4e6));
  try {
    for (const [i, text] of texts.entries()) await writeAll(conn, w.invoke(i, text));
    await new Promise((r) => setTimeout(r, 300));
    const seen = await readResponses(conn, texts.length);
    assert.deepEqual(seen.map((r) => r.seq).sort(), [0, 1, 2, 3]);
    for (const r of seen) {
      assert.ok(r.payload === JSON.stringify(texts[r.seq]), `reply ${r.seq} holds its own bytes`);
    }
  } finally {
    w.free();
    conn.close();
  }
  assert.deepEqual(s.logs, []);
});

Deno.test("function: a request in the connection's reused buffer gets its result encoded over it, and gives it back once", async () => {
  const buf = new Uint8Array(200_000);
  const events = (text: string) => {
    const bytes = new TextEncoder().encode(JSON.stringify(text));
    buf.set(bytes);
    return buf.subarray(0, bytes.length);
  };
  const request = (payload: Uint8Array) => ({
    Payload: payload,
    Deadline: { Seconds: Math.floor(Date.now() / 1000) + 60, Nanos: 0 },
    RequestId: "r",
    XAmznTraceId: "",
    InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
    CognitoIdentityId: "",
    CognitoIdentityPoolId: "",
    ClientContext: new Uint8Array(0),
  });
  const run = async (
    handler: (e: string) => unknown,
    payload: Uint8Array,
    raw = false,
  ) => {
    let released = 0, claims = 0;
    const buffer = {
      claim: (view: Uint8Array) => {
        if (view.buffer !== buf.buffer) return undefined;
        claims++;
        return buf;
      },
      release: () => void released++,
    };
    const call = functionService(handler, { raw })["Function.Invoke"].call;
    const reply = await new Promise<{ Payload: Uint8Array; Error?: unknown }>((resolve) =>
      call(request(payload), (r, _e, afterWrite) => {
        resolve(r as { Payload: Uint8Array });
        queueMicrotask(() => afterWrite?.());
      }, buffer)
    );
    await new Promise((r) => setTimeout(r, 0));
    return { reply, released, claims };
  };
  const text = "x".repeat(100_000);
  // Sync and async: the result is encoded into the request's buffer, released after the write.
  for (const h of [(e: string) => e + "!", async (e: string) => await e + "!"]) {
    const { reply, released, claims } = await run(h, events(text));
    assert.equal(claims, 1);
    assert.equal(reply.Payload.buffer, buf.buffer, "encoded over the request");
    assert.equal(new TextDecoder().decode(reply.Payload), JSON.stringify(text + "!"));
    assert.equal(released, 1);
  }
  // A handler error gives the buffer back too.
  const failed = await run(() => {
    throw new Error("no");
  }, events(text));
  assert.deepEqual([failed.claims, failed.released], [1, 1]);
  assert.ok(failed.reply.Error !== undefined);
  // A request elsewhere claims nothing, and so gives nothing back (another call may hold it).
  const elsewhere = await run((e: string) => e, new TextEncoder().encode(JSON.stringify(text)));
  assert.deepEqual([elsewhere.claims, elsewhere.released], [0, 0]);
  assert.notEqual(elsewhere.reply.Payload.buffer, buf.buffer);
  // A failure of the runtime itself (here: a request without its deadline) gives it back too.
  {
    let released = 0;
    const buffer = {
      claim: (view: Uint8Array) => view.buffer === buf.buffer ? buf : undefined,
      release: () => void released++,
    };
    const call = functionService((e: string) => e)["Function.Invoke"].call;
    const bad = { ...request(events(text)), Deadline: undefined } as unknown as ReturnType<
      typeof request
    >;
    assert.throws(() => call(bad, () => {}, buffer), TypeError);
    assert.equal(released, 1);
  }
  // Raw handlers keep their payload: they never claim it.
  const raw = await run((e) => e, events(text), true);
  assert.deepEqual([raw.claims, raw.released], [0, 0]);
});
