// The Runtime API loop with `concurrency` N: N invocations in flight at once, each with its own
// Context, invoke store and logger request id.
import assert from "node:assert/strict";
import { Context } from "../server/core/mod.ts";
import { INVOKE_STORE_KEYS } from "../server/runtime_api/mod.ts";
import { text, withLoop } from "./runtime_api_with_loop.ts";

Deno.test("concurrency N: N invocations in flight at once, each with its own Context and store", async () => {
  const n = 4;
  let inFlight = 0;
  let peak = 0;
  let release: () => void = () => {};
  const allIn = new Promise<void>((r) => release = r);
  const store = () =>
    (globalThis as {
      awslambda?: { InvokeStore?: { getRequestId(): string; get(k: symbol): unknown } };
    })
      .awslambda?.InvokeStore;
  await withLoop(async (event: { i: number }, ctx: Context) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    if (inFlight === n) release();
    await allIn;
    await new Promise((r) => setTimeout(r, event.i));
    inFlight--;
    return {
      i: event.i,
      ctx: Context.current().requestId === ctx.requestId,
      store: store()?.getRequestId(),
      tenant: store()?.get(INVOKE_STORE_KEYS.TENANT_ID),
    };
  }, async (server) => {
    await server.whenWaiting(n);
    const outcomes = await Promise.all(
      Array.from(
        { length: n },
        (_, i) =>
          server.invoke({ requestId: `c${i}`, payload: JSON.stringify({ i }), tenantId: `t${i}` }),
      ),
    );
    assert.equal(peak, n);
    for (const [i, o] of outcomes.entries()) {
      assert.equal(o.type, "response");
      if (o.type !== "response") continue;
      assert.deepEqual(JSON.parse(text(o.payload)), {
        i,
        ctx: true,
        store: `c${i}`,
        tenant: `t${i}`,
      });
    }
  }, { concurrency: n });
});

Deno.test("concurrency: each logger record carries its own invocation's request id", async () => {
  const { Logger } = await import("../server/log/mod.ts");
  const lines: string[] = [];
  const log = new Logger();
  log.init({ format: "JSON", write: (line) => void lines.push(line), patchConsole: false });
  let inFlight = 0;
  let release: () => void = () => {};
  const together = new Promise<void>((r) => release = r);
  await withLoop(async (event: { i: number }) => {
    if (++inFlight === 3) release();
    await together;
    await new Promise((r) => setTimeout(r, 3 - event.i));
    log.info(`message ${event.i}`);
    return null;
  }, async (server) => {
    await server.whenWaiting(3);
    await Promise.all(
      [0, 1, 2].map((i) => server.invoke({ requestId: `L${i}`, payload: `{"i":${i}}` })),
    );
  }, { concurrency: 3 });
  const records = lines.map((l) => JSON.parse(l) as { requestId: string; message: string });
  assert.deepEqual(
    records.map((r) => [r.requestId, r.message]).sort(),
    [["L0", "message 0"], ["L1", "message 1"], ["L2", "message 2"]],
  );
});
