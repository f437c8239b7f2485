// Run with --v8-flags=--expose-gc: 60 invocations of an asynchronous handler, each returning its
// 1 MB event; prints the heap in use (MiB, after a full GC) after the 10th and after the 60th.
import { invoke } from "../../server/core/mod.ts";
import { blankEnvironment } from "./blank_environment.ts";

const gc = (globalThis as unknown as { gc: () => void }).gc;
const event = new TextEncoder().encode(JSON.stringify({ data: "x".repeat(1 << 20) }));
const environment = blankEnvironment;
const heap: number[] = [];
for (let i = 1; i <= 60; i++) {
  const r = await invoke(async (e: unknown) => {
    await null;
    return e;
  }, {
    requestId: `r${i}`,
    invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:f",
    deadlineMs: Date.now() + 60_000,
    payload: event.slice(),
    payloadOwned: true,
  }, { environment });
  if (!r.ok) throw new Error(r.error.message);
  if (i === 10 || i === 60) {
    gc();
    heap.push(Deno.memoryUsage().heapUsed / 2 ** 20);
  }
}
console.log(JSON.stringify(heap));
