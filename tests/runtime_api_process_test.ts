// Functions as separate processes against the project's Runtime API emulator: the entry wrapper,
// init errors (throwing init, rejected top-level await, syntax error, missing import), restarts
// after timeouts, and the SIGTERM shutdown hook.
import assert from "node:assert/strict";
import { freePort, FunctionProcess, invokeRuntimeApi, RuntimeApiServer } from "../emulator/mod.ts";
import { connectWhenListening, sha256sum } from "./support/mod.ts";

const fixture = (name: string) =>
  new URL(`./runtime_api_fixtures/${name}`, import.meta.url).pathname;
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const direct = (name: string) => [
  Deno.execPath(),
  "run",
  "--no-prompt",
  "--allow-net",
  "--allow-env",
  "--allow-read",
  fixture(name),
];

Deno.test("a module that starts the loop itself answers with its Context facts", async () => {
  const r = await invokeRuntimeApi({
    entry: fixture("echo.ts"),
    event: '{"x":1}',
    requestId: "p1",
    tenantId: "tenant-p",
    output: "piped",
  });
  assert.equal(r.outcomes.length, 1);
  const o = r.outcomes[0];
  assert.equal(o.type, "response");
  if (o.type !== "response") return;
  assert.deepEqual(JSON.parse(text(o.payload)), {
    event: { x: 1 },
    requestId: "p1",
    functionName: "local",
    tenantId: "tenant-p",
  });
  assert.deepEqual(r.exitCodes, [0]); // SIGTERM at the end: graceful exit
});

Deno.test("a module that only exports handler is started by the entry wrapper; one process serves all", async () => {
  const r = await invokeRuntimeApi({
    entry: fixture("exported.ts"),
    event: '{"n":21}',
    count: 3,
    output: "piped",
  });
  assert.deepEqual(r.outcomes.map((o) => o.type === "response" && text(o.payload)), [
    "42",
    "42",
    "42",
  ]);
  assert.equal(r.exitCodes.length, 1);
});

Deno.test("the entry wrapper starts an exported handler with the module's exported startOptions", async () => {
  const r = await invokeRuntimeApi({
    entry: fixture("exported_options.ts"),
    event: "{}", // no items: only the exported decoder fills them in
    output: "piped",
  });
  assert.deepEqual(r.outcomes.map((o) => o.type === "response" ? text(o.payload) : o.type), ["0"]);
  const raw = await invokeRuntimeApi({
    entry: new URL("../examples/raw_digest.ts", import.meta.url).pathname,
    event: "not JSON at all",
    output: "piped",
  });
  const o = raw.outcomes[0];
  assert.equal(o.type, "response", raw.stderr);
  if (o.type === "response") {
    // raw bytes in (not JSON): their length, and the SHA-256 coreutils' sha256sum gives
    const want = await sha256sum(new TextEncoder().encode("not JSON at all"));
    assert.deepEqual(JSON.parse(text(o.payload)), want);
  }
  const bad = await invokeRuntimeApi({
    entry: fixture("exported_bad_options.ts"),
    output: "piped",
  });
  assert.equal(bad.outcomes[0].type, "init-error");
  assert.equal(bad.initError?.errorTypeHeader, "Runtime.InvalidStartOptions");
  assert.match(
    (bad.initError?.body as { errorMessage: string }).errorMessage,
    /exported_bad_options\.ts exports startOptions that are not an object \(string\)/,
  );
  assert.deepEqual(bad.exitCodes, [1]);
});

Deno.test("go1.x: the package's entry starts an exported handler with the module's exported startOptions", async () => {
  const port = freePort();
  const fn = FunctionProcess.spawn({
    entry: fixture("go1x_entry.ts"),
    env: { _LAMBDA_SERVER_PORT: String(port), FIXTURE_MODULE: fixture("exported_options.ts") },
    output: () => {},
  });
  try {
    const client = await connectWhenListening(port, fn);
    try {
      // no items: only the exported decoder fills them in
      const r = await client.invoke({ Payload: new TextEncoder().encode("{}") });
      assert.equal(r.reply?.Error, undefined, JSON.stringify(r.reply?.Error));
      assert.equal(text(r.reply!.Payload), "0");
    } finally {
      client.close();
    }
  } finally {
    await fn.stop();
  }
});

Deno.test("AWS_LAMBDA_MAX_CONCURRENCY: a batch of invocations is served by one process", async () => {
  const r = await invokeRuntimeApi({
    entry: fixture("echo.ts"),
    count: 3,
    concurrency: 3,
    requestId: "cc",
    output: "piped",
  });
  const ids = r.outcomes.map((o) =>
    o.type === "response"
      ? (JSON.parse(text(o.payload)) as { requestId: string }).requestId
      : o.type
  );
  assert.deepEqual(ids, ["cc-1", "cc-2", "cc-3"]);
  assert.equal(r.exitCodes.length, 1);
});

for (
  const [how, run] of [["entry wrapper", "wrapper"], ["module run directly", "direct"]] as const
) {
  Deno.test(`init error (${how}): throwing init code goes to /init/error, then exit 1`, async () => {
    const r = await invokeRuntimeApi({
      ...(run === "wrapper"
        ? { entry: fixture("init_throw.ts") }
        : { command: direct("init_throw.ts") }),
      output: "piped",
    });
    assert.equal(r.outcomes[0].type, "init-error");
    assert.equal(r.initError?.errorTypeHeader, "Runtime.Unknown"); // the category Lambda records
    const body = r.initError?.body as {
      errorType: string;
      errorMessage: string;
      stackTrace: string[];
    };
    assert.equal(body.errorType, "RangeError");
    assert.equal(body.errorMessage, "FIXTURE_CONFIG is not set");
    assert.equal(body.stackTrace[0], "RangeError: FIXTURE_CONFIG is not set");
    assert.deepEqual(r.exitCodes, [1]);
  });

  Deno.test(`init error (${how}): a rejected top-level await goes to /init/error`, async () => {
    const r = await invokeRuntimeApi({
      ...(run === "wrapper"
        ? { entry: fixture("init_tla.ts") }
        : { command: direct("init_tla.ts") }),
      output: "piped",
    });
    assert.equal(r.outcomes[0].type, "init-error");
    assert.equal(r.initError?.errorTypeHeader, "Runtime.Unknown");
    assert.equal((r.initError?.body as { errorType: string }).errorType, "TypeError");
    assert.equal(
      (r.initError?.body as { errorMessage: string }).errorMessage,
      "database unreachable",
    );
    assert.deepEqual(r.exitCodes, [1]);
  });
}

Deno.test("init error: a syntax error is Runtime.UserCodeSyntaxError, a missing import Runtime.ImportModuleError", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/syntax.js`, "export const handler = (;\n");
    await Deno.writeTextFile(
      `${dir}/missing.js`,
      'import "./not_there.js";\nexport const handler = () => 1;\n',
    );
    await Deno.writeTextFile(`${dir}/nohandler.js`, "export const value = 1;\n");
    const types: (string | null | undefined)[] = [];
    for (const name of ["syntax.js", "missing.js", "nohandler.js", "absent.js"]) {
      const r = await invokeRuntimeApi({ entry: `${dir}/${name}`, output: "piped" });
      assert.equal(r.outcomes[0].type, "init-error", name);
      types.push(r.initError?.errorTypeHeader);
    }
    assert.deepEqual(types, [
      "Runtime.UserCodeSyntaxError",
      "Runtime.ImportModuleError",
      "Runtime.HandlerNotFound",
      "Runtime.ImportModuleError",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deadline: a timed-out function is killed and restarted for the next invocation", async () => {
  const r = await invokeRuntimeApi({
    entry: fixture("sleepy.ts"),
    event: '{"ms":5000}',
    count: 2,
    timeoutMs: 300,
    output: "piped",
  });
  assert.deepEqual(r.outcomes.map((o) => o.type), ["timeout", "timeout"]);
  assert.equal(r.exitCodes.length, 2);
});

Deno.test("SIGTERM: the invocation in flight finishes, then the shutdown hook runs, then exit 0", async () => {
  const server = await RuntimeApiServer.start();
  const child = new Deno.Command(direct("shutdown.ts")[0], {
    args: direct("shutdown.ts").slice(1),
    env: { AWS_LAMBDA_RUNTIME_API: server.address },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  try {
    const outcome = server.invoke({ payload: '{"ms":300}', timeoutMs: 10_000 });
    let out = "";
    const decoder = new TextDecoder();
    const reader = child.stdout.getReader();
    while (!out.includes("handler started")) {
      const { value, done } = await reader.read();
      if (done) break;
      out += decoder.decode(value);
    }
    child.kill("SIGTERM");
    const o = await outcome;
    assert.equal(o.type === "response" && text(o.payload), '"finished"');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      out += decoder.decode(value);
    }
    const status = await child.status;
    assert.equal(status.code, 0);
    assert.deepEqual(out.trim().split("\n"), [
      "handler started",
      "handler finished",
      "shutdown hook ran on SIGTERM",
    ]);
  } finally {
    await child.stderr.cancel();
    await server.close();
  }
});

Deno.test("init timeout: a function that never asks for its event times out and is stopped", async () => {
  const r = await invokeRuntimeApi({
    entry: fixture("init_hang.ts"),
    initTimeoutMs: 500,
    shutdownMs: 200,
    output: "piped",
  });
  assert.deepEqual(r.outcomes.map((o) => o.type), ["timeout"]);
  assert.equal(r.exitCodes.length, 1);
  assert.notEqual(r.exitCodes[0], 0);
});

Deno.test("a second signal while the invocation in flight finishes exits at once (130)", async () => {
  const server = await RuntimeApiServer.start();
  const child = new Deno.Command(direct("shutdown.ts")[0], {
    args: direct("shutdown.ts").slice(1),
    env: { AWS_LAMBDA_RUNTIME_API: server.address },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const outcome = server.invoke({ payload: '{"ms":5000}', timeoutMs: 10_000 });
  try {
    const reader = child.stdout.getReader();
    let out = "";
    while (!out.includes("handler started")) {
      const { value, done } = await reader.read();
      if (done) break;
      out += new TextDecoder().decode(value);
    }
    child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGINT");
    const status = await child.status;
    assert.equal(status.code, 130);
    reader.releaseLock();
    await child.stdout.cancel();
  } finally {
    await server.close();
  }
  // the service never got an answer: closing the emulator ends the invocation as a timeout
  assert.equal((await outcome).type, "timeout");
});
