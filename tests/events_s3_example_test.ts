// An S3 handler written the way the README shows it: typed with S3Event<"empty">, given its
// decoder per handler; it type-checks (deno test checks this file) and runs on an event.

import assert from "node:assert/strict";
import { decoders, type S3Event, urlDecodeS3Key } from "../events/mod.ts";
import { invoke } from "../server/core/mod.ts";
import { handler as summary } from "../examples/s3_summary.ts";

/** Lists `bucket/key (size)` for each record; keys are URL-decoded as S3 sends them encoded. */
function handler(event: S3Event<"empty">): string[] {
  return (event.Records ?? []).map((r) => {
    const bucket: string = r.s3?.bucket?.name ?? "";
    const key: string = urlDecodeS3Key(r.s3?.object?.key ?? "");
    return `${bucket}/${key} (${r.s3?.object?.size ?? 0} bytes, ${r.eventName})`;
  });
}

Deno.test("S3 example handler: decoded with strategy empty through invoke()", async () => {
  const event = {
    Records: [
      {
        eventName: "ObjectCreated:Put",
        s3: { bucket: { name: "b1" }, object: { key: "a+b%21.txt", size: 12 } },
      },
      { eventName: null, s3: { bucket: { name: "b2" }, object: { key: "z" } } },
    ],
  };
  const result = await invoke(handler, {
    requestId: "req",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
    deadlineMs: Date.now() + 60_000,
    payload: new TextEncoder().encode(JSON.stringify(event)),
  }, { decode: decoders.empty.S3Event, setTraceEnv: false });
  assert.ok(result.ok);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(result.payload)), [
    "b1/a b!.txt (12 bytes, ObjectCreated:Put)",
    "b2/z (0 bytes, )",
  ]);
});

Deno.test("examples/s3_summary.ts type-checks with the generated S3Event and runs on its event", async () => {
  const json = JSON.parse(
    await Deno.readTextFile(new URL("../examples/events/s3_put.json", import.meta.url)),
  );
  const event = decoders.empty.S3Event(json);
  assert.equal(event.Records?.length, 2);
  assert.equal(
    summary(event),
    "2 records: ObjectCreated:Put photos/cat.jpg (1024 bytes) in my-bucket; " +
      "ObjectRemoved:Delete notes.txt (0 bytes) in my-bucket",
  );
});
