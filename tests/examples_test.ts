/**
 * The examples, called through the invoke core (no sockets) with `testing.invokeHandler`, as a
 * user's own unit tests would.
 */
import assert from "node:assert/strict";
import { testing } from "../mod.ts";
import { handler as hello } from "../examples/hello.ts";
import { decodeStringMap, handler as stringMap } from "../examples/string_map.ts";
import { handler as s3Summary } from "../examples/s3_summary.ts";
import { handler as contextArn } from "../examples/context.ts";
import { handler as logged } from "../examples/logger.ts";
import { handler as failing } from "../examples/error.ts";
import { decoders } from "../events/mod.ts";

const S3_SUMMARY = "2 records: ObjectCreated:Put photos/cat.jpg (1024 bytes) in my-bucket; " +
  "ObjectRemoved:Delete notes.txt (0 bytes) in my-bucket";

Deno.test("example hello returns Hello ƛ! whatever the event", async () => {
  assert.equal(await testing.invokeHandler(hello, {}), "Hello ƛ!");
  assert.equal(await testing.invokeHandler(hello, [1, "x"]), "Hello ƛ!");
});

Deno.test("example string_map lists the values; a non-string value is a TypeError", async () => {
  const r = await testing.invokeHandler(stringMap, { b: "2", a: "1" }, { decode: decodeStringMap });
  assert.equal(r, "the values are 1, 2");
  await assert.rejects(
    testing.invokeHandler(stringMap, { a: 1 }, { decode: decodeStringMap }),
    (e: testing.HandlerError) =>
      e.error.type === "TypeError" && e.error.message === "a: expected a string, got number",
  );
});

Deno.test("example s3_summary summarises the generated S3 event", async () => {
  const event = JSON.parse(
    await Deno.readTextFile(new URL("../examples/events/s3_put.json", import.meta.url)),
  );
  assert.equal(
    await testing.invokeHandler(s3Summary, event, { decode: decoders.empty.S3Event }),
    S3_SUMMARY,
  );
});

Deno.test("example context reads the ARN through Context.current()", async () => {
  const arn = "arn:aws:lambda:eu-west-1:111122223333:function:ctx:prod";
  assert.equal(
    await testing.invokeHandler(contextArn, {}, { context: { invokedFunctionArn: arn } }),
    arn,
  );
});

Deno.test("example logger logs records with the request id and returns logged", async () => {
  const lines: string[] = [];
  const { logger } = await import("../mod.ts");
  logger.init({ format: "Text", level: "INFO", write: (l) => lines.push(l) });
  try {
    const r = await testing.invokeHandler(logged, { x: 1 }, { context: { requestId: "req-log" } });
    assert.equal(r, "logged");
  } finally {
    logger.restoreConsole();
  }
  const fields = lines.map((l) => l.split("\t"));
  assert.deepEqual(fields.map((f) => [f[1], f[2]]), [["req-log", "INFO"], ["req-log", "WARN"], [
    "req-log",
    "INFO",
  ]]);
  assert.equal(fields[1][3], "a message\rover two lines stays one record\n");
});

Deno.test("example error reports its class name, message and frames", async () => {
  await assert.rejects(testing.invokeHandler(failing, {}), (e: testing.HandlerError) => {
    assert.equal(e.error.type, "InsufficientFunds");
    assert.equal(e.error.message, "account 42 has 10, needs 25");
    assert.deepEqual(
      e.error.stackTrace.slice(0, 2).map((f) => [f.path.endsWith("examples/error.ts"), f.label]),
      [
        [true, "withdraw"],
        [true, "handler"],
      ],
    );
    return true;
  });
});

Deno.test("testing.context builds a context with defaults and overrides", () => {
  const ctx = testing.context({ requestId: "r-1" });
  ctx.dispose();
  assert.equal(ctx.requestId, "r-1");
  assert.equal(ctx.functionName, "test-function");
  assert.ok(ctx.remainingTimeMs() > 0);
});
