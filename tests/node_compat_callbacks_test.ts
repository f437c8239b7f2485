// Functions written for AWS's Node.js runtime, unchanged, through both transports: handlers typed
// with @types/aws-lambda (the InvokeStore of @aws/lambda-invoke-store, the client context) and
// callback handlers (synchronous, after a timer, with an error, through context.succeed).
import assert from "node:assert/strict";
import { fixture, TRANSPORTS } from "./node_compat_run.ts";

Deno.test("node compat: fixtures written against the npm packages pass deno check", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", fixture("")],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
});

for (const [transport, run] of TRANSPORTS) {
  Deno.test(`node compat (${transport}): a Handler typed with @types/aws-lambda`, async () => {
    const trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1";
    const { answers } = await run(fixture("typed.ts"), [{
      event: { path: "/orders", httpMethod: "GET" },
      requestId: "req-typed-1",
      traceId: trace,
      clientContext: '{"client":{"app_version_name":"2.1"},"custom":{"k":"✓"}}',
    }]);
    assert.equal(answers.length, 1);
    const a = answers[0];
    assert.equal(a.kind, "ok", JSON.stringify(a));
    const result = (a as { value: { statusCode: number; body: string } }).value;
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body);
    assert.ok(body.remaining > 0 && body.remaining <= 3000, `remaining ${body.remaining}`);
    delete body.remaining;
    assert.deepEqual(body, {
      path: "/orders",
      awsRequestId: "req-typed-1",
      storeRequestId: "req-typed-1",
      storeTraceId: trace,
      functionName: "typed",
      memoryLimitInMB: "128",
      waits: true,
      custom: { k: "✓" },
      appVersionName: "2.1",
    });
  });

  Deno.test(`node compat (${transport}): callback handlers answer as Node's runtime does`, async () => {
    const { answers } = await run(fixture("callbacks.ts"), [
      { event: { mode: "sync", n: 1 } },
      { event: { mode: "timer", n: 2 } },
      { event: { mode: "error", n: 3 } },
      { event: { mode: "succeed", n: 4 } },
    ]);
    assert.deepEqual(answers.map(({ ms: _, ...rest }) => rest), [
      { kind: "ok", value: { n: 2, mode: "sync" } },
      { kind: "ok", value: { n: 20, mode: "timer" } },
      { kind: "error", type: "RangeError", message: "n 3 is out of range" },
      { kind: "ok", value: { n: 4, mode: "succeed" } },
    ]);
  });
}
