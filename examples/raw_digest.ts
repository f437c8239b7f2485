/**
 * Raw bytes: the function gets the payload's bytes as they came — JSON or not, with no parsing —
 * and answers with their length and SHA-256. It only reads the bytes before it answers, so it
 * borrows them (`borrowPayload`): large payloads then share one reused buffer instead of a new one
 * each.
 *
 * `deno task invoke examples/raw_digest.ts --event examples/events/s3_put.json` prints
 * `{"bytes":…,"sha256":"…"}`, the same digest as `sha256sum examples/events/s3_put.json`.
 *
 * @module
 */
import { start, type StartOptions } from "../mod.ts";

/**
 * The payload's length and SHA-256, as JSON text (a raw handler's string is sent as its UTF-8).
 *
 * @param payload The payload's bytes.
 * @returns `{"bytes":…,"sha256":"…"}`.
 * @example
 * ```ts
 * import { handler } from "./raw_digest.ts";
 * import { equal } from "node:assert/strict";
 * // SHA-256 of "abc": the first test vector of FIPS 180-2
 * equal(
 *   await handler(new TextEncoder().encode("abc")),
 *   '{"bytes":3,"sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}',
 * );
 * ```
 */
export async function handler(payload: Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = payload.length;
  const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", payload));
  const sha256 = Array.from(sum, (b) => b.toString(16).padStart(2, "0")).join("");
  return JSON.stringify({ bytes, sha256 });
}

/**
 * How the runtime runs {@linkcode handler}: raw bytes (what `startRaw` sets), borrowed. Exported so
 * that `deno task package` and `invoke --runtime-api`, which import this module rather than run
 * it, start the handler the same way.
 */
export const startOptions: StartOptions<Uint8Array<ArrayBuffer>> = {
  raw: true,
  borrowPayload: true,
};

if (import.meta.main) start(handler, startOptions);
