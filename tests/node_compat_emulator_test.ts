// `deno task invoke` as a Node.js user meets it: the same client context (non-ASCII included) in
// both modes, Lambda's START / END / REPORT lines with a Duration in both, and the environment
// Powertools reads for cold starts.
import assert from "node:assert/strict";
import { fixture } from "./node_compat_run.ts";

const CLI = new URL("../emulator/cli.ts", import.meta.url).pathname;

async function invoke(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

for (const mode of [[], ["--runtime-api"]]) {
  const name = mode.length === 0 ? "go1.x" : "Runtime API";
  Deno.test(`node compat (invoke, ${name}): client context, START/END/REPORT with Duration`, async () => {
    const r = await invoke([
      ...mode,
      fixture("typed.ts"),
      "--client-context",
      '{"custom":{"k":"✓"}}',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const body = JSON.parse(JSON.parse(r.stdout).body);
    assert.deepEqual(body.custom, { k: "✓" });
    assert.equal(body.awsRequestId, body.storeRequestId);
    const id = body.awsRequestId;
    assert.match(r.stderr, new RegExp(`^START RequestId: ${id} Version: \\$LATEST$`, "m"));
    assert.match(r.stderr, new RegExp(`^END RequestId: ${id}$`, "m"));
    assert.match(
      r.stderr,
      new RegExp(`^REPORT RequestId: ${id}\\tDuration: [0-9.]+ ms\\tBilled Duration: `, "m"),
    );
  });
}

Deno.test("node compat (invoke): Powertools sees an on-demand start (cold_start true)", async () => {
  const r = await invoke([fixture("powertools.ts")]);
  assert.equal(r.code, 0, r.stderr);
  const log = r.stderr.split("\n").find((l) => l.includes('"order placed"'));
  assert.ok(log, r.stderr);
  assert.equal(JSON.parse(log).cold_start, true);
});
