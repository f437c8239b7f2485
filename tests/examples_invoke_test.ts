/**
 * `deno task invoke` on every example, as a user runs it: the payload exactly on stdout, logs and
 * errors on stderr, exit status 0 / 1.
 */
import assert from "node:assert/strict";

import { invokeCli } from "./runtime_cli.ts";
import { sha256sum } from "./support/mod.ts";

Deno.test('invoke examples/hello.ts prints "Hello ƛ!" exactly', async () => {
  const r = await invokeCli(["examples/hello.ts"]);
  assert.equal(r.stdout, '"Hello ƛ!"');
  assert.equal(r.code, 0);
  // Lambda's START / END / REPORT lines, with one request id, on stderr.
  const start = /^START RequestId: ([0-9a-f-]{36}) Version: \$LATEST$/m.exec(r.stderr);
  assert.ok(start, r.stderr);
  assert.match(r.stderr, new RegExp(`^END RequestId: ${start[1]}$`, "m"));
  assert.match(r.stderr, new RegExp(`^REPORT RequestId: ${start[1]}\tDuration: [\\d.]+ ms\t`, "m"));
});

Deno.test("invoke examples/string_map.ts with --event file and with --event -", async () => {
  const fromFile = await invokeCli([
    "examples/string_map.ts",
    "--event",
    "examples/events/string_map.json",
  ]);
  assert.deepEqual([fromFile.code, fromFile.stdout], [0, '"the values are 1, 2"']);
  const fromStdin = await invokeCli(
    ["examples/string_map.ts", "--event", "-"],
    '{"x":"a","y":"b","z":"c"}',
  );
  assert.deepEqual([fromStdin.code, fromStdin.stdout], [0, '"the values are a, b, c"']);
  const wrong = await invokeCli(["examples/string_map.ts", "--event", "-"], '{"x":1}');
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /^TypeError: x: expected a string, got number$/m);
});

Deno.test("invoke examples/s3_summary.ts with the S3 event file", async () => {
  const r = await invokeCli(["examples/s3_summary.ts", "--event", "examples/events/s3_put.json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    JSON.parse(r.stdout),
    "2 records: ObjectCreated:Put photos/cat.jpg (1024 bytes) in my-bucket; " +
      "ObjectRemoved:Delete notes.txt (0 bytes) in my-bucket",
  );
});

Deno.test("invoke examples/context.ts returns the ARN the emulator invoked", async () => {
  const r = await invokeCli(["examples/context.ts"]);
  assert.deepEqual([r.code, r.stdout], [
    0,
    '"arn:aws:lambda:us-east-1:123456789012:function:context"',
  ]);
});

Deno.test("invoke examples/logger.ts: records on stderr, text and JSON formats", async () => {
  const text = await invokeCli(["examples/logger.ts"]);
  assert.deepEqual([text.code, text.stdout], [0, '"logged"']);
  const lines = text.stderr.split("\n").filter((l) => /^\d{4}-/.test(l));
  assert.deepEqual(lines.map((l) => l.split("\t")[2]), ["DEBUG", "INFO", "WARN", "INFO"]);
  assert.ok(lines.every((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z\t[0-9a-f-]{36}\t/.test(l)));
  assert.equal(lines[2].split("\t")[3], "a message\rover two lines stays one record");
  const json = await invokeCli([
    "examples/logger.ts",
    "--env",
    "AWS_LAMBDA_LOG_FORMAT=JSON",
    "--env",
    "AWS_LAMBDA_LOG_LEVEL=WARN",
  ]);
  assert.deepEqual([json.code, json.stdout], [0, '"logged"']);
  const records = json.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) =>
    JSON.parse(l)
  );
  assert.deepEqual(records.map((r) => [r.level, r.message]), [[
    "WARN",
    "a message\nover two lines stays one record",
  ]]);
});

Deno.test("invoke examples/error.ts: type, message and frames on stderr, exit 1", async () => {
  const r = await invokeCli(["examples/error.ts"]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  const at = lines.indexOf("InsufficientFunds: account 42 has 10, needs 25");
  assert.ok(at >= 0, r.stderr);
  assert.match(lines[at + 1], /^ {4}at withdraw \(.*examples\/error\.ts:\d+\)$/);
  assert.match(lines[at + 2], /^ {4}at handler \(.*examples\/error\.ts:\d+\)$/);
});

Deno.test("invoke examples/raw_digest.ts: any bytes in, their length and SHA-256 out, as sha256sum says", async () => {
  const file = await Deno.makeTempFile();
  try {
    // 300 KB, not UTF-8 and not JSON: the raw handler gets the bytes as they are (borrowed).
    await Deno.writeFile(file, new Uint8Array(300_000).map((_, i) => (i * 167 + (i >> 8)) & 0xff));
    for (const event of ["examples/events/s3_put.json", file]) {
      const r = await invokeCli(["examples/raw_digest.ts", "--event", event]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), await sha256sum(await Deno.readFile(event)));
    }
  } finally {
    await Deno.remove(file);
  }
});
