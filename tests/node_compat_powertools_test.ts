// Powertools for AWS Lambda (TypeScript), unchanged, through both transports: Logger lines with the
// Lambda context (request id, function name, cold start, X-Ray trace id), Metrics as CloudWatch EMF,
// and Parser's schemas on the sample events in examples/events/.
import assert from "node:assert/strict";
import { fixture, TRANSPORTS } from "./node_compat_run.ts";

const TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1";

function jsonLines(output: string): Record<string, unknown>[] {
  return output.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

async function sampleEvent(name: string): Promise<unknown> {
  return JSON.parse(
    await Deno.readTextFile(new URL(`../examples/events/${name}`, import.meta.url)),
  );
}

for (const [transport, run] of TRANSPORTS) {
  Deno.test(`node compat (${transport}): Powertools Logger and Metrics`, async () => {
    const { answers, output } = await run(fixture("powertools.ts"), [
      { event: { item: "tea" }, requestId: "req-pt-1", traceId: TRACE },
      {
        event: { item: "cake" },
        requestId: "req-pt-2",
        traceId: "Root=1-6b16e6d4-400dfbbca883518aa4c39dbe;Parent=1f2e3d4c5b6a7988;Sampled=0",
      },
    ]);
    assert.deepEqual(answers.map((a) => a.kind === "ok" ? a.value : a), [
      { item: "tea" },
      { item: "cake" },
    ]);
    const lines = jsonLines(output);
    const logs = lines.filter((l) => l.message === "order placed");
    assert.equal(logs.length, 2, output);
    for (const [i, log] of logs.entries()) {
      assert.equal(log.level, "INFO");
      assert.equal(log.service, "orders");
      assert.equal(log.function_name, "powertools");
      assert.equal(log.function_memory_size, "128");
      assert.equal(log.function_arn, "arn:aws:lambda:us-east-1:123456789012:function:powertools");
      assert.equal(log.function_request_id, `req-pt-${i + 1}`);
      assert.equal(log.cold_start, i === 0);
      assert.equal(log.item, i === 0 ? "tea" : "cake");
    }
    assert.equal(logs[0].xray_trace_id, "1-5759e988-bd862e3fe1be46a994272793");
    assert.equal(logs[1].xray_trace_id, "1-6b16e6d4-400dfbbca883518aa4c39dbe");
    const emf = lines.filter((l) => "_aws" in l);
    assert.equal(emf.length, 2, output);
    for (const m of emf) {
      const aws = m._aws as { CloudWatchMetrics: unknown; Timestamp: number };
      assert.deepEqual(aws.CloudWatchMetrics, [{
        Namespace: "compat",
        Dimensions: [["service"]],
        Metrics: [{ Name: "ordersPlaced", Unit: "Count" }],
      }]);
      assert.equal(typeof aws.Timestamp, "number");
      assert.equal(m.service, "orders");
      assert.equal(m.ordersPlaced, 1);
    }
  });

  Deno.test(`node compat (${transport}): Powertools Parser on the sample events`, async () => {
    const { answers } = await run(fixture("parser.ts"), [
      { event: await sampleEvent("s3_put.json") },
      { event: await sampleEvent("sqs.json") },
      { event: await sampleEvent("api_gateway_v2.json") },
      { event: { Records: [{ eventSource: "aws:s3", eventName: "ObjectCreated:Put" }] } },
    ]);
    assert.deepEqual(answers.slice(0, 3).map((a) => a.kind === "ok" ? a.value : a), [
      [
        "ObjectCreated:Put my-bucket/photos/cat.jpg 1024",
        "ObjectRemoved:Delete my-bucket/notes.txt 0",
      ],
      ["o-1001 x2", "o-1002 x5"],
      ["GET /who from 203.0.113.7"],
    ]);
    // An event of the wrong shape is the parser's error, reported as the invocation's.
    const bad = answers[3];
    assert.equal(bad.kind, "error");
    assert.match((bad as { type: string }).type, /ParseError/);
  });
}
