/**
 * `invoke` on every example, as a user runs it — the payload exactly on stdout, logs and errors on
 * stderr, exit status 0 / 1 — in both protocols (go1.x, `--runtime-api`), for one mode: from
 * source (`examples_invoke_test.ts`) or from the unpacked package (`packaged_examples_test.ts`).
 * The same assertions for both: what users deploy behaves as what they ran.
 *
 * @module
 */
import assert from "node:assert/strict";

import { invokeCli } from "./runtime_cli.ts";
import { type Mode, packagedSkip, Packages } from "./packaged.ts";
import { sha256sum } from "./support/mod.ts";

const PROTOCOLS = [[], ["--runtime-api"]] as const;

/**
 * Registers the example tests for one mode.
 *
 * @param mode `source` or `packaged`.
 */
export function exampleSuite(mode: Mode): void {
  const packages = new Packages();
  const skip = mode === "packaged" ? packagedSkip : "";
  /** `invoke <the example, as this mode runs it> …args`, in each protocol. */
  const each = (
    name: string,
    fn: (
      invoke: (example: string, args?: string[], stdin?: string) => ReturnType<typeof invokeCli>,
      runtimeApi: boolean,
    ) => Promise<void>,
  ) =>
    Deno.test({
      name: `${mode}: ${name}${skip}`,
      ignore: skip !== "",
      fn: async () => {
        for (const protocol of PROTOCOLS) {
          await fn(async (example, args = [], stdin) => {
            const entry = await packages.entry(mode, `examples/${example}.ts`);
            // named after the example in both modes (a package's entry is called bootstrap)
            const names = [
              "--env",
              `AWS_LAMBDA_FUNCTION_NAME=${example}`,
              "--env",
              `AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/${example}`,
            ];
            return await invokeCli([entry, ...protocol, ...names, ...args], stdin);
          }, protocol.length > 0);
        }
      },
    });

  each('invoke examples/hello.ts prints "Hello ƛ!" exactly', async (invoke, runtimeApi) => {
    const r = await invoke("hello");
    assert.equal(r.stdout, '"Hello ƛ!"', r.stderr);
    assert.equal(r.code, 0);
    // Lambda's START / END / REPORT lines, with one request id, on stderr.
    const start = /^START RequestId: ([0-9a-f-]{36}) Version: \$LATEST$/m.exec(r.stderr);
    assert.ok(start, r.stderr);
    assert.match(r.stderr, new RegExp(`^END RequestId: ${start[1]}$`, "m"));
    const report = runtimeApi ? "" : "Duration: [\\d.]+ ms\t";
    assert.match(r.stderr, new RegExp(`^REPORT RequestId: ${start[1]}\t${report}`, "m"));
  });

  each("invoke examples/string_map.ts with --event file and with --event -", async (invoke) => {
    const fromFile = await invoke("string_map", ["--event", "examples/events/string_map.json"]);
    assert.deepEqual([fromFile.code, fromFile.stdout], [0, '"the values are 1, 2"']);
    const fromStdin = await invoke(
      "string_map",
      ["--event", "-"],
      '{"x":"a","y":"b","z":"c"}',
    );
    assert.deepEqual([fromStdin.code, fromStdin.stdout], [0, '"the values are a, b, c"']);
    const wrong = await invoke("string_map", ["--event", "-"], '{"x":1}');
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^TypeError: x: expected a string, got number$/m);
  });

  each("invoke examples/s3_summary.ts with the S3 event file", async (invoke) => {
    const r = await invoke("s3_summary", ["--event", "examples/events/s3_put.json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      JSON.parse(r.stdout),
      "2 records: ObjectCreated:Put photos/cat.jpg (1024 bytes) in my-bucket; " +
        "ObjectRemoved:Delete notes.txt (0 bytes) in my-bucket",
    );
  });

  each("invoke examples/context.ts returns the ARN the emulator invoked", async (invoke) => {
    const r = await invoke("context");
    assert.deepEqual([r.code, r.stdout], [
      0,
      '"arn:aws:lambda:us-east-1:123456789012:function:context"',
    ], r.stderr);
  });

  each("invoke examples/logger.ts: records on stderr, text and JSON formats", async (invoke) => {
    const text = await invoke("logger");
    assert.deepEqual([text.code, text.stdout], [0, '"logged"'], text.stderr);
    const lines = text.stderr.split("\n").filter((l) => /^\d{4}-/.test(l));
    assert.deepEqual(lines.map((l) => l.split("\t")[2]), ["DEBUG", "INFO", "WARN", "INFO"]);
    assert.ok(lines.every((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z\t[0-9a-f-]{36}\t/.test(l)));
    assert.equal(lines[1].split("\t")[3], "function logger with time left");
    assert.equal(lines[2].split("\t")[3], "a message\rover two lines stays one record");
    const json = await invoke("logger", [
      "--env",
      "AWS_LAMBDA_LOG_FORMAT=JSON",
      "--env",
      "AWS_LAMBDA_LOG_LEVEL=WARN",
    ]);
    assert.deepEqual([json.code, json.stdout], [0, '"logged"']);
    const requestId = /^START RequestId: (\S+)/m.exec(json.stderr)?.[1];
    const records = json.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) =>
      JSON.parse(l)
    );
    assert.deepEqual(records.map((r) => [r.level, r.requestId, r.message]), [[
      "WARN",
      requestId,
      "a message\nover two lines stays one record",
    ]]);
  });

  each("invoke examples/error.ts: type, message and frames on stderr, exit 1", async (invoke) => {
    const r = await invoke("error");
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    const lines = r.stderr.trimEnd().split("\n");
    const at = lines.indexOf("InsufficientFunds: account 42 has 10, needs 25");
    assert.ok(at >= 0, r.stderr);
    // the user's frames only, naming the source module (the package's source maps), no runtime's
    const root = new URL("../", import.meta.url).pathname;
    assert.deepEqual(lines.slice(at + 1, at + 4), [
      `    at withdraw (${root}examples/error.ts:16)`,
      `    at handler (${root}examples/error.ts:23)`,
      lines[at + 3],
    ]);
    assert.doesNotMatch(lines[at + 3] ?? "", /^ {4}at /);
  });

  each(
    "invoke examples/raw_digest.ts: any bytes in, their length and SHA-256 out, as sha256sum says",
    async (invoke) => {
      const file = await Deno.makeTempFile();
      try {
        // 300 KB, not UTF-8 and not JSON: the raw handler gets the bytes as they are (borrowed).
        await Deno.writeFile(
          file,
          new Uint8Array(300_000).map((_, i) => (i * 167 + (i >> 8)) & 0xff),
        );
        for (const event of ["examples/events/s3_put.json", file]) {
          const r = await invoke("raw_digest", ["--event", event]);
          assert.equal(r.code, 0, r.stderr);
          assert.deepEqual(JSON.parse(r.stdout), await sha256sum(await Deno.readFile(event)));
        }
      } finally {
        await Deno.remove(file);
      }
    },
  );
}
