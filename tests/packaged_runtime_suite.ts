/**
 * The runtime matrix, from source and from the package, for one protocol: Context fields and
 * `Context.current()` across awaits, logger text / JSON / level (and `console` taken at import
 * time), handler errors and their frames, uncaught exceptions and rejections, an init error, a
 * timeout, a streamed response, a 6 MB echo. Each case is invoked through `invoke` in both modes;
 * the outcomes (exit status, payload, log lines with times, ids and durations masked) must be the
 * same, and each case's own expectations hold.
 *
 * @module
 */
import assert from "node:assert/strict";
import { functionCommand, RuntimeApiServer } from "../emulator/mod.ts";
import { invokeCli } from "./runtime_cli.ts";
import { packagedSkip, Packages } from "./packaged.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const MATRIX = "tests/packaged_functions/matrix.ts";
const INIT_ERROR = "tests/packaged_functions/init_error.ts";
const MATRIX_LOG = { op: "log" };

type Outcome = { code: number; stdout: string; stderr: string };

/** Times, request ids and durations vary from run to run: masked. */
function masked(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, "<time>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
    .replace(/Duration: [\d.]+ ms\tBilled Duration: \d+ ms/g, "<duration>");
}

/**
 * Registers the matrix for one protocol.
 *
 * @param protocol `go1.x` or `runtime-api`.
 */
export function runtimeMatrix(protocol: "go1.x" | "runtime-api"): void {
  const packages = new Packages();
  const api = protocol === "runtime-api";

  /** Invokes `entry` from source and packaged with the same arguments; asserts they agree. */
  async function both(entry: string, args: string[], stdin?: string): Promise<Outcome> {
    // named alike in both modes (a package's entry is called bootstrap)
    const names = [
      "--env",
      "AWS_LAMBDA_FUNCTION_NAME=matrix",
      "--env",
      "AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/matrix",
    ];
    const run = async (target: string) =>
      await invokeCli([target, ...(api ? ["--runtime-api"] : []), ...names, ...args], stdin);
    const source = await run(entry);
    const packaged = await run(await packages.bootstrap(entry));
    assert.deepEqual(
      { code: packaged.code, stdout: masked(packaged.stdout), stderr: masked(packaged.stderr) },
      { code: source.code, stdout: masked(source.stdout), stderr: masked(source.stderr) },
      "packaged and source differ",
    );
    return source;
  }
  const event = (value: unknown) => ["--event", "-", JSON.stringify(value)] as const;
  const call = (entry: string, value: unknown, args: string[] = []) => {
    const [flag, dash, stdin] = event(value);
    return both(entry, [flag, dash, ...args], stdin);
  };

  const test = (name: string, fn: () => Promise<void>) =>
    Deno.test({
      name: `${protocol}, source = packaged: ${name}${packagedSkip}`,
      ignore: packagedSkip !== "",
      fn,
    });

  test("Context fields, and Context.current() across timers and promise chains", async () => {
    const r = await call(MATRIX, { op: "context" });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const requestId = /^START RequestId: (\S+)/m.exec(r.stderr)?.[1];
    assert.deepEqual(out, {
      same: true,
      requestId,
      functionName: "matrix",
      arn: "arn:aws:lambda:us-east-1:123456789012:function:matrix",
      logGroup: "/aws/lambda/matrix",
      timeLeft: true,
    });
  });

  test("logger and console: text records with the request id, init lines too", async () => {
    const r = await call(MATRIX, { op: "log" });
    assert.equal(r.code, 0, r.stderr);
    const requestId = /^START RequestId: (\S+)/m.exec(r.stderr)?.[1];
    const records = r.stderr.split("\n").filter((l) => /^\d{4}-/.test(l)).map((l) =>
      l.split("\t").slice(1)
    );
    assert.deepEqual(records.map(([id, level]) => [id, level]), [
      ["undefined", "WARN"], // "matrix loaded", at import, outside any invocation
      [requestId, "DEBUG"],
      [requestId, "INFO"],
      [requestId, "WARN"],
      [requestId, "ERROR"],
      [requestId, "INFO"],
      [requestId, "WARN"], // the console.warn taken at import time
    ]);
    assert.equal(records[3][2], "two\rlines");
    assert.equal(records[6][2], "captured at import");
    // a logged error: its stack, the user's frames only
    assert.match(records[4][2], /^TypeError: logged error\r {4}at handler \(file:\/\/\//);
    assert.doesNotMatch(records[4][2], /server\/|ext:/);
  });

  test("AWS_LAMBDA_LOG_FORMAT=JSON: every line the function writes is one JSON object; the level filters", async () => {
    for (
      const [value, entry] of [[MATRIX_LOG, MATRIX], [{ op: "throw" }, MATRIX], [
        {},
        INIT_ERROR,
      ]] as const
    ) {
      const r = await call(entry, value, [
        "--env",
        "AWS_LAMBDA_LOG_FORMAT=JSON",
        "--env",
        "AWS_LAMBDA_LOG_LEVEL=INFO",
      ]);
      // the emulator's own lines (START / END / REPORT, the outcome) are not the function's
      const own =
        /^(START|END|REPORT) RequestId|^(Range|Type)Error: |^ {4}at |^lambda-gob invoke|^\(the runtime/;
      const lines = r.stderr.split("\n").filter((l) => l !== "" && !own.test(l));
      assert.ok(lines.length > 0, r.stderr);
      for (const line of lines) {
        const record = JSON.parse(line);
        assert.equal(typeof record.timestamp, "string", line);
        assert.ok(["INFO", "WARN", "ERROR"].includes(record.level), line);
      }
      if (value === MATRIX_LOG) {
        assert.deepEqual(lines.map((l) => JSON.parse(l).level), [
          "WARN",
          "INFO",
          "WARN",
          "ERROR",
          "INFO",
          "WARN",
        ]);
      }
    }
  });

  test("handler errors: type, message and the user's frames, thrown and rejected", async () => {
    const thrown = await call(MATRIX, { op: "throw" });
    assert.equal(thrown.code, 1);
    assert.match(
      thrown.stderr,
      new RegExp(
        `^RangeError: thrown by the handler\n {4}at fail \\(${ROOT}${MATRIX}:13\\)\n {4}at handler \\(${ROOT}${MATRIX}:\\d+\\)\n(?! {4}at )`,
        "m",
      ),
    );
    const rejected = await call(MATRIX, { op: "reject" });
    assert.equal(rejected.code, 1);
    assert.match(
      rejected.stderr,
      new RegExp(
        `^RangeError: rejected after an await\n {4}at fail \\(${ROOT}${MATRIX}:13\\)\n {4}at handler \\(${ROOT}${MATRIX}:\\d+\\)\n(?! {4}at )`,
        "m",
      ),
    );
  });

  test("uncaught exceptions and rejections fail the invocation with the user's frames", async () => {
    for (
      const [op, message] of [["uncaught", "uncaught in a timer"], [
        "rejection",
        "unhandled rejection",
      ]]
    ) {
      const r = await call(MATRIX, { op });
      assert.equal(r.code, 1, r.stderr);
      const at = r.stderr.split("\n").indexOf(`RangeError: ${message}`);
      assert.ok(at >= 0, r.stderr);
      const frames = r.stderr.split("\n").slice(at + 1).filter((l) => l.startsWith("    at "));
      assert.equal(frames[0], `    at fail (${ROOT}${MATRIX}:13)`);
      assert.ok(frames.every((f) => f.includes(`${ROOT}${MATRIX}:`)), frames.join("\n"));
    }
  });

  // (Runtime API: its loop lets the process idle between invocations, as Lambda does)
  if (api) {
    test("an uncaught error between invocations: one log record in the format, exit 1", async () => {
      const run = async (command: string[]) => {
        const server = await RuntimeApiServer.start({});
        try {
          const child = new Deno.Command(command[0], {
            args: command.slice(1),
            env: { AWS_LAMBDA_RUNTIME_API: server.address, AWS_LAMBDA_LOG_FORMAT: "JSON" },
            stdout: "piped",
            stderr: "piped",
          }).spawn();
          const outcome = await server.invoke({ payload: '{"op":"late"}', requestId: "r-late" });
          assert.equal(outcome.type, "response");
          const out = await child.output();
          const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
          return { code: out.code, records: lines.map((l) => JSON.parse(l)) };
        } finally {
          await server.close();
        }
      };
      const source = await run(functionCommand(`${ROOT}${MATRIX}`).command);
      const packaged = await run([await packages.bootstrap(MATRIX)]);
      for (const r of [source, packaged]) {
        assert.equal(r.code, 1);
        const last = r.records.at(-1);
        assert.equal(last.level, "ERROR");
        const [label, doc] = last.message.split("\t");
        assert.equal(label, "Uncaught Exception");
        assert.deepEqual(JSON.parse(doc).stackTrace.slice(0, 2), [
          "RangeError: uncaught after the answer",
          `    at fail (file://${ROOT}${MATRIX}:13:9)`,
        ]);
      }
      assert.deepEqual(
        packaged.records.map((r) => r.message),
        source.records.map((r) => r.message),
      );
    });
  }

  test("an init error: reported with the user's frames (Runtime API), or the start fails (go1.x)", async () => {
    const r = await both(INIT_ERROR, []);
    if (api) {
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        new RegExp(
          `^RangeError: MATRIX_CONFIG is not set\n {4}at readConfig \\(${ROOT}${INIT_ERROR}:7\\)`,
          "m",
        ),
      );
    } else {
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^\S+\tundefined\tERROR\tInit Error\t\{"errorType":"RangeError"/m);
      assert.match(r.stderr, /start-up failed: the function exited \(code 1\) before it was ready/);
    }
  });

  test("a function past its timeout: Task timed out, exit 2", async () => {
    const r = await call(MATRIX, { op: "sleep", ms: 5000 }, ["--timeout", "0.5"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Task timed out after 0\.50 seconds$/m);
  });

  test("a ReadableStream result: streamed under the Runtime API", async () => {
    const r = await call(MATRIX, { op: "stream" });
    assert.equal(r.code, 0, r.stderr);
    // go1.x has no streaming: the stream object is answered as JSON, from source as packaged
    assert.equal(r.stdout, api ? "chunk 1, chunk 2" : '{"contentType":"text/plain"}');
  });

  test("a 6 MB event echoed back, byte for byte", async () => {
    // 3 bytes a repeat: 6 MiB less 192 bytes, within Lambda's 6 MiB for the event and the answer
    const data = "ƛx".repeat(2 * 1024 * 1024 - 64);
    const file = await Deno.makeTempFile();
    try {
      await Deno.writeTextFile(file, JSON.stringify({ op: "echo", data }));
      const r = await both(MATRIX, ["--event", file]);
      assert.equal(r.code, 0, r.stderr.slice(0, 500));
      assert.equal(r.stdout, JSON.stringify(data));
    } finally {
      await Deno.remove(file);
    }
  });
}
