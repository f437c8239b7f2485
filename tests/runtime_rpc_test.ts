/**
 * The go1.x server over real sockets (port 0, in process), with our own gob client: Ping, Invoke,
 * context fields, errors, and faults — unknown methods, garbage, oversized messages, clients that
 * vanish mid-message, and 1,000 pipelined calls over several connections. Bodies of the wrong type
 * (in either direction) are in runtime_rpc_bodies_test.ts.
 */
import assert from "node:assert/strict";
import { Context, type Handler } from "../server/core/mod.ts";
import { PingRequest, PingResponse, type RpcServerOptions } from "../server/go1x/mod.ts";
import { deadline, serve as serveWith } from "./support/mod.ts";
import { GoClient } from "../emulator/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The shared in-process server, with this file's function facts and `_X_AMZN_TRACE_ID` set. */
// deno-lint-ignore no-explicit-any
function serve(handler: Handler<any>, options: RpcServerOptions = {}) {
  return serveWith(handler, {
    ...options,
    service: {
      setTraceEnv: true,
      environment: {
        functionName: "fn",
        functionVersion: "7",
        memoryLimitInMB: 256,
        logGroupName: "g",
        logStreamName: "s",
      },
    },
  });
}

Deno.test("rpc: Ping, then Invoke with every InvokeRequest field reaching the Context", async () => {
  let seen: Context | undefined;
  await using s = serve((event: { name: string }, ctx: Context) => {
    seen = ctx;
    return { greeting: `Hello ${event.name}!`, trace: Deno.env.get("_X_AMZN_TRACE_ID") };
  });
  const client = await GoClient.connect(s.port);
  try {
    const pong = await client.ping();
    assert.deepEqual([pong.error, pong.reply, pong.seq], ["", {}, 0]);
    const d = deadline(5000);
    const r = await client.invoke({
      Payload: enc.encode('{"name":"ƛ"}'),
      RequestId: "req-1",
      XAmznTraceId: "Root=1-abc;Sampled=1",
      Deadline: d,
      InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn",
      CognitoIdentityId: "cid",
      CognitoIdentityPoolId: "cpool",
      ClientContext: enc.encode('{"client":{"app_title":"t"},"custom":{"k":"v"},"env":{"e":"1"}}'),
    });
    assert.equal(r.error, "");
    assert.equal(r.seq, 1);
    assert.equal(r.reply?.Error, undefined);
    assert.deepEqual(JSON.parse(dec.decode(r.reply?.Payload)), {
      greeting: "Hello ƛ!",
      trace: "Root=1-abc;Sampled=1",
    });
    assert.ok(seen);
    assert.equal(seen.requestId, "req-1");
    assert.equal(seen.invokedFunctionArn, "arn:aws:lambda:us-east-1:123456789012:function:fn");
    assert.equal(seen.deadlineMs, d.Seconds * 1000 + d.Nanos / 1e6);
    assert.equal(seen.traceId, "Root=1-abc;Sampled=1");
    assert.deepEqual(seen.identity, { cognitoIdentityId: "cid", cognitoIdentityPoolId: "cpool" });
    assert.equal(seen.clientContext?.client.appTitle, "t");
    assert.deepEqual({ ...seen.clientContext?.custom }, { k: "v" });
    assert.equal(seen.functionVersion, "7");
  } finally {
    client.close();
  }
});

Deno.test("rpc: an Invoke with every field absent still runs (zero values)", async () => {
  let seen: Context | undefined;
  await using s = serve((_e: unknown, ctx: Context) => {
    seen = ctx;
    return null;
  });
  const client = await GoClient.connect(s.port);
  try {
    const r = await client.invoke({ Payload: enc.encode("{}") });
    assert.equal(dec.decode(r.reply?.Payload), "null");
    assert.equal(seen?.requestId, "");
    assert.equal(seen?.identity, undefined);
    assert.equal(seen?.clientContext, undefined);
    assert.equal(seen?.signal.aborted, true); // a zero deadline has passed
  } finally {
    client.close();
  }
});

Deno.test("rpc: handler errors become InvokeResponse.Error with frames; bad JSON is an invocation error", async () => {
  class Declined extends Error {}
  await using s = serve((e: { fail?: boolean }) => {
    if (e.fail) throw new Declined("no");
    return 1;
  });
  const client = await GoClient.connect(s.port);
  try {
    const r = await client.invoke({ Payload: enc.encode('{"fail":true}') });
    assert.equal(r.error, "");
    const err = r.reply?.Error;
    assert.equal(err?.Type, "Declined");
    assert.equal(err?.Message, "no");
    assert.equal(err?.ShouldExit, false);
    assert.ok(err?.StackTrace.some((f) => f?.Path.endsWith("runtime_rpc_test.ts") && f.Line > 0));
    assert.equal(r.reply?.Payload.length, 0);
    const bad = await client.invoke({ Payload: enc.encode("{oops") });
    assert.equal(bad.reply?.Error?.Type, "Runtime.UnmarshalError");
    const ok = await client.invoke({ Payload: enc.encode("{}") });
    assert.equal(dec.decode(ok.reply?.Payload), "1");
  } finally {
    client.close();
  }
  assert.deepEqual(s.logs, []);
});

Deno.test("rpc: unknown methods get Go's rpc errors and the connection stays up", async () => {
  await using s = serve(() => "up");
  const client = await GoClient.connect(s.port);
  try {
    const m = await client.call("Function.Nope", PingRequest, {}, PingResponse);
    assert.equal(m.error, "rpc: can't find method Function.Nope");
    const sv = await client.call("Other.Ping", PingRequest, {}, PingResponse);
    assert.equal(sv.error, "rpc: can't find service Other.Ping");
    const ill = await client.call("NoDot", PingRequest, {}, PingResponse);
    assert.equal(ill.error, "rpc: service/method request ill-formed: NoDot");
    const r = await client.invoke({ Payload: enc.encode("{}") });
    assert.equal(dec.decode(r.reply?.Payload), '"up"');
    assert.deepEqual([m.seq, sv.seq, ill.seq, r.seq], [0, 1, 2, 3]);
  } finally {
    client.close();
  }
});

async function readToEnd(conn: Deno.Conn): Promise<number> {
  const buf = new Uint8Array(1024);
  let total = 0;
  for (;;) {
    const n = await conn.read(buf).catch(() => null);
    if (n === null) return total;
    total += n;
  }
}

Deno.test("rpc: garbage bytes close only that connection, with a logged reason", async () => {
  await using s = serve(() => "still serving");
  const good = await GoClient.connect(s.port);
  const bad = await Deno.connect({ hostname: "127.0.0.1", port: s.port });
  try {
    await bad.write(new Uint8Array([0x05, 0xff, 0xff, 0xff, 0xff, 0xff, 0x13, 0x37, 0x00, 0x42]));
    assert.equal(await readToEnd(bad), 0); // closed without a reply
    assert.equal(s.logs.length, 1);
    assert.match(s.logs[0], /^closing connection from 127\.0\.0\.1:\d+: /);
    const r = await good.invoke({ Payload: enc.encode("{}") });
    assert.equal(dec.decode(r.reply?.Payload), '"still serving"');
  } finally {
    bad.close();
    good.close();
  }
});

Deno.test("rpc: an oversized message closes that connection with a logged reason", async () => {
  await using s = serve(() => "small", { limits: { maxMessageBytes: 1024 } });
  const big = await GoClient.connect(s.port);
  const small = await GoClient.connect(s.port);
  try {
    await assert.rejects(big.invoke({ Payload: new Uint8Array(4096).fill(0x20) }));
    assert.equal(s.logs.length, 1);
    assert.match(s.logs[0], /closing connection/);
    const r = await small.invoke({ Payload: enc.encode("{}") });
    assert.equal(dec.decode(r.reply?.Payload), '"small"');
  } finally {
    big.close();
    small.close();
  }
});

Deno.test("rpc: a reply over the limit answers that call with an rpc error; the connection goes on", async () => {
  await using s = serve((e: { n: number }) => "x".repeat(e.n), {
    limits: { maxMessageBytes: 1024 },
  });
  const client = await GoClient.connect(s.port);
  try {
    const big = await client.invoke({ Payload: enc.encode('{"n":4096}') });
    assert.match(big.error, /^rpc: cannot encode the reply to Function\.Invoke: /);
    assert.equal(big.reply, undefined);
    assert.equal(s.logs.length, 1);
    const next = await client.invoke({ Payload: enc.encode('{"n":3}') });
    assert.equal(next.error, "");
    assert.equal(dec.decode(next.reply?.Payload), '"xxx"');
  } finally {
    client.close();
  }
});

Deno.test("rpc: a client that disconnects mid-message leaves the server serving", async () => {
  await using s = serve(() => "fine");
  // A complete request from our client, cut in the middle.
  const probe = await GoClient.connect(s.port);
  const whole = await probe.invoke({ Payload: enc.encode('{"some":"payload"}') });
  assert.equal(dec.decode(whole.reply?.Payload), '"fine"');
  probe.close();
  const raw = await Deno.connect({ hostname: "127.0.0.1", port: s.port });
  // The first bytes of a gob stream: a type definition message announced as 60 bytes, cut short.
  await raw.write(new Uint8Array([60, 0xff, 0x81, 0x03, 0x01, 0x01, 0x07]));
  raw.close();
  const next = await GoClient.connect(s.port);
  try {
    const r = await next.invoke({ Payload: enc.encode("{}") });
    assert.equal(dec.decode(r.reply?.Payload), '"fine"');
  } finally {
    next.close();
  }
});

Deno.test("rpc: 1,000 pipelined calls over 4 connections are each answered once with the right Seq", async () => {
  await using s = serve(async (e: { n: number }) => {
    // Finish out of order.
    await new Promise((resolve) => setTimeout(resolve, (e.n * 7) % 5));
    return { n: e.n, rid: Context.current().requestId };
  });
  const clients = await Promise.all([0, 1, 2, 3].map(() => GoClient.connect(s.port)));
  try {
    const calls = [];
    for (let i = 0; i < 1000; i++) {
      const client = clients[i % 4];
      calls.push(
        client.invoke({ Payload: enc.encode(JSON.stringify({ n: i })), RequestId: `r${i}` }).then((
          r,
        ) => ({ i, r })),
      );
    }
    const results = await Promise.all(calls);
    for (const { i, r } of results) {
      assert.equal(r.error, "");
      assert.equal(r.seq, Math.floor(i / 4));
      assert.deepEqual(JSON.parse(dec.decode(r.reply?.Payload)), { n: i, rid: `r${i}` });
    }
  } finally {
    for (const c of clients) c.close();
  }
  assert.deepEqual(s.logs, []);
});
