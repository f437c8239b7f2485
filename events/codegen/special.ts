/**
 * What the generator does not derive from the Go declarations: types written by hand in
 * `events/runtime/`, types it leaves out, and custom JSON methods it has checked by hand.
 * The generator stops with an error when a type has `MarshalJSON`/`UnmarshalJSON` and is in none
 * of these tables, so a new upstream special type cannot slip through as a plain struct.
 *
 * @module
 */

/** A hand-written type: its runtime module and whether it is a class (a value) or a type only. */
export interface Special {
  module: string;
  value: boolean;
  /** How it looks on the wire, for the JSDoc of fields of this type. */
  wire: string;
}

/** Go types written by hand in TypeScript, by Go name. */
export const SPECIAL: Readonly<Record<string, Special>> = {
  RFC3339EpochTime: { module: "times.ts", value: true, wire: "RFC 3339 string" },
  SecondsEpochTime: { module: "times.ts", value: true, wire: "number, seconds since 1970" },
  MilliSecondsEpochTime: {
    module: "times.ts",
    value: true,
    wire: "integer, milliseconds since 1970",
  },
  CodeBuildTime: { module: "times.ts", value: true, wire: 'string like "Sep 1, 2017 4:12:29 PM"' },
  CodeCommitEventTime: {
    module: "times.ts",
    value: true,
    wire: 'string like "2016-02-9T12:29:32.000+0000"',
  },
  DurationSeconds: { module: "numbers.ts", value: false, wire: "number of seconds" },
  DurationMinutes: { module: "numbers.ts", value: false, wire: "number of minutes" },
  CodeBuildNumber: { module: "numbers.ts", value: false, wire: "number" },
  JSONNumberBytes: { module: "numbers.ts", value: false, wire: "array of signed bytes" },
  DynamoDBAttributeValue: {
    module: "attribute_value.ts",
    value: false,
    wire: 'object with one type key ("S", "N", "M", …)',
  },
};

/** Exported Go types that are not generated, with the reason. */
export const SKIPPED: Readonly<Record<string, string>> = {
  APIGatewayProxyStreamingResponse:
    "a streaming response: its Body is an io.Reader and its MarshalJSON always fails",
  LambdaFunctionURLStreamingResponse:
    "a streaming response: its Body is an io.Reader and its MarshalJSON always fails",
};

/** Generated types whose custom JSON methods were read and need nothing more. */
export const CHECKED_METHODS: Readonly<Record<string, string>> = {
  S3Object: "UnmarshalJSON fills URLDecodedKey from Key; here urlDecodeS3Key(key) does that",
  ECSContainerInstanceEventResource:
    "MarshalJSON only keeps an empty stringSetValue array, which the schema encoder does anyway",
};
