/**
 * Live interop: Go's own net/rpc client (tests/interop/lambdaclient, CONTRACTS §6) against every
 * example running as a go1.x function process.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { goBuild, sha256sum, skipGo, skipGoNote } from "./support/mod.ts";
import { runCommand } from "./runtime_cli.ts";
import { freePort, FunctionProcess, lambdaEnvironment } from "../emulator/mod.ts";

const ROOT = new URL("../", import.meta.url).pathname;

interface Line {
  method: string;
  seq: number;
  conn: number;
  error: string;
  response: {
    Payload: string | null;
    Error: null | {
      Message: string;
      Type: string;
      StackTrace: { Path: string; Line: number; Label: string }[] | null;
      ShouldExit: boolean;
    };
  } | null;
}

/** Starts an example on a free port and runs lambdaclient against it with `args`. */
async function withGoClient(example: string, args: string[], stdin?: string): Promise<Line[]> {
  const client = await goBuild("lambdaclient");
  const port = freePort();
  const entry = ROOT + example;
  const fn = FunctionProcess.spawn({
    entry,
    env: lambdaEnvironment(entry, { _LAMBDA_SERVER_PORT: String(port) }),
    output: () => {},
  });
  try {
    for (let i = 0;; i++) {
      if (fn.exited || i > 400) throw new Error(`${example} did not start listening`);
      try {
        (await Deno.connect({ hostname: "127.0.0.1", port })).close();
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    const out = await runCommand(client, ["-addr", `127.0.0.1:${port}`, ...args], { stdin });
    assert.equal(out.code, 0, out.stderr);
    return out.stdout.trim().split("\n").map((l) => JSON.parse(l));
  } finally {
    await fn.stop();
  }
}

function payload(line: Line): unknown {
  assert.equal(line.error, "");
  assert.equal(line.response?.Error, null);
  return JSON.parse(Buffer.from(line.response?.Payload ?? "", "base64").toString("utf8"));
}

const goTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name: name + skipGoNote, ignore: skipGo, fn });

goTest("Go lambdaclient → examples/hello.ts: Ping then Invoke", async () => {
  const [ping, invoke] = await withGoClient("examples/hello.ts", ["-ping", "-n", "1"]);
  assert.deepEqual(ping, { method: "Function.Ping", seq: 0, conn: 0, error: "", response: {} });
  assert.equal(invoke.seq, 1);
  assert.equal(payload(invoke), "Hello ƛ!");
});

goTest("Go lambdaclient → examples/string_map.ts with an event on stdin", async () => {
  const [invoke] = await withGoClient(
    "examples/string_map.ts",
    ["-event", "-"],
    '{"k2":"b","k1":"a"}',
  );
  assert.equal(payload(invoke), "the values are a, b");
});

goTest("Go lambdaclient → examples/s3_summary.ts with the S3 event file", async () => {
  const [invoke] = await withGoClient("examples/s3_summary.ts", [
    "-event",
    ROOT + "examples/events/s3_put.json",
  ]);
  assert.equal(
    payload(invoke),
    "2 records: ObjectCreated:Put photos/cat.jpg (1024 bytes) in my-bucket; " +
      "ObjectRemoved:Delete notes.txt (0 bytes) in my-bucket",
  );
});

goTest("Go lambdaclient → examples/context.ts returns the ARN Go sent", async () => {
  const arn = "arn:aws:lambda:eu-central-1:210987654321:function:context:live";
  const [invoke] = await withGoClient("examples/context.ts", [
    "-arn",
    arn,
    "-trace-id",
    "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
    "-client-context",
    '{"client":{"app_title":"demo"},"custom":{"a":"b"}}',
    "-cognito-id",
    "id-1",
    "-cognito-pool",
    "pool-1",
  ]);
  assert.equal(payload(invoke), arn);
});

goTest("Go lambdaclient → examples/logger.ts", async () => {
  const [invoke] = await withGoClient("examples/logger.ts", ["-request-id", "go-req-1"]);
  assert.equal(payload(invoke), "logged");
});

goTest(
  "Go lambdaclient → examples/error.ts: the error with its frames, as Go decodes it",
  async () => {
    const [invoke] = await withGoClient("examples/error.ts", []);
    assert.equal(invoke.error, "");
    assert.equal(invoke.response?.Payload, null);
    const e = invoke.response?.Error;
    assert.equal(e?.Type, "InsufficientFunds");
    assert.equal(e?.Message, "account 42 has 10, needs 25");
    assert.equal(e?.ShouldExit, false);
    assert.deepEqual(
      e?.StackTrace?.map((f) => [f.Path.endsWith("examples/error.ts"), f.Label, f.Line > 0]),
      [
        [true, "withdraw", true],
        [true, "handler", true],
      ],
    );
  },
);

goTest(
  "Go lambdaclient → 1,000 pipelined Invokes over 4 connections, each answered once",
  async () => {
    const lines = await withGoClient("examples/hello.ts", ["-n", "1000", "-conns", "4", "-ping"]);
    const invokes = lines.filter((l) => l.method === "Function.Invoke");
    assert.equal(invokes.length, 1000);
    assert.equal(lines.filter((l) => l.method === "Function.Ping").length, 4);
    const keys = new Set(invokes.map((l) => `${l.conn}/${l.seq}`));
    assert.equal(keys.size, 1000);
    for (const l of invokes) assert.equal(payload(l), "Hello ƛ!");
  },
);

goTest(
  "Go lambdaclient → examples/raw_digest.ts: 1 MiB of bytes, three times, each digest right",
  async () => {
    const file = await Deno.makeTempFile();
    try {
      // Above 64 KiB: read into the connection's reused buffer, which the handler borrows.
      const bytes = new Uint8Array(1 << 20).map((_, i) => (i * 131 + (i >> 10)) & 0xff);
      await Deno.writeFile(file, bytes);
      const want = await sha256sum(bytes);
      const lines = await withGoClient("examples/raw_digest.ts", ["-event", file, "-n", "3"]);
      assert.equal(lines.length, 3);
      for (const l of lines) assert.deepEqual(payload(l), want);
    } finally {
      await Deno.remove(file);
    }
  },
);
