/**
 * Schemas of the hand-written types, and the types themselves, in one place for the generated
 * files to re-export from the file that mirrors their Go file.
 *
 * @module
 */

import { type CustomCodec, type Schema, t } from "./schema.ts";
import {
  CodeBuildTimeCodec,
  CodeCommitEventTimeCodec,
  GoTimeCodec,
  MilliSecondsEpochTimeCodec,
  RFC3339EpochTimeCodec,
  SecondsEpochTimeCodec,
} from "./time_codecs.ts";
import {
  CodeBuildNumberCodec,
  DurationMinutesCodec,
  DurationSecondsCodec,
  JSONNumberBytesCodec,
} from "./numbers.ts";
import { DynamoDBAttributeValueCodec } from "./attribute_value.ts";

export {
  CodeBuildTime,
  CodeCommitEventTime,
  GoTime,
  MilliSecondsEpochTime,
  RFC3339EpochTime,
  SecondsEpochTime,
} from "./times.ts";
export type {
  CodeBuildNumber,
  DurationMinutes,
  DurationSeconds,
  JSONNumberBytes,
} from "./numbers.ts";
export type { DynamoDBAttributeValue } from "./attribute_value.ts";

const c = <T>(codec: CustomCodec<T>): Schema => t.custom(codec);

/** Schema of Go `time.Time` (RFC 3339 text ↔ {@link GoTime}). */
export const GoTimeSchema: Schema = c(GoTimeCodec);
/** Schema of Go `RFC3339EpochTime` (epoch_time.go). */
export const RFC3339EpochTimeSchema: Schema = c(RFC3339EpochTimeCodec);
/** Schema of Go `SecondsEpochTime` (epoch_time.go). */
export const SecondsEpochTimeSchema: Schema = c(SecondsEpochTimeCodec);
/** Schema of Go `MilliSecondsEpochTime` (epoch_time.go). */
export const MilliSecondsEpochTimeSchema: Schema = c(MilliSecondsEpochTimeCodec);
/** Schema of Go `CodeBuildTime` (codebuild.go). */
export const CodeBuildTimeSchema: Schema = c(CodeBuildTimeCodec);
/** Schema of Go `CodeCommitEventTime` (code_commit.go). */
export const CodeCommitEventTimeSchema: Schema = c(CodeCommitEventTimeCodec);
/** Schema of Go `DurationSeconds` (duration.go). */
export const DurationSecondsSchema: Schema = c(DurationSecondsCodec);
/** Schema of Go `DurationMinutes` (duration.go). */
export const DurationMinutesSchema: Schema = c(DurationMinutesCodec);
/** Schema of Go `CodeBuildNumber` (codebuild.go). */
export const CodeBuildNumberSchema: Schema = c(CodeBuildNumberCodec);
/** Schema of Go `JSONNumberBytes` (kafka.go). */
export const JSONNumberBytesSchema: Schema = c(JSONNumberBytesCodec);
/** Schema of Go `DynamoDBAttributeValue` (attributevalue.go). */
export const DynamoDBAttributeValueSchema: Schema = c(DynamoDBAttributeValueCodec);
