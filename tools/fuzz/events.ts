/**
 * The event-decoder fuzz target: a full sample JSON of every aws-lambda-go event type
 * (`tests/support/events_samples.ts`), with values replaced by hostile ones (wrong types, huge and deep
 * values, hostile keys, absurd numbers and times), decoded with both string strategies and encoded
 * back. Each must decode to a value (that encodes back without error) or throw a `TypeError` /
 * `RangeError` that names the field path; an engine error (`Cannot read properties…`, `… is not
 * a function`, stack overflow), a foreign prototype or a polluted `Object.prototype` is a finding.
 *
 * @module
 */
import { decoders, type EventName, schemas, WireTime } from "../../events/mod.ts";
import { sample } from "../../tests/support/mod.ts";
import type { Finding } from "./decoder.ts";
import { type Rng, Rng as RngCtor } from "./rng.ts";

function deep(): unknown {
  let v: unknown = 1;
  for (let i = 0; i < 5000; i++) v = [v];
  return v;
}

/** Hostile JSON values, made fresh for every use (JSON has no shared or cyclic values). */
const HOSTILE: (() => unknown)[] = [
  () => null,
  () => 0,
  () => -1,
  () => 1e308,
  () => -1e308,
  () => 2 ** 64,
  () => 0.5,
  () => "",
  () => "x",
  () => "12",
  () => "-0",
  () => "1e400",
  () => "not-a-date",
  () => "9999-99-99T99:99:99Z",
  () => "!!!not base64!!!",
  () => true,
  () => false,
  () => [],
  () => ({}),
  () => [1, "a", null],
  () => ({ a: 1 }),
  () =>
    JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    ),
  () => "x".repeat(100_000),
  deep,
];

/** Paths (as key lists) to every value inside a JSON value. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (out.length > 5000) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === "object") {
    for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  let o = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(o)) delete o[last];
  else o[last] = value;
  return root;
}

const NAMES = Object.keys(schemas).sort() as EventName[];
const ENGINE =
  /Cannot read propert|is not a function|is not iterable|Maximum call stack|undefined is not|null is not|Cannot convert/;
const PROTOS = new Set<unknown>([
  Object.prototype,
  Array.prototype,
  Uint8Array.prototype,
  Date.prototype,
  Map.prototype,
  null,
]);

function foreign(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== "object" || depth > 100) return false;
  if (v instanceof WireTime) return false; // the events module's time classes (GoTime, …)
  if (!PROTOS.has(Object.getPrototypeOf(v))) return true;
  if (v instanceof Uint8Array) return false;
  for (const k of Object.keys(v)) {
    if (foreign((v as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

/**
 * Checks one mutated event.
 * @param rng this input's generator
 * @returns the event type, and a finding when something other than a value or a TypeError/RangeError came out
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkEvent } from "./events.ts";
 * import { Rng } from "./rng.ts";
 * assert.equal(checkEvent(Rng.forInput(1, 0)).finding, undefined);
 * ```
 */
export function checkEvent(rng: Rng): { name: string; finding?: Finding } {
  const name = rng.pick(NAMES);
  let json = structuredClone(
    sample(schemas[name], rng.pick(["full", "null", "blank", "absent"])).json,
  );
  const all = paths(json);
  for (let k = 1 + rng.int(4); k > 0; k--) {
    const path = rng.pick(all);
    try {
      json = setAt(json, path, rng.pick(HOSTILE)(), rng.chance(0.2));
    } catch {
      // the path went away with an earlier replacement
    }
  }
  for (const strategy of ["none", "empty"] as const) {
    const decoder = (strategy === "none" ? decoders.none : decoders.empty)[name] as unknown as {
      (j: unknown): unknown;
      encode(v: unknown): unknown;
    };
    let v: unknown;
    try {
      v = decoder(json);
    } catch (e) {
      if ((e instanceof TypeError || e instanceof RangeError) && !ENGINE.test(e.message)) continue;
      return {
        name,
        finding: { kind: "events-untyped", detail: `${name}/${strategy}: ${describe(e)}` },
      };
    }
    if (foreign(v)) {
      return {
        name,
        finding: { kind: "prototype", detail: `${name}/${strategy}: foreign prototype` },
      };
    }
    try {
      decoder.encode(v);
    } catch (e) {
      return {
        name,
        finding: {
          kind: "events-encode",
          detail: `${name}/${strategy}: encode of a decoded value threw ${describe(e)}`,
        },
      };
    }
  }
  if (({} as Record<string, unknown>).polluted !== undefined) {
    return { name, finding: { kind: "prototype", detail: `${name}: Object.prototype polluted` } };
  }
  return { name };
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e);
}

/**
 * Runs the event-decoder target.
 * @param seed the run's seed
 * @param iterations inputs
 * @returns inputs tried, event types covered and findings (with their index)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runEventsFuzz } from "./events.ts";
 * assert.equal(runEventsFuzz(1, 100).findings.length, 0);
 * ```
 */
export function runEventsFuzz(
  seed: number,
  iterations: number,
): { inputs: number; types: number; findings: (Finding & { index: number })[] } {
  const findings: (Finding & { index: number })[] = [];
  const types = new Set<string>();
  for (let i = 0; i < iterations; i++) {
    const r = checkEvent(RngCtor.forInput(seed ^ 0xe7e7, i));
    types.add(r.name);
    if (r.finding) findings.push({ ...r.finding, index: i });
  }
  return { inputs: iterations, types: types.size, findings };
}
