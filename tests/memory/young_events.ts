// Run with --v8-flags=--expose-gc: 30 invocations each of a synchronous and an asynchronous echo
// handler on 4 MB string events, each followed by a young-generation collection; prints the most
// heap in use (MiB) after those collections, above the heap in use before the first invocation.
// An event that nothing references after its invocation dies in the next young collection; one
// that something still reaches (even weakly, as V8's call feedback reaches the closures it saw)
// is promoted instead.
import { type Handler, invokeNow, ReplyBuffer } from "../../server/core/mod.ts";
import { blankEnvironment } from "./blank_environment.ts";

const gc = (globalThis as unknown as { gc: (o?: { type: string }) => void }).gc;
const event = new TextEncoder().encode(JSON.stringify({ data: "y".repeat(4 << 20) }));
const replies = new ReplyBuffer();
const options = {
  environment: blankEnvironment,
  setTraceEnv: false,
  serialize: replies.encode.bind(replies),
};
const handlers: Handler[] = [(e) => e, async (e) => await e];
gc();
const base = Deno.memoryUsage().heapUsed;
let most = 0;
for (const handler of handlers) {
  for (let i = 1; i <= 30; i++) {
    const r = await invokeNow(handler, {
      requestId: `r${i}`,
      invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:f",
      deadlineMs: Date.now() + 60_000,
      payload: event,
    }, options);
    if (!r.ok) throw new Error("the echo failed");
    replies.release(r.payload);
    gc({ type: "minor" });
    most = Math.max(most, Deno.memoryUsage().heapUsed - base);
  }
}
console.log(JSON.stringify(most / 2 ** 20));
