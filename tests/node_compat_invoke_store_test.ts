// globalThis.awslambda.InvokeStore without a run per invocation (how go1.x gets it): answers come
// from the invocation's Context, custom keys stay with their invocation.
import assert from "node:assert/strict";
import { InvokeStore as LibraryStore } from "@aws/lambda-invoke-store";
import { invoke } from "../server/core/mod.ts";
import { withInvokeStore } from "../server/runtime_api/mod.ts";

const input = (requestId: string, extra: Record<string, string> = {}) => ({
  requestId,
  invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
  deadlineMs: Date.now() + 3000,
  payload: new TextEncoder().encode("{}"),
  ...extra,
});

Deno.test("InvokeStore from the Context: protected keys, custom keys per invocation", async () => {
  const handler = withInvokeStore(async () => {
    const store = await LibraryStore.getInstanceAsync();
    const before = store.get("mine") ?? null;
    store.set("mine", store.getRequestId());
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.throws(() => store.set(Symbol.for("_AWS_LAMBDA_REQUEST_ID"), "x"), /protected/);
    return [before, store.get("mine"), store.getXRayTraceId() ?? null, store.getTenantId() ?? null];
  });
  const results = await Promise.all([
    invoke(handler, input("r-a", { traceId: "Root=1-a;Sampled=0" })),
    invoke(handler, input("r-b", { tenantId: "t-b" })),
  ]);
  assert.deepEqual(
    results.map((r) => r.ok ? JSON.parse(new TextDecoder().decode(r.payload)) : r.error),
    [[null, "r-a", "Root=1-a;Sampled=0", null], [null, "r-b", null, "t-b"]],
  );
  const store = await LibraryStore.getInstanceAsync();
  assert.equal(store.getRequestId(), "-"); // outside any invocation
  assert.equal(store.hasContext(), false);
});
