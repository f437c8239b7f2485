// 40,000 invocations of a synchronous echo handler on 1 KB events; prints V8's committed heap
// (MiB) after the first 2,000 and after all of them. Their garbage dies young, so the young
// generation keeps its size; objects that keep surviving scavenges (as every invocation's
// Context did, kept by the async-context store) make V8 grow it, up to 16 MiB per semi-space.
import { invokeNow, ReplyBuffer } from "../../server/core/mod.ts";
import { blankEnvironment } from "./blank_environment.ts";

const event = new TextEncoder().encode(JSON.stringify({ data: "q".repeat(1000) }));
const replies = new ReplyBuffer();
const options = {
  environment: blankEnvironment,
  setTraceEnv: false,
  serialize: replies.encode.bind(replies),
};
const committed: number[] = [];
for (let i = 1; i <= 40_000; i++) {
  const r = invokeNow((e: unknown) => e, {
    requestId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:f",
    deadlineMs: Date.now() + 60_000,
    payload: event,
  }, options);
  if (r instanceof Promise || !r.ok) throw new Error("the echo failed");
  replies.release(r.payload);
  if (i === 2_000 || i === 40_000) committed.push(Deno.memoryUsage().heapTotal / 2 ** 20);
}
console.log(JSON.stringify(committed));
