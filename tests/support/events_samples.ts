/**
 * Generated test fixtures for the event decoders: for any schema, a JSON sample with every field
 * present, and variants where every Go `string` field is `null`, `""` or absent — each with what
 * decode∘encode must give back under the `"none"` and `"empty"` strategies. The expectations are
 * worked out here from the rules in `events/runtime/decode.ts`, not by calling the decoder.
 *
 * @module
 */

import {
  type EventSchema as Schema,
  type EventStructSchema as StructSchema,
  resolveSchema as resolve,
} from "../../events/mod.ts";

/** Which treatment the Go string fields get. */
export type Variant = "full" | "null" | "blank" | "absent";

/** A sample input and the JSON each strategy must encode back. */
export interface Sample {
  json: unknown;
  none: unknown;
  empty: unknown;
}

const NUMBERS: Record<string, number> = {
  int: 1234567890123,
  int8: -5,
  int16: -300,
  int32: -70000,
  int64: -1234567890123,
  uint: 9007199254740991,
  uint8: 200,
  uint16: 60000,
  uint32: 4000000000,
  uint64: 9007199254740991,
  float32: 1.5,
  float64: 2.75,
};

const ABSENT = Symbol("absent");
type Out = unknown | typeof ABSENT;

function same(v: unknown): [Out, Out, Out] {
  return [v, v, v];
}

/**
 * Builds the sample of one schema.
 *
 * @param schema The type.
 * @param variant How Go string fields are sent.
 * @returns The input and the expected round trip per strategy.
 * @example
 * ```ts
 * import { sample } from "./events_samples.ts";
 * import { schemas } from "../../events/event_types.ts";
 * import { ok } from "node:assert/strict";
 * const s = sample(schemas.S3Event, "null");
 * ok(s.json !== undefined);
 * ```
 */
export function sample(schema: Schema, variant: Variant): Sample {
  const [json, none, empty] = value(schema, variant, "root", []);
  return { json, none, empty };
}

function value(schema: Schema, variant: Variant, label: string, stack: string[]): [Out, Out, Out] {
  const s = resolve(schema);
  switch (s.kind) {
    case "string":
      // An element (a field's string is handled in struct()).
      if (variant === "null") return [null, null, ""];
      if (variant === "blank") return same("");
      return same(`e-${label}`);
    case "number":
      return same(NUMBERS[s.go]);
    case "bool":
      return same(true);
    case "any":
      return same({ k: [1, "x", null, { n: true }] });
    case "bytes":
      return same("AP8Qaw==");
    case "custom":
      return same(s.codec.sample());
    case "ptr": {
      if (variant === "null") return same(null);
      if (resolve(s.elem).kind === "string") return same(`p-${label}`);
      return value(s.elem, variant, label, stack);
    }
    case "slice": {
      if (variant === "absent") return same(null);
      const a = value(s.elem, variant, label, stack);
      const b = value(s.elem, "full", label, stack);
      return [0, 1, 2].map((i) => [a[i], b[i]]) as [Out, Out, Out];
    }
    case "map": {
      if (variant === "absent") return same(null);
      const a = value(s.elem, variant, label, stack);
      const b = value(s.elem, "full", label, stack);
      return [0, 1, 2].map((i) => ({ a: a[i], "b-c": b[i] })) as [Out, Out, Out];
    }
    case "struct":
      return struct(s, variant, stack);
  }
}

function struct(s: StructSchema, variant: Variant, stack: string[]): [Out, Out, Out] {
  const outs: [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>] = [
    {},
    {},
    {},
  ];
  if (stack.includes(s.name)) return outs;
  const inner = [...stack, s.name];
  for (const field of s.fields) {
    let vals: [Out, Out, Out];
    if (resolve(field.type).kind === "string") {
      const filled = field.omitempty ? ABSENT : "";
      if (variant === "full") vals = same(`s-${field.json}`);
      else if (variant === "null") vals = [null, ABSENT, filled];
      else if (variant === "blank") vals = ["", ABSENT, filled];
      else vals = [ABSENT, ABSENT, filled];
    } else {
      vals = value(field.type, variant, field.json, inner);
    }
    vals.forEach((v, i) => {
      if (v !== ABSENT) outs[i][field.json] = v;
    });
  }
  // An unknown key, to be kept as it is.
  for (const o of outs) o["x-unknown"] = { keep: [1, "two"] };
  return outs;
}
