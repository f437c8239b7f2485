/**
 * Hand-written TypeScript for aws-lambda-go's number-like types with their own JSON methods.
 *
 * | Go type (file)                      | TypeScript   | JSON form                            |
 * |-------------------------------------|--------------|--------------------------------------|
 * | `DurationSeconds` (duration.go)     | `number`     | number of seconds (kept as received) |
 * | `DurationMinutes` (duration.go)     | `number`     | number of minutes (kept as received) |
 * | `CodeBuildNumber` (codebuild.go)    | `number`     | number (Go reads it as float32)      |
 * | `JSONNumberBytes` (kafka.go)        | `Uint8Array` | array of signed bytes, -128..127     |
 *
 * @module
 */

import { indexPath, rangeError, shapeError } from "./_path.ts";
import type { CustomCodec } from "./schema.ts";

/** Go `DurationSeconds` (duration.go): a number of seconds. */
export type DurationSeconds = number;
/** Go `DurationMinutes` (duration.go): a number of minutes. */
export type DurationMinutes = number;
/** Go `CodeBuildNumber` (codebuild.go): a number. */
export type CodeBuildNumber = number;
/** Go `JSONNumberBytes` (kafka.go): bytes, written in JSON as signed 8-bit integers. */
export type JSONNumberBytes = Uint8Array;

function numberCodec(name: string, sample: number): CustomCodec<number> {
  return {
    name,
    decode(json, path) {
      if (typeof json !== "number") throw shapeError(path, "number", json);
      return json;
    },
    encode: (value) => value,
    sample: () => sample,
  };
}

/** Codec of Go `DurationSeconds`. */
export const DurationSecondsCodec: CustomCodec<number> = numberCodec("DurationSeconds", 90);
/** Codec of Go `DurationMinutes`. */
export const DurationMinutesCodec: CustomCodec<number> = numberCodec("DurationMinutes", 15);
/** Codec of Go `CodeBuildNumber`. */
export const CodeBuildNumberCodec: CustomCodec<number> = numberCodec("CodeBuildNumber", 42);

/** Codec of Go `JSONNumberBytes`: `[104, -1]` ↔ `Uint8Array [104, 255]`. */
export const JSONNumberBytesCodec: CustomCodec<Uint8Array> = {
  name: "JSONNumberBytes",
  decode(json, path) {
    if (!Array.isArray(json)) throw shapeError(path, "array of signed bytes", json);
    const out = new Uint8Array(json.length);
    json.forEach((v, i) => {
      if (typeof v !== "number" || !Number.isInteger(v)) {
        throw shapeError(indexPath(path, i), "integer", v);
      }
      if (v < -128 || v > 127) {
        throw rangeError(indexPath(path, i), `${v} is out of range for Go int8`);
      }
      out[i] = v & 0xff;
    });
    return out;
  },
  encode: (value) => Array.from(value, (b) => (b << 24) >> 24),
  sample: () => [104, 105, -1, -128, 127],
};
