/**
 * An S3 event, decoded into the generated `S3Event` type (strategy `empty`: absent strings are
 * `""`), summarised as one line per record.
 *
 * `deno task invoke examples/s3_summary.ts --event examples/events/s3_put.json` prints
 * `"2 records: ObjectCreated:Put photos/cat.jpg (1024 bytes) in my-bucket; ObjectRemoved:Delete notes.txt (0 bytes) in my-bucket"`.
 *
 * @module
 */
import { start, type StartOptions } from "../mod.ts";
import { decoders, type S3Event } from "../events/mod.ts";

/**
 * Summarises the records.
 *
 * @param event The decoded S3 event.
 * @returns One sentence listing every record.
 */
export function handler(event: S3Event<"empty">): string {
  const records = event.Records ?? [];
  const lines = records.map((r) =>
    `${r.eventName} ${r.s3?.object?.key ?? ""} (${r.s3?.object?.size ?? 0} bytes) in ${
      r.s3?.bucket?.name ?? ""
    }`
  );
  return `${records.length} record${records.length === 1 ? "" : "s"}: ${lines.join("; ")}`;
}

/**
 * How the runtime runs {@linkcode handler}: with the `S3Event` decoder. Exported so that
 * `deno task package` and `invoke --runtime-api`, which import this module rather than run it,
 * start the handler the same way.
 */
export const startOptions: StartOptions<S3Event<"empty">> = { decode: decoders.empty.S3Event };

if (import.meta.main) start(handler, startOptions);
