/**
 * The commands behind `deno task gob`: `dump` (gob stream → JSON lines, as Go prints them) and
 * `encode` (JSON lines → gob, for a Go type).
 *
 * @module
 */
export { readLines, TextSink } from "./_io.ts";
export { dumpStream } from "./dump.ts";
export { encodeJsonLines, resolveRootType } from "./encode.ts";
