// `deno task event`: the CLI as a subprocess.

import assert from "node:assert/strict";

const cli = new URL("../events/cli.ts", import.meta.url).pathname;

async function run(args: string[], stdin: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", cli, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(stdin));
  await w.close();
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("cli: prints the decoded event encoded back, per strategy", async () => {
  const event = '{"Records":[{"body":null,"messageId":"m","extra":[1]}]}';
  const none = await run(["SQSEvent", "-"], event);
  assert.equal(none.code, 0, none.stderr);
  assert.deepEqual(JSON.parse(none.stdout), { Records: [{ messageId: "m", extra: [1] }] });
  const empty = await run(["SQSEvent", "--strings", "empty"], event);
  assert.equal(empty.code, 0, empty.stderr);
  const rec = JSON.parse(empty.stdout).Records[0];
  assert.equal(rec.body, "");
  assert.equal(rec.messageId, "m");
});

Deno.test("cli: a wrong shape is an error on stderr with the path, exit 1", async () => {
  const r = await run(["S3Event"], '{"Records":[{"s3":{"object":{"size":"abc"}}}]}');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, 'S3Event: Records[0].s3.object.size: expected number, got "abc"\n');
});

Deno.test("cli: an unknown type lists close matches; bad usage exits 2", async () => {
  const r = await run(["S3Evnt"], "{}");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown event type "S3Evnt"; close matches: S3Event/);
  const bad = await run(["S3Event", "--strings", "maybe"], "{}");
  assert.equal(bad.code, 2);
  const notJson = await run(["S3Event"], "{");
  assert.equal(notJson.code, 1);
  assert.match(notJson.stderr, /^-: not JSON/);
});
