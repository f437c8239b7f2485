// AWS's own @aws/lambda-invoke-store (what Powertools for TypeScript and the AWS SDK read) sees
// our per-invocation request id, trace id and tenant id, also with concurrent invocations.
import assert from "node:assert/strict";
import { InvokeStore } from "@aws/lambda-invoke-store";
import { RuntimeApiServer } from "../emulator/mod.ts";
import { runRuntimeApi } from "../server/runtime_api/mod.ts";

Deno.test("@aws/lambda-invoke-store reads each invocation's ids from our store", async () => {
  const server = await RuntimeApiServer.start();
  const stop = new AbortController();
  let inFlight = 0;
  let release: () => void = () => {};
  const both = new Promise<void>((r) => release = r);
  const loop = runRuntimeApi(async () => {
    if (++inFlight === 2) release();
    await both; // both invocations are in flight before either reads the store
    const store = await InvokeStore.getInstanceAsync();
    await new Promise((r) => setTimeout(r, 5));
    return {
      requestId: store.getRequestId(),
      traceId: store.getXRayTraceId(),
      tenantId: store.getTenantId(),
    };
  }, {
    address: server.address,
    signal: stop.signal,
    handleSignals: false,
    setTraceEnv: false,
    concurrency: 2,
  });
  try {
    await server.whenWaiting(2);
    const outcomes = await Promise.all(
      ["a", "b"].map((id) =>
        server.invoke({ requestId: `req-${id}`, traceId: `Root=1-${id}`, tenantId: `tenant-${id}` })
      ),
    );
    const got = outcomes.map((o) =>
      o.type === "response" ? JSON.parse(new TextDecoder().decode(o.payload)) : o
    );
    assert.deepEqual(got, [
      { requestId: "req-a", traceId: "Root=1-a", tenantId: "tenant-a" },
      { requestId: "req-b", traceId: "Root=1-b", tenantId: "tenant-b" },
    ]);
    const g = globalThis as unknown as { awslambda: { InvokeStore: unknown } };
    assert.equal(await InvokeStore.getInstanceAsync(), g.awslambda.InvokeStore);
  } finally {
    stop.abort();
    await loop;
    await server.close();
  }
});
