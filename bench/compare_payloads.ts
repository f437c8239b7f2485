/**
 * Events for `deno task bench:compare`, in the two shapes of issue 6: one long JSON string, and an
 * array of small records (like an SQS batch). Each is made so that Go's `encoding/json` (through
 * `interface{}`: keys sorted, `<>&` escaped, numbers as float64) and `JSON.stringify` print it
 * byte-equal to itself: keys already sorted, plain ASCII letters, small integers. The load driver
 * checks every reply against the event, so an echo that answers wrong fails the run.
 *
 * @module
 */

/** The two event shapes. */
export type Shape = "string" | "records";

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";

function text(n: number, seed: number): string {
  let s = "";
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s += ALPHABET[(x >>> 0) % ALPHABET.length];
  }
  return s;
}

/**
 * Makes an event of exactly `size` bytes of JSON (or the nearest size the shape allows above it,
 * for sizes below its skeleton).
 *
 * @param shape `"string"`: `{"data":"…"}`; `"records"`: `[{"body":"…","id":"m-…","n":…}, …]`.
 * @param size Bytes of JSON wanted.
 * @returns The JSON text's UTF-8 bytes.
 * @throws {RangeError} When `size` is not a positive integer.
 * @example
 * ```ts
 * import { makeEvent } from "./compare_payloads.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(makeEvent("records", 1024).length, 1024);
 * ```
 */
export function makeEvent(shape: Shape, size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`makeEvent: size must be a positive integer, got ${size}`);
  }
  let json: string;
  if (shape === "string") {
    json = `{"data":"${text(Math.max(0, size - 11), size)}"}`;
  } else {
    const records: string[] = [];
    let total = 2; // [ ]
    let i = 0;
    for (;;) {
      const rec = `{"body":"${text(40, i + 1)}","id":"m-${i}","n":${i % 1000}}`;
      const add = rec.length + (i > 0 ? 1 : 0);
      if (total + add > size && i > 0) break;
      records.push(rec);
      total += add;
      i++;
    }
    // Pad the last record's body to land on the exact size.
    const pad = size - total;
    if (pad > 0) {
      const last = records.length - 1;
      records[last] = records[last].replace('","id"', `${text(pad, 7)}","id"`);
    }
    json = `[${records.join(",")}]`;
  }
  return new TextEncoder().encode(json);
}
