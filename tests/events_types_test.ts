// The TypeScript types follow the strategy: these assignments are checked by `deno test`'s type
// check; each `@ts-expect-error` fails the check if the line stops being an error.

import assert from "node:assert/strict";
import {
  decoder,
  decoders,
  type DynamoDBEvent,
  type EventTypes,
  type KinesisEvent,
  MilliSecondsEpochTime,
  type S3Event,
  SecondsEpochTime,
  type SQSEvent,
} from "../events/mod.ts";

const json = { Records: [{ eventName: null, s3: { object: { key: "k", size: 1 } } }] };

Deno.test("types: S3Event<'empty'> has string fields, S3Event<'none'> has string | undefined", () => {
  const e: S3Event<"empty"> = decoders.empty.S3Event(json);
  const name: string = e.Records![0].eventName;
  assert.equal(name, "");

  const n: S3Event<"none"> = decoders.none.S3Event(json);
  // @ts-expect-error: under "none" a Go string field may be undefined
  const name2: string = n.Records![0].eventName;
  assert.equal(name2, undefined);
  const name3: string | undefined = n.Records![0].eventName;
  assert.equal(name3, undefined);

  // The default strategy is "none", for the types and for the decoders.
  const d: S3Event = decoders.S3Event(json);
  const s: S3Event<"none"> = d;
  assert.equal(s.Records![0].s3!.object!.key, "k");
});

Deno.test("types: decoder() follows its options; lookup by Go name gives the table's type", () => {
  const d = decoder("SQSEvent", { strings: "empty" });
  const e: SQSEvent<"empty"> = d({ Records: [{}] });
  const body: string = e.Records![0].body;
  assert.equal(body, "");
  const t: EventTypes<"empty">["SQSEvent"] = e;
  assert.equal(t.Records!.length, 1);
  const n = decoder("SQSEvent");
  // @ts-expect-error: no strings option means "none"
  const e2: SQSEvent<"empty"> = n({});
  assert.deepEqual(e2, {});
});

Deno.test("types: epoch times, maps of DynamoDB values, nested records", () => {
  const k: KinesisEvent<"empty"> = decoders.empty.KinesisEvent({
    Records: [{ kinesis: { approximateArrivalTimestamp: 1700000000.5, data: "aGk=" } }],
  });
  const at: SecondsEpochTime | undefined = k.Records![0].kinesis!.approximateArrivalTimestamp;
  assert.ok(at instanceof SecondsEpochTime);
  assert.equal(at.toDate().toISOString(), "2023-11-14T22:13:20.500Z");
  const data: Uint8Array | null | undefined = k.Records![0].kinesis!.data;
  assert.deepEqual([...data!], [104, 105]);

  const ddb: DynamoDBEvent = decoders.DynamoDBEvent({
    Records: [{ dynamodb: { Keys: { id: { N: "7" } }, NewImage: { tags: { SS: ["a"] } } } }],
  });
  const key = ddb.Records![0].dynamodb!.Keys!.id;
  assert.ok("N" in key && key.N === "7");
  assert.ok(MilliSecondsEpochTime.of(5).epochMs === 5);
});
