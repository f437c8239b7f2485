import { strictEqual, throws } from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { type AsyncStore, asyncStore, asyncStoreKind, nodeAsyncStore } from "./async_store.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const kinds: [string, <T>() => Promise<AsyncStore<T>>][] = [
  ["asyncStore", <T>() => Promise.resolve(asyncStore<T>())],
  ["nodeAsyncStore", nodeAsyncStore],
];

for (const [name, make] of kinds) {
  Deno.test(`${name}: undefined outside run, the value inside, restored after return and throw`, async () => {
    const s = await make<string>();
    strictEqual(s.get(), undefined);
    strictEqual(s.run("a", () => s.get()), "a");
    strictEqual(s.get(), undefined);
    throws(() =>
      s.run("b", () => {
        throw new RangeError("boom");
      }), RangeError);
    strictEqual(s.get(), undefined);
  });

  Deno.test(`${name}: follows awaits, timers, microtasks and promise chains`, async () => {
    const s = await make<number>();
    const seen: (number | undefined)[] = [];
    await s.run(7, async () => {
      await sleep(1);
      seen.push(s.get());
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          seen.push(s.get());
          resolve();
        }, 1)
      );
      await new Promise<void>((resolve) =>
        queueMicrotask(() => {
          seen.push(s.get());
          resolve();
        })
      );
      await Promise.resolve().then(() => seen.push(s.get()));
    });
    strictEqual(seen.join(","), "7,7,7,7");
    strictEqual(s.get(), undefined);
  });

  Deno.test(`${name}: nested runs, and interleaved flows keep their own values`, async () => {
    const s = await make<string>();
    s.run("outer", () => {
      s.run("inner", () => strictEqual(s.get(), "inner"));
      strictEqual(s.get(), "outer");
    });
    const flow = (id: string, delays: number[]) =>
      s.run(id, async () => {
        const got: (string | undefined)[] = [];
        for (const d of delays) {
          await sleep(d);
          got.push(s.get());
        }
        return got.join(",");
      });
    const [a, b] = await Promise.all([flow("a", [3, 1, 2]), flow("b", [1, 3, 1])]);
    strictEqual(a, "a,a,a");
    strictEqual(b, "b,b,b");
  });

  Deno.test(`${name}: independent of other stores and of node's AsyncLocalStorage`, async () => {
    const s = await make<string>();
    const t = await make<string>();
    const als = new AsyncLocalStorage<string>();
    await als.run("als", () =>
      s.run("s", async () => {
        await sleep(1);
        strictEqual(t.get(), undefined);
        await t.run("t", async () => {
          await sleep(1);
          strictEqual(s.get(), "s");
          strictEqual(t.get(), "t");
          strictEqual(als.getStore(), "als");
        });
        strictEqual(t.get(), undefined);
        strictEqual(s.get(), "s");
      }));
    strictEqual(s.get(), undefined);
    strictEqual(als.getStore(), undefined);
  });
}

Deno.test("asyncStore uses Deno's own async-context variable (the Node layer stays unloaded)", () => {
  // A canary for Deno upgrades: if Deno's internals change, the fallback keeps everything working
  // but start-up pays for node:async_hooks again (see the module's notes).
  strictEqual(asyncStoreKind, "deno-core");
});
