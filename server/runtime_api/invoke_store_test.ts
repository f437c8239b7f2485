import assert from "node:assert/strict";
import { INVOKE_STORE_KEYS, InvokeStore } from "./invoke_store.ts";

Deno.test("InvokeStore: values live inside run() only, across awaits", async () => {
  const store = new InvokeStore();
  assert.equal(store.hasContext(), false);
  assert.equal(store.getRequestId(), "-");
  assert.throws(() => store.set("k", 1), /No context available/);
  await store.run(
    { [INVOKE_STORE_KEYS.REQUEST_ID]: "r1", [INVOKE_STORE_KEYS.TENANT_ID]: "t" },
    async () => {
      await new Promise((r) => setTimeout(r, 1));
      assert.equal(store.hasContext(), true);
      assert.equal(store.getRequestId(), "r1");
      assert.equal(store.getTenantId(), "t");
      assert.equal(store.getXRayTraceId(), undefined);
      store.set("k", 1);
      assert.equal(store.get("k"), 1);
    },
  );
  assert.equal(store.get("k"), undefined);
});

Deno.test("InvokeStore: protected keys are refused, the initial entries are copied", () => {
  const store = new InvokeStore();
  const initial = { [INVOKE_STORE_KEYS.REQUEST_ID]: "r" };
  store.run(initial, () => {
    for (const key of Object.values(INVOKE_STORE_KEYS)) {
      assert.equal(store.isProtectedKey(key), true);
      assert.throws(() => store.set(key, "x"), /protected/);
    }
    store.set("extra", true);
  });
  assert.deepEqual(Object.keys(initial), []);
  assert.equal(store.isProtectedKey(Symbol("_AWS_LAMBDA_REQUEST_ID")), false);
  assert.equal(INVOKE_STORE_KEYS.REQUEST_ID, Symbol.for("_AWS_LAMBDA_REQUEST_ID"));
});

Deno.test("InvokeStore: concurrent runs do not see each other", async () => {
  const store = new InvokeStore();
  const seen = await Promise.all(
    ["a", "b", "c"].map((id, i) =>
      store.run({ [INVOKE_STORE_KEYS.REQUEST_ID]: id }, async () => {
        await new Promise((r) => setTimeout(r, 3 - i));
        return store.getRequestId();
      })
    ),
  );
  assert.deepEqual(seen, ["a", "b", "c"]);
});

Deno.test("InvokeStore: runWith(context, fn, a, b) is run() of fn(a, b)", async () => {
  const store = new InvokeStore();
  const got = await store.runWith(
    { [INVOKE_STORE_KEYS.REQUEST_ID]: "r-with" },
    async (a: number, b: string) => {
      await null;
      return `${a}${b}:${store.getRequestId()}`;
    },
    4,
    "2",
  );
  assert.equal(got, "42:r-with");
  assert.equal(store.hasContext(), false);
});
