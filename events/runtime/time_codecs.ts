/**
 * The JSON codecs of the time types in `times.ts`, as the event decoders use them: each checks the
 * JSON form, keeps it, and writes it back unchanged.
 *
 * @module
 */
import { shapeError } from "./_path.ts";
import type { CustomCodec } from "./schema.ts";
import {
  CodeBuildTime,
  CodeCommitEventTime,
  GoTime,
  MilliSecondsEpochTime,
  RFC3339EpochTime,
  SecondsEpochTime,
  WireTime,
} from "./times.ts";

/** The wire value of a time; any other value (a string or number put there by hand) as it is. */
function wireOf(value: unknown): unknown {
  return value instanceof WireTime ? value.wire : value;
}

function textCodec<T>(
  name: string,
  parse: (text: string) => T,
  sample: string,
): CustomCodec<T> {
  return {
    name,
    decode(json, path) {
      if (typeof json !== "string") throw shapeError(path, `${name} string`, json);
      try {
        return parse(json);
      } catch {
        throw shapeError(path, `${name} string`, json);
      }
    },
    encode: wireOf,
    sample: () => sample,
  };
}

/** Codec of Go `time.Time`. */
export const GoTimeCodec: CustomCodec<GoTime> = textCodec(
  "time.Time",
  GoTime.parse,
  "2024-02-29T23:59:58.123456789+05:30",
);
/** Codec of Go `RFC3339EpochTime`. */
export const RFC3339EpochTimeCodec: CustomCodec<RFC3339EpochTime> = textCodec(
  "RFC3339EpochTime",
  RFC3339EpochTime.parse,
  "2024-02-29T23:59:58Z",
);
/** Codec of Go `CodeBuildTime`. */
export const CodeBuildTimeCodec: CustomCodec<CodeBuildTime> = textCodec(
  "CodeBuildTime",
  CodeBuildTime.parse,
  "Sep 1, 2017 4:12:29 PM",
);
/** Codec of Go `CodeCommitEventTime`. */
export const CodeCommitEventTimeCodec: CustomCodec<CodeCommitEventTime> = textCodec(
  "CodeCommitEventTime",
  CodeCommitEventTime.parse,
  "2016-02-9T12:29:32.000+0000",
);

/** Codec of Go `SecondsEpochTime`. */
export const SecondsEpochTimeCodec: CustomCodec<SecondsEpochTime> = {
  name: "SecondsEpochTime",
  decode(json, path) {
    if (typeof json !== "number") throw shapeError(path, "number of epoch seconds", json);
    return SecondsEpochTime.of(json);
  },
  encode: wireOf,
  sample: () => 1709251198.25,
};

/** Codec of Go `MilliSecondsEpochTime`. */
export const MilliSecondsEpochTimeCodec: CustomCodec<MilliSecondsEpochTime> = {
  name: "MilliSecondsEpochTime",
  decode(json, path) {
    if (typeof json !== "number" || !Number.isSafeInteger(json)) {
      throw shapeError(path, "integer of epoch milliseconds", json);
    }
    return MilliSecondsEpochTime.of(json);
  },
  encode: wireOf,
  sample: () => 1709251198250,
};
