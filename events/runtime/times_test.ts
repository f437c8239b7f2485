import assert from "node:assert/strict";
import {
  CodeBuildTime,
  CodeCommitEventTime,
  GoTime,
  MilliSecondsEpochTime,
  RFC3339EpochTime,
  SecondsEpochTime,
} from "./times.ts";
import {
  CodeBuildTimeCodec,
  GoTimeCodec,
  MilliSecondsEpochTimeCodec,
  SecondsEpochTimeCodec,
} from "./time_codecs.ts";

Deno.test("GoTime: RFC 3339 with nanoseconds and offsets keeps its text and its instant", () => {
  const t = GoTime.parse("2024-02-29T23:59:58.123456789+05:30");
  assert.equal(t.epochMs, Date.UTC(2024, 1, 29, 18, 29, 58, 123));
  assert.equal(JSON.stringify({ t }), '{"t":"2024-02-29T23:59:58.123456789+05:30"}');
  assert.equal(GoTime.parse("1970-01-01T00:00:00Z").epochMs, 0);
  assert.equal(GoTime.parse("1969-12-31T23:00:00-01:00").epochMs, 0);
  assert.equal(GoTime.fromDate(new Date(1500)).wire, "1970-01-01T00:00:01.500Z");
});

Deno.test("GoTime: impossible or malformed times are TypeErrors", () => {
  for (const s of ["2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01 00:00:00Z", "x"]) {
    assert.throws(() => GoTime.parse(s), TypeError, s);
  }
  assert.throws(
    () => GoTimeCodec.decode(5, "a.b"),
    /^TypeError: a\.b: expected time\.Time string, got 5$/,
  );
  assert.throws(
    () => GoTimeCodec.decode("yesterday", "t"),
    /t: expected time\.Time string, got "yesterday"/,
  );
});

Deno.test("RFC3339EpochTime: whole seconds from a Date", () => {
  assert.equal(
    RFC3339EpochTime.fromDate(new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 600))).wire,
    "2020-01-02T03:04:05Z",
  );
  assert.equal(
    RFC3339EpochTime.parse("2020-01-02T03:04:05+01:00").epochMs,
    Date.UTC(2020, 0, 2, 2, 4, 5),
  );
});

Deno.test("SecondsEpochTime and MilliSecondsEpochTime keep the number they were given", () => {
  const s = SecondsEpochTimeCodec.decode(1709251198.25, "x");
  assert.equal(s.epochMs, 1709251198250);
  assert.equal(SecondsEpochTimeCodec.encode(s), 1709251198.25);
  assert.equal(SecondsEpochTime.fromDate(new Date(2500)).wire, 2.5);
  const m = MilliSecondsEpochTimeCodec.decode(1709251198250, "x");
  assert.equal(m.toDate().toISOString(), "2024-02-29T23:59:58.250Z");
  assert.equal(MilliSecondsEpochTime.fromDate(new Date(7)).wire, 7);
  assert.throws(
    () => MilliSecondsEpochTimeCodec.decode(1.5, "ts"),
    /ts: expected integer of epoch/,
  );
  assert.throws(() => SecondsEpochTimeCodec.decode("1", "ts"), TypeError);
});

Deno.test("CodeBuildTime: 12-hour clock, read as UTC, and back", () => {
  assert.equal(
    CodeBuildTime.parse("Sep 1, 2017 4:12:29 PM").epochMs,
    Date.UTC(2017, 8, 1, 16, 12, 29),
  );
  assert.equal(
    CodeBuildTime.parse("Jan 2, 2006 12:04:05 AM").epochMs,
    Date.UTC(2006, 0, 2, 0, 4, 5),
  );
  assert.equal(
    CodeBuildTime.parse("Jan 2, 2006 12:04:05 PM").epochMs,
    Date.UTC(2006, 0, 2, 12, 4, 5),
  );
  assert.equal(
    CodeBuildTime.fromDate(new Date(Date.UTC(2006, 0, 2, 0, 4, 5))).wire,
    "Jan 2, 2006 12:04:05 AM",
  );
  assert.equal(
    CodeBuildTime.fromDate(new Date(Date.UTC(2017, 8, 1, 16, 12, 29))).wire,
    "Sep 1, 2017 4:12:29 PM",
  );
  assert.throws(() => CodeBuildTimeCodec.decode("Foo 1, 2017 4:12:29 PM", "t"), TypeError);
  assert.throws(() => CodeBuildTime.parse("Sep 1, 2017 13:12:29 PM"), TypeError);
});

Deno.test("CodeCommitEventTime: day without padding, numeric offset", () => {
  const t = CodeCommitEventTime.parse("2016-02-9T12:29:32.000+0100");
  assert.equal(t.epochMs, Date.UTC(2016, 1, 9, 11, 29, 32));
  assert.equal(
    CodeCommitEventTime.fromDate(new Date(Date.UTC(2016, 1, 9, 11, 29, 32, 5))).wire,
    "2016-02-9T11:29:32.005+0000",
  );
  assert.throws(() => CodeCommitEventTime.parse("2016-02-09T12:29:32Z"), TypeError);
});

Deno.test("time codecs encode their wire value, and pass hand-written JSON values through", () => {
  assert.equal(
    GoTimeCodec.encode(GoTime.parse("2020-01-01T00:00:00+01:00")),
    "2020-01-01T00:00:00+01:00",
  );
  assert.equal(
    GoTimeCodec.encode("2020-01-01T00:00:00Z" as unknown as GoTime),
    "2020-01-01T00:00:00Z",
  );
  assert.equal(SecondsEpochTimeCodec.encode(1.5 as unknown as SecondsEpochTime), 1.5);
});
