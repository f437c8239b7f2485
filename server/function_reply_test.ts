/**
 * The go1.x service's reused reply buffer: large results of pipelined invocations, finishing in
 * any order, each reach their caller intact.
 */
import assert from "node:assert/strict";
import { functionService } from "./function.ts";
import { RpcServer } from "./rpc.ts";
import { GoClient } from "../emulator/go_client.ts";

Deno.test("function: large JSON results of pipelined, out-of-order invocations stay intact", async () => {
  const server = new RpcServer(
    Deno.listen({ hostname: "127.0.0.1", port: 0 }),
    functionService(async (e: { i: number; sync: boolean }) => {
      if (!e.sync) await new Promise((r) => setTimeout(r, (e.i * 7) % 5));
      // 20–60 KB, above the reuse threshold; distinct per call; non-ASCII to exercise UTF-8
      return { i: e.i, text: `ƛ${e.i}-`.repeat(5000 + e.i * 200) };
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
      assert.deepEqual(got, { i, text: `ƛ${i}-`.repeat(5000 + i * 200) });
    }
  } finally {
    client.close();
    server.close();
    await server.finished;
  }
});
