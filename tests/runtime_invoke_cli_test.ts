/**
 * `deno task invoke` failure modes and environment: timeout, start-up failure, bad usage, `--env`,
 * Lambda's variables.
 */
import assert from "node:assert/strict";
import { invokeCli } from "./runtime_cli.ts";
import { parseInvokeArgs } from "../emulator/mod.ts";

Deno.test("invoke: a function past its deadline → Task timed out after N seconds, exit 2", async () => {
  const r = await invokeCli(["tests/runtime_functions/slow.ts", "--timeout", "1"]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^Task timed out after 1\.00 seconds$/m);
});

Deno.test("invoke: a function that fails while loading → start-up failure, exit 2, its error shown", async () => {
  const r = await invokeCli(["tests/runtime_functions/broken.ts"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /configuration missing: TABLE_NAME/);
  assert.match(r.stderr, /start-up failed: the function exited \(code 1\) before it was ready/);
});

Deno.test("invoke: a missing binary → start-up failure, exit 2", async () => {
  const r = await invokeCli(["/nonexistent/bootstrap"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /start-up failed: cannot start \/nonexistent\/bootstrap/);
});

Deno.test("invoke: Lambda's environment, --env additions, the trace id and the default event {}", async () => {
  const r = await invokeCli(["tests/runtime_functions/echo.ts", "--env", "EXTRA=x=y"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    event: {},
    functionName: "echo",
    memory: 128,
    arn: "arn:aws:lambda:us-east-1:123456789012:function:echo",
    remaining: true,
    extra: "x=y",
    trace: true,
    clientContext: null,
    identity: null,
  });
});

Deno.test("invoke: --client-context and --cognito-* reach the Context", async () => {
  const r = await invokeCli([
    "tests/runtime_functions/echo.ts",
    "--client-context",
    '{"client":{"app_title":"demo"},"env":{"locale":"en"},"custom":{"n":1}}',
    "--cognito-pool",
    "pool-1",
    "--cognito-id",
    "id-1",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.clientContext, {
    client: {
      installationId: "",
      appTitle: "demo",
      appVersionName: "",
      appVersionCode: "",
      appPackageName: "",
    },
    env: { locale: "en" },
    custom: { n: "1" },
  });
  assert.deepEqual(out.identity, { cognitoIdentityId: "id-1", cognitoIdentityPoolId: "pool-1" });
  const bad = await invokeCli(["tests/runtime_functions/echo.ts", "--client-context", "{nope"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--client-context expects JSON/);
});

Deno.test("invoke: bad usage exits 2 with a message and the usage", async () => {
  const r = await invokeCli(["--timeout", "0", "examples/hello.ts"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--timeout expects a positive number of seconds, got "0"/);
  assert.match(r.stderr, /^usage: (deno task|lambda-gob) invoke/m);
});

Deno.test("invoke: argument parsing", () => {
  assert.deepEqual(
    parseInvokeArgs(["f.ts", "--env=A=1", "--env", "B=", "--timeout=2.5", "--event", "-"]),
    {
      entry: "f.ts",
      env: { A: "1", B: "" },
      timeoutSeconds: 2.5,
      event: "-",
      runtimeApi: false,
    },
  );
  assert.equal(parseInvokeArgs(["--runtime-api", "f.ts"]).runtimeApi, true);
  assert.throws(() => parseInvokeArgs([]), /missing the function's entry/);
  assert.throws(() => parseInvokeArgs(["a.ts", "b.ts"]), /unexpected argument "b.ts"/);
  assert.throws(() => parseInvokeArgs(["a.ts", "--env", "NOEQ"]), /--env expects K=V/);
  assert.throws(() => parseInvokeArgs(["a.ts", "--what"]), /unknown option --what/);
});

Deno.test("invoke: a response over Lambda's 6 MB limit is Function.ResponseSizeTooLarge, exit 1", async () => {
  const r = await invokeCli(
    ["tests/runtime_functions/echo.ts", "--event", "-"],
    JSON.stringify("x".repeat(6_300_000)),
  );
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(
    r.stderr,
    /^Function\.ResponseSizeTooLarge: Response payload size exceeded maximum allowed payload size \(6291556 bytes\)\.$/m,
  );
});

Deno.test("invoke: an executable (as `deno task compile` makes) is run directly", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // A stand-in for a compiled binary: an executable that runs the hello example.
    const bin = `${dir}/bootstrap`;
    const hello = new URL("../examples/hello.ts", import.meta.url).pathname;
    await Deno.writeTextFile(bin, `#!/bin/sh\nexec "${Deno.execPath()}" run -A "${hello}"\n`);
    await Deno.chmod(bin, 0o755);
    const r = await invokeCli([bin]);
    assert.deepEqual([r.code, r.stdout], [0, '"Hello ƛ!"']);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
