/**
 * `start(handler)`: transport selection from the environment and clear start-up errors.
 */
import assert from "node:assert/strict";
import { parsePort, start } from "../server/mod.ts";
import { freePort, GoClient } from "../emulator/mod.ts";

const HELLO = new URL("../examples/hello.ts", import.meta.url).pathname;

/** Only what Deno needs to find its cache, plus `extra`. */
function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { ...extra };
  for (const k of ["HOME", "DENO_DIR", "PATH"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) env[k] = v;
  }
  return env;
}

async function runHello(env: Record<string, string>, permissions = ["-A"]) {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, HELLO],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: r.code, stdout: text(r.stdout), stderr: text(r.stderr) };
}

Deno.test("start: parsePort accepts 1..65535 and nothing else", () => {
  assert.equal(parsePort("8001"), 8001);
  assert.equal(parsePort(" 65535 "), 65535);
  for (const bad of ["", "0", "65536", "-1", "80a", "1e3", "0x50", "3.5"]) {
    assert.throws(() => parsePort(bad), RangeError, bad);
  }
});

Deno.test("start: neither variable set → an error naming both, exit non-zero", async () => {
  const r = await runHello(baseEnv());
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /_LAMBDA_SERVER_PORT/);
  assert.match(r.stderr, /AWS_LAMBDA_RUNTIME_API/);
});

Deno.test("start: without the env permission → an error saying so, not that nothing is set", async () => {
  const r = await runHello(baseEnv({ _LAMBDA_SERVER_PORT: "9" }), [
    "--no-prompt",
    "--allow-net",
    "--allow-read",
  ]);
  assert.notEqual(r.code, 0);
  assert.match(
    r.stderr,
    /cannot read _LAMBDA_SERVER_PORT or AWS_LAMBDA_RUNTIME_API: no permission to read the environment; run the function with --allow-env/,
  );
  assert.doesNotMatch(r.stderr, /neither/);
});

Deno.test("start: an invalid _LAMBDA_SERVER_PORT → a clear error, exit non-zero", async () => {
  const r = await runHello(baseEnv({ _LAMBDA_SERVER_PORT: "http" }));
  assert.notEqual(r.code, 0);
  assert.match(
    r.stderr,
    /_LAMBDA_SERVER_PORT must be a TCP port number from 1 to 65535, got "http"/,
  );
});

Deno.test("start: a port already in use → a clear error", async () => {
  const busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (busy.addr as Deno.NetAddr).port;
    const r = await runHello(baseEnv({ _LAMBDA_SERVER_PORT: String(port) }));
    assert.notEqual(r.code, 0);
    // the runtime's logger is up by then: one log record (standard output, as all records)
    const [record] = r.stdout.split("\n").filter((l) =>
      l.includes("\tERROR\tUncaught Exception\t")
    );
    assert.ok(record, r.stdout + r.stderr);
    assert.match(
      record,
      new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(_LAMBDA_SERVER_PORT\\)`),
    );
  } finally {
    busy.close();
  }
});

Deno.test("start: _LAMBDA_SERVER_PORT → go1.x server on loopback; the signal stops it", async () => {
  const port = freePort();
  const saved = Deno.env.get("_LAMBDA_SERVER_PORT");
  Deno.env.set("_LAMBDA_SERVER_PORT", String(port));
  const stop = new AbortController();
  const listening = Promise.withResolvers<Deno.NetAddr>();
  try {
    const served = start((e: { n: number }) => e.n + 1, {
      logger: false,
      signal: stop.signal,
      onListen: listening.resolve,
    });
    const addr = await listening.promise;
    assert.deepEqual([addr.hostname, addr.port], ["127.0.0.1", port]);
    const client = await GoClient.connect(port);
    const r = await client.invoke({ Payload: new TextEncoder().encode('{"n":41}') });
    assert.equal(new TextDecoder().decode(r.reply?.Payload), "42");
    client.close();
    stop.abort();
    await served;
  } finally {
    if (saved === undefined) Deno.env.delete("_LAMBDA_SERVER_PORT");
    else Deno.env.set("_LAMBDA_SERVER_PORT", saved);
  }
});

Deno.test("start: go1.x accepts Lambda's 6 MB requests; a message over 8 MiB closes only its connection", async () => {
  const port = freePort();
  const saved = Deno.env.get("_LAMBDA_SERVER_PORT");
  Deno.env.set("_LAMBDA_SERVER_PORT", String(port));
  const stop = new AbortController();
  try {
    const listening = Promise.withResolvers<Deno.NetAddr>();
    const served = start((e: string) => e.length, {
      logger: false,
      signal: stop.signal,
      onListen: listening.resolve,
    });
    await listening.promise;
    const json = (n: number) => new TextEncoder().encode(JSON.stringify("x".repeat(n)));

    const big = await GoClient.connect(port);
    const six = await big.invoke({ Payload: json(6_000_000) });
    assert.equal(new TextDecoder().decode(six.reply?.Payload), "6000000");
    await assert.rejects(big.invoke({ Payload: json(9 * 1024 * 1024) }));
    big.close();

    const other = await GoClient.connect(port);
    const small = await other.invoke({ Payload: json(3) });
    assert.equal(new TextDecoder().decode(small.reply?.Payload), "3");
    other.close();
    stop.abort();
    await served;
  } finally {
    if (saved === undefined) Deno.env.delete("_LAMBDA_SERVER_PORT");
    else Deno.env.set("_LAMBDA_SERVER_PORT", saved);
  }
});
