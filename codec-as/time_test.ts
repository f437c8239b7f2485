import assert from "node:assert/strict";
import { decodeTime, encodeTime, timeFromDate, timeToDate } from "./time.ts";

function unhex(s: string): Uint8Array {
  return new Uint8Array(s.replace(/\s+/g, "").match(/../g)!.map((x) => parseInt(x, 16)));
}

// Bytes from Go 1.19: time.Date(2009, 11, 10, 23, 0, 0, 123456789, time.UTC).MarshalBinary()
// and time.Date(1969, 7, 20, 20, 17, 40, 0, time.FixedZone("", -5*3600)).MarshalBinary()
// (the same values are in tests/interop/codecgolden/golden.json: time_top, time_utc_zone).
const utc = "01 00 00 00 0e c2 8b e7 70 07 5b cd 15 ff ff";
const zoned = "01 00 00 00 0e 76 b9 d3 34 00 00 00 00 fe d4";

Deno.test("time: decodes Go's MarshalBinary bytes", () => {
  assert.deepEqual(decodeTime(unhex(utc)), { unixSeconds: 1257894000n, nanos: 123456789 });
  assert.deepEqual(decodeTime(unhex(zoned)), {
    unixSeconds: BigInt(Date.UTC(1969, 6, 21, 1, 17, 40) / 1000),
    nanos: 0,
    offsetSeconds: -18000,
  });
  assert.throws(() => decodeTime(new Uint8Array([1, 2])), RangeError);
});

Deno.test("time: encodes the same bytes and converts Dates", () => {
  assert.deepEqual(encodeTime(decodeTime(unhex(utc))), unhex(utc));
  assert.deepEqual(encodeTime(decodeTime(unhex(zoned))), unhex(zoned));
  const t = timeFromDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)));
  assert.deepEqual(t, { unixSeconds: 1704164645n, nanos: 678000000 });
  assert.equal(timeToDate(t).toISOString(), "2024-01-02T03:04:05.678Z");
  assert.throws(() => encodeTime({ unixSeconds: 0n, nanos: 1e9 }), RangeError);
});
