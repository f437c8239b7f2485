import assert from "node:assert/strict";
import { CodeBuildNumberCodec, DurationSecondsCodec, JSONNumberBytesCodec } from "./numbers.ts";

Deno.test("JSONNumberBytes: signed bytes ↔ Uint8Array, and back", () => {
  const b = JSONNumberBytesCodec.decode([104, -1, -128, 127, 0], "h");
  assert.deepEqual([...b], [104, 255, 128, 127, 0]);
  assert.deepEqual(JSONNumberBytesCodec.encode(b), [104, -1, -128, 127, 0]);
});

Deno.test("JSONNumberBytes: wrong shapes and ranges", () => {
  assert.throws(
    () => JSONNumberBytesCodec.decode("aGk=", "h"),
    /h: expected array of signed bytes/,
  );
  assert.throws(
    () => JSONNumberBytesCodec.decode([1, 1.5], "h"),
    /h\[1\]: expected integer, got 1\.5/,
  );
  assert.throws(() => JSONNumberBytesCodec.decode([200], "h"), RangeError);
});

Deno.test("durations and CodeBuildNumber keep the number as sent", () => {
  assert.equal(DurationSecondsCodec.decode(1.5, "d"), 1.5);
  assert.equal(DurationSecondsCodec.encode(90), 90);
  assert.equal(CodeBuildNumberCodec.decode(3, "n"), 3);
  assert.throws(() => DurationSecondsCodec.decode("90", "d"), /d: expected number, got "90"/);
});
