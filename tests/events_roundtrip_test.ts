// Every generated event type, with generated samples: decode then encode gives back the input,
// except exactly what each string strategy defines.

import assert from "node:assert/strict";
import { decoders, type EventName, schemas } from "../events/mod.ts";
import { sample, type Variant } from "./support/mod.ts";

const names = Object.keys(schemas) as EventName[];

Deno.test("events: the table holds every generated type (282 structs, 26 named, 10 hand-written)", () => {
  assert.equal(names.length, 318);
  assert.ok(names.includes("S3Event") && names.includes("DynamoDBAttributeValue"));
});

for (const variant of ["full", "null", "blank", "absent"] as Variant[]) {
  Deno.test(`events: decode∘encode of every type, strings ${variant}, both strategies`, () => {
    let checked = 0;
    for (const name of names) {
      const s = sample(schemas[name], variant);
      const before = JSON.stringify(s.json);
      for (const strings of ["none", "empty"] as const) {
        const d = decoders[strings][name];
        const input = JSON.parse(before);
        const back = JSON.parse(JSON.stringify(d.encode(d(input) as never)));
        assert.deepEqual(back, s[strings], `${name} (${strings}, ${variant})`);
        assert.equal(JSON.stringify(input), before, `${name}: decode changed its input`);
        checked++;
      }
    }
    assert.equal(checked, names.length * 2);
  });
}

Deno.test("events: the full sample comes back identical under both strategies", () => {
  for (const name of names) {
    const s = sample(schemas[name], "full");
    assert.deepEqual(s.none, s.json, name);
    assert.deepEqual(s.empty, s.json, name);
  }
});

Deno.test("events: a wrong shape deep in a generated sample names its path", () => {
  const s = sample(schemas.S3Event, "full") as {
    json: { Records: { s3: { object: { size: unknown } } }[] };
  };
  s.json.Records[1].s3.object.size = "abc";
  assert.throws(() => decoders.S3Event(s.json), {
    name: "TypeError",
    message: 'Records[1].s3.object.size: expected number, got "abc"',
  });
  const k = sample(schemas.KinesisEvent, "full") as {
    json: { Records: { kinesis: { approximateArrivalTimestamp: unknown } }[] };
  };
  k.json.Records[0].kinesis.approximateArrivalTimestamp = "yesterday";
  assert.throws(() => decoders.empty.KinesisEvent(k.json), {
    name: "TypeError",
    message:
      'Records[0].kinesis.approximateArrivalTimestamp: expected number of epoch seconds, got "yesterday"',
  });
});
