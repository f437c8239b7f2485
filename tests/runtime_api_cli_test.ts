// `deno task invoke --runtime-api …` end to end: payload on stdout, errors on stderr, exit status.
import assert from "node:assert/strict";
import { invokeCli } from "./runtime_cli.ts";

const root = new URL("../", import.meta.url);
const path = (p: string) => new URL(p, root).pathname;

/** `deno task invoke --runtime-api …args`. */
const invoke = (args: string[], stdin?: string) => invokeCli(["--runtime-api", ...args], stdin);

Deno.test("invoke --runtime-api: the payload goes to stdout, exit 0", async () => {
  const r = await invoke([path("examples/hello.ts"), "--event", "-"], '{"name":"ƛ"}');
  assert.equal(r.stdout, '"Hello ƛ!"', r.stderr);
  assert.equal(r.code, 0);
});

Deno.test("invoke --runtime-api: a handler error goes to stderr with its type, exit 1", async () => {
  const r = await invoke([path("examples/error.ts")]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^InsufficientFunds: account 42 has 10, needs 25$/m);
});

Deno.test("invoke --runtime-api: an init error is reported, exit 1", async () => {
  const r = await invoke([path("tests/runtime_api_fixtures/init_tla.ts")]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^TypeError: database unreachable$/m);
});

Deno.test("invoke --runtime-api: a timeout says so, exit 2", async () => {
  const r = await invoke([
    path("tests/runtime_api_fixtures/sleepy.ts"),
    "--timeout",
    "0.3",
    "--event",
    "-",
  ], '{"ms":5000}');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Task timed out after 0\.30 seconds/);
});
