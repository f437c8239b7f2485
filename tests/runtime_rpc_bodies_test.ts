/**
 * The go1.x server with bodies of the wrong type, over real sockets: a reply whose body cannot be
 * encoded, and arguments that decode to the wrong type, answered with rpc errors as Go's
 * `net/rpc` server answers them, the connection reading on.
 */
import assert from "node:assert/strict";
import {
  InvokeRequest,
  InvokeResponse,
  PingRequest,
  PingResponse,
  RpcRequest,
  RpcServer,
} from "../server/go1x/mod.ts";
import {
  connect,
  readResponses,
  request,
  type Seen,
  serve as serveWith,
  skipGo,
  skipGoNote,
  startLambdaServer,
  writeAll,
} from "./support/mod.ts";
import { gob, GobEncoder } from "../codec-as/mod.ts";
import { GoClient } from "../emulator/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

Deno.test("rpc: a reply whose body cannot be encoded leaves no half-written header behind", async () => {
  // The first reply on a connection carries the header's type definitions: when its body fails,
  // they must go out again with the rpc error, and the stream must stay readable after it.
  const logs: string[] = [];
  const server = new RpcServer(Deno.listen({ hostname: "127.0.0.1", port: 0 }), {
    "Function.Ping": { args: PingRequest, reply: PingResponse, call: (_a, done) => done({}) },
    "Function.Invoke": {
      args: InvokeRequest,
      reply: InvokeResponse,
      call: (req, done) =>
        done({
          Payload: req.RequestId === "bad" ? "not bytes" as unknown as Uint8Array : enc.encode("1"),
          Error: undefined,
        }),
    },
  }, { log: (m) => logs.push(m) });
  const client = await GoClient.connect(server.addr.port);
  try {
    const bad = await client.invoke({ RequestId: "bad", Payload: enc.encode("{}") });
    assert.match(bad.error, /^rpc: cannot encode the reply to Function\.Invoke: .*TypeError/);
    assert.equal(bad.reply, undefined);
    const good = await client.invoke({ RequestId: "good", Payload: enc.encode("{}") });
    assert.equal(good.error, "");
    assert.equal(dec.decode(good.reply?.Payload), "1");
    assert.equal((await client.ping()).error, "");
    assert.equal(logs.length, 1);
  } finally {
    client.close();
    server.close();
    await server.finished;
  }
});

/**
 * Four pipelined calls whose 1st and 3rd bodies are whole gob values of the wrong type (a struct
 * whose Payload is an int; a bare int for Ping), sent to a server; its answers in Seq order.
 */
async function wrongBodies(port: number): Promise<Seen[]> {
  const enc = new GobEncoder();
  const good = request({ Payload: new TextEncoder().encode('{"a":1}') });
  enc.encode(RpcRequest, { ServiceMethod: "Function.Invoke", Seq: 1 });
  enc.encode(gob.struct("main.Bad", { Payload: gob.int }), { Payload: 5 });
  enc.encode(RpcRequest, { ServiceMethod: "Function.Invoke", Seq: 2 });
  enc.encode(InvokeRequest, good);
  enc.encode(RpcRequest, { ServiceMethod: "Function.Ping", Seq: 3 });
  enc.encode(gob.int, 7);
  enc.encode(RpcRequest, { ServiceMethod: "Function.Invoke", Seq: 4 });
  enc.encode(InvokeRequest, good);
  const conn = await connect(port);
  try {
    await writeAll(conn, enc.take());
    return (await readResponses(conn, 4)).sort((a, b) => a.seq - b.seq);
  } finally {
    enc.free();
    conn.close();
  }
}

function checkWrongBodies(seen: Seen[], error: RegExp): void {
  assert.deepEqual(seen.map((r) => r.seq), [1, 2, 3, 4]);
  assert.match(seen[0].error, error);
  assert.match(seen[2].error, error);
  assert.equal(seen[1].payload, '{"a":1}');
  assert.equal(seen[3].payload, '{"a":1}');
}

Deno.test("rpc: a body of the wrong type gets an rpc error and the connection reads on", async () => {
  await using s = serveWith((e: unknown) => e);
  const seen = await wrongBodies(s.port);
  checkWrongBodies(
    seen,
    /^gob: type mismatch/,
  );
  assert.deepEqual(s.logs, []);
});

Deno.test({
  name: "rpc: Go's net/rpc server answers bodies of the wrong type the same way" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const go = await startLambdaServer("raw");
    try {
      checkWrongBodies(await wrongBodies(go.port), /^gob: /);
    } finally {
      await go.stop();
    }
  },
});
