// Hand-written events (values made up for these tests) decoded with both strategies, checked field
// by field; and two handlers in one program choosing different strategies.

import assert from "node:assert/strict";
import { decoders, GoTime, urlDecodeS3Key } from "../events/mod.ts";
import { invoke } from "../server/core/mod.ts";

const s3Put = {
  Records: [{
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "eu-west-3",
    eventTime: "2025-03-04T05:06:07.089Z",
    eventName: "ObjectCreated:Put",
    userIdentity: { principalId: "AWS:AIDAEXAMPLE" },
    requestParameters: { sourceIPAddress: "198.51.100.4" },
    responseElements: { "x-amz-request-id": "REQ1", "x-amz-id-2": null },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: "",
      bucket: {
        name: "photos",
        ownerIdentity: { principalId: "OWNER" },
        arn: "arn:aws:s3:::photos",
      },
      object: {
        key: "2025/my+cat%C3%A9.jpg",
        size: 52311,
        eTag: "abc",
        versionId: null,
        sequencer: "0A1",
      },
    },
  }],
};

Deno.test("fixture S3 put: none drops null and empty strings, keeps the rest", () => {
  const e = decoders.none.S3Event(s3Put);
  const r = e.Records![0];
  assert.equal(r.eventName, "ObjectCreated:Put");
  assert.equal(r.s3!.configurationId, undefined);
  assert.equal("configurationId" in r.s3!, false);
  assert.equal(r.s3!.object!.versionId, undefined);
  assert.equal(r.s3!.object!.size, 52311);
  assert.equal(r.responseElements!["x-amz-id-2"], undefined);
  assert.ok(r.eventTime instanceof GoTime);
  assert.equal(r.eventTime.toDate().getTime(), Date.UTC(2025, 2, 4, 5, 6, 7, 89));
  assert.equal(urlDecodeS3Key(r.s3!.object!.key!), "2025/my caté.jpg");
  const back = decoders.none.S3Event.encode(e) as typeof s3Put;
  assert.equal(JSON.stringify(back.Records[0].eventTime), '"2025-03-04T05:06:07.089Z"');
  assert.deepEqual(back.Records[0].responseElements, {
    "x-amz-request-id": "REQ1",
    "x-amz-id-2": null,
  });
});

Deno.test('fixture S3 put: empty turns null and absent strings into ""', () => {
  const r = decoders.empty.S3Event(s3Put).Records![0];
  assert.equal(r.s3!.configurationId, "");
  assert.equal(r.s3!.object!.versionId, "");
  assert.equal(r.s3!.object!.urlDecodedKey, "");
  assert.equal(r.responseElements!["x-amz-id-2"], "");
  assert.equal(r.eventName, "ObjectCreated:Put");
});

const ddbStream = {
  Records: [{
    eventID: "1",
    eventName: "MODIFY",
    eventSource: "aws:dynamodb",
    awsRegion: "us-east-2",
    dynamodb: {
      ApproximateCreationDateTime: 1735689600,
      Keys: { pk: { S: "user#1" } },
      NewImage: {
        pk: { S: "user#1" },
        visits: { N: "42" },
        avatar: { B: "iVBORw0K" },
        prefs: { M: { dark: { BOOL: true }, langs: { L: [{ S: "fr" }, { NULL: true }] } } },
      },
      SequenceNumber: "111",
      SizeBytes: 26,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
    eventSourceARN: "arn:aws:dynamodb:us-east-2:123456789012:table/t/stream/2025",
  }],
};

Deno.test("fixture DynamoDB stream: epoch seconds, attribute value maps, round trip", () => {
  const d = decoders.DynamoDBEvent;
  const e = d(ddbStream);
  const rec = e.Records![0].dynamodb!;
  assert.equal(rec.ApproximateCreationDateTime!.toDate().toISOString(), "2025-01-01T00:00:00.000Z");
  const avatar = rec.NewImage!.avatar;
  assert.ok("B" in avatar);
  assert.deepEqual([...avatar.B.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const prefs = rec.NewImage!.prefs;
  assert.ok("M" in prefs && "L" in prefs.M.langs);
  assert.deepEqual(JSON.parse(JSON.stringify(d.encode(e))), ddbStream);
});

Deno.test("two handlers in one program choose different strategies", async () => {
  const payload = new TextEncoder().encode(
    JSON.stringify({ Records: [{ body: null, messageId: "m1" }] }),
  );
  const input = {
    requestId: "r",
    invokedFunctionArn: "arn",
    deadlineMs: Date.now() + 60_000,
    payload,
  };
  const seen: unknown[] = [];
  const a = await invoke(
    (e: { Records?: { body?: string }[] | null }) => {
      seen.push(e.Records![0].body);
      return "a";
    },
    input,
    { decode: decoders.none.SQSEvent, setTraceEnv: false },
  );
  const b = await invoke(
    (e: { Records?: { body: string }[] | null }) => {
      seen.push(e.Records![0].body);
      return "b";
    },
    input,
    { decode: decoders.empty.SQSEvent, setTraceEnv: false },
  );
  assert.ok(a.ok && b.ok);
  assert.deepEqual(seen, [undefined, ""]);
});

Deno.test("a decoder's TypeError is the invocation's error, naming the path", async () => {
  const payload = new TextEncoder().encode('{"Records":[{"s3":{"object":{"size":"abc"}}}]}');
  const input = {
    requestId: "r",
    invokedFunctionArn: "arn",
    deadlineMs: Date.now() + 60_000,
    payload,
  };
  const r = await invoke(() => "unreached", input, {
    decode: decoders.S3Event,
    setTraceEnv: false,
  });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.type, "TypeError");
    assert.equal(r.error.message, 'Records[0].s3.object.size: expected number, got "abc"');
  }
});
