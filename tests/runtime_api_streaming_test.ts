// The Runtime API loop streaming a ReadableStream result: chunk by chunk as the stream yields, and
// an error mid-stream reported in the trailers.
import assert from "node:assert/strict";
import { text, withLoop } from "./runtime_api_with_loop.ts";

Deno.test("streaming: a ReadableStream result is streamed chunk by chunk", async () => {
  let arrived: () => void = () => {};
  const firstArrived = new Promise<void>((r) => arrived = r);
  await withLoop(() => {
    let step = 0;
    const stream = new ReadableStream<string | Uint8Array>({
      async pull(c) {
        if (step === 0) c.enqueue("first,");
        else if (step === 1) {
          await firstArrived; // the service has the first chunk before the second exists
          c.enqueue(new TextEncoder().encode("second"));
        } else c.close();
        step++;
      },
    });
    return Object.assign(stream, { contentType: "text/plain" });
  }, async (server) => {
    const o = await server.invoke({ requestId: "s1" });
    assert.equal(o.type, "response");
    if (o.type !== "response") return;
    assert.equal(o.streaming, true);
    assert.equal(o.contentType, "text/plain");
    assert.equal(text(o.payload), "first,second");
    assert.equal(o.streamError, undefined);
  }, { server: { onResponseChunk: () => arrived() } });
});

Deno.test("streaming: an error mid-stream goes in the trailers", async () => {
  await withLoop(() =>
    new ReadableStream({
      start(c) {
        c.enqueue("partial");
      },
      pull(c) {
        if (c.desiredSize !== null && c.desiredSize > 0) {
          throw new RangeError("source went away");
        }
      },
    }), async (server) => {
    const o = await server.invoke();
    assert.equal(o.type, "response");
    if (o.type !== "response") return;
    assert.equal(text(o.payload), "partial");
    assert.equal(o.streamError?.errorTypeHeader, "Runtime.Unknown"); // the category Lambda records
    const body = o.streamError?.body as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, "RangeError");
    assert.equal(body.errorMessage, "source went away");
  });
});
