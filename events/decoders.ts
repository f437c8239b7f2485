/**
 * Decoders for every aws-lambda-go event type, by Go type name, for both string strategies.
 *
 * - `decoders.S3Event` — strategy `"none"` (the default)
 * - `decoders.none.S3Event`, `decoders.empty.S3Event`
 * - `decoder("S3Event", { strings: "empty" })`
 *
 * A decoder is a function `(json: unknown) => T` that throws a `TypeError` naming the field path
 * on a value of the wrong shape; it also has `encode(value)` for the way back to JSON.
 *
 * @module
 */

import { type EventTypes, schemas } from "./event_types.ts";
import { type EventDecoder, makeDecoder } from "./runtime/decoder.ts";
import type { Strategy } from "./runtime/schema.ts";

/** A Go type name with a generated decoder, e.g. `"S3Event"`. */
export type EventName = keyof EventTypes;

/** One decoder per Go type name, for strategy `S`. */
export type DecoderSet<S extends Strategy> = {
  readonly [K in EventName]: EventDecoder<EventTypes<S>[K]>;
};

function decoderSet<S extends Strategy>(strings: S): DecoderSet<S> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(schemas) as EventName[]) {
    out[name] = makeDecoder(name, schemas[name], strings);
  }
  return Object.freeze(out) as DecoderSet<S>;
}

const none = decoderSet("none");
const empty = decoderSet("empty");

/**
 * Every decoder: `decoders.<GoName>` (strategy `"none"`), `decoders.none.<GoName>`,
 * `decoders.empty.<GoName>`.
 *
 * @example
 * ```ts
 * import { decoders } from "./decoders.ts";
 * import { ok } from "node:assert/strict";
 * const e = decoders.empty.SQSEvent({ Records: [{ body: null }] });
 * ok(e.Records?.[0].body === "");
 * const n = decoders.SQSEvent({ Records: [{ body: "" }] });
 * ok(n.Records?.[0].body === undefined);
 * ```
 */
export const decoders: DecoderSet<"none"> & {
  readonly none: DecoderSet<"none">;
  readonly empty: DecoderSet<"empty">;
} = Object.freeze({ ...none, none, empty });

/** Options of {@link decoder}. */
export interface DecoderOptions<S extends Strategy> {
  /** How Go string fields treat JSON `null`, `""` and absence; default `"none"`. */
  strings?: S;
}

/**
 * The decoder of one Go type under one strategy.
 *
 * @param name The Go type name, e.g. `"S3Event"`.
 * @param options `strings`: `"none"` (default) or `"empty"`.
 * @returns The decoder.
 * @throws {TypeError} `name` is not a known type (the message lists close names).
 * @example
 * ```ts
 * import { decoder } from "./decoders.ts";
 * import { ok } from "node:assert/strict";
 * const d = decoder("S3Event", { strings: "empty" });
 * ok(d({}).Records === undefined);
 * ```
 */
export function decoder<K extends EventName, S extends Strategy = "none">(
  name: K,
  options?: DecoderOptions<S>,
): EventDecoder<EventTypes<S>[K]> {
  const strings = options?.strings ?? "none";
  if (strings !== "none" && strings !== "empty") {
    throw new TypeError(`strings: expected "none" or "empty", got ${JSON.stringify(strings)}`);
  }
  const set: Record<string, unknown> = strings === "empty" ? empty : none;
  if (!Object.hasOwn(set, name)) {
    const near = closeNames(String(name));
    throw new TypeError(
      `unknown event type ${JSON.stringify(name)}` +
        (near.length > 0 ? `; did you mean ${near.join(", ")}?` : ""),
    );
  }
  return set[name] as EventDecoder<EventTypes<S>[K]>;
}

/**
 * Known Go type names close to `name` (case-insensitive substring or small edit distance).
 *
 * @param name A type name that may be misspelled.
 * @param max How many to return at most.
 * @returns Up to `max` names, closest first.
 * @example
 * ```ts
 * import { closeNames } from "./decoders.ts";
 * import { ok } from "node:assert/strict";
 * ok(closeNames("S3Evnt")[0] === "S3Event");
 * ```
 */
export function closeNames(name: string, max = 5): string[] {
  const want = name.toLowerCase();
  const scored = Object.keys(schemas).map((n) => {
    const low = n.toLowerCase();
    const d = distance(want, low);
    const score = low === want ? -2 : low.includes(want) || want.includes(low) ? -1 : d;
    return { n, score };
  });
  const limit = Math.max(2, Math.floor(want.length / 3));
  return scored.filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.n.length - b.n.length || (a.n < b.n ? -1 : 1))
    .slice(0, max).map((s) => s.n);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
