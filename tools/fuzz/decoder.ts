/**
 * The decoder fuzz target: one input, decoded schema-less (`nextAny`) and schema-driven (the
 * Lambda message schemas, alternating header and body like the server and the client do), whole
 * and in random pieces. An input may end as values, "need more" or a `GobError`; anything else is
 * a finding: a WASM trap, an untyped exception, a different result when split, a decoded object
 * with a foreign prototype, a polluted `Object.prototype`, or codec memory above the bound.
 * What a finding is, and the printer of decoded values, are in `_findings.ts`.
 *
 * @module
 */
import {
  DEFAULT_LIMITS,
  gob,
  GobDecoder,
  GobError,
  type GobLimits,
  type Schema,
} from "../../codec-as/mod.ts";
import { memoryBuffer } from "../../codec-as/wasm/mod.ts";
import {
  InvokeRequest,
  InvokeResponse,
  PingRequest,
  PingResponse,
  RpcRequest,
  RpcResponse,
} from "../../server/go1x/mod.ts";
import { describe, FindingError, print } from "./_findings.ts";
import type { Rng } from "./rng.ts";

export { type Finding, FindingError } from "./_findings.ts";

/** How an input is decoded. */
export type DecodeMode = "any" | "rpc-server-side" | "rpc-client-side" | "schemas";

/** All modes. */
export const DECODE_MODES: readonly DecodeMode[] = [
  "any",
  "rpc-server-side",
  "rpc-client-side",
  "schemas",
];

/** The normal ends of one decode. */
export interface Decoded {
  /** "more" (stream ended mid-message or cleanly) or "error" (GobError). */
  end: "more" | "error";
  /** Values decoded before the end. */
  values: number;
  /** A text summary of the values and the end (for comparing whole vs split decoding). */
  print: string;
}

const Point = gob.struct("main.Point", { X: gob.int, Y: gob.int });
const SCHEMAS: Schema[] = [
  gob.int,
  gob.int64,
  gob.uint64,
  gob.string,
  gob.bytes,
  gob.float,
  gob.complex,
  gob.bool,
  gob.interface,
  gob.slice(gob.int),
  gob.slice(gob.ptr(Point)),
  gob.array(gob.uint, 3),
  gob.map(gob.string, gob.int),
  gob.map(gob.int, gob.slice(gob.string)),
  Point,
  InvokeRequest,
  InvokeResponse,
  gob.marshaler("time.Time", "GobEncoder"),
];

/** Small limits, so limit paths are exercised too. */
export const SMALL_LIMITS: GobLimits = { maxMessageBytes: 4096, maxDepth: 16, maxElements: 512 };

/**
 * Decodes an input to the end.
 *
 * @param input the bytes
 * @param mode how to decode
 * @param pieces where to split the input (sorted offsets); [] = push it whole
 * @param limits decoder limits
 * @param schemaPick which schema `schemas` mode uses
 * @returns the normal end
 * @throws {FindingError} for anything that is not values, need-more or GobError
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeInput } from "./decoder.ts";
 * assert.equal(decodeInput(new Uint8Array([3, 4, 0, 6]), "any", []).values, 1);
 * ```
 */
export function decodeInput(
  input: Uint8Array,
  mode: DecodeMode,
  pieces: readonly number[],
  limits?: GobLimits,
  schemaPick = 0,
): Decoded {
  const dec = new GobDecoder({ limits });
  const out: string[] = [];
  const budget = { n: 20_000 };
  let values = 0;
  const cuts = [...pieces, input.length];
  let from = 0, cut = 0;
  let header: { ServiceMethod: string } | undefined;
  let end: "more" | "error" = "more";
  try {
    for (;;) {
      let v: unknown;
      try {
        switch (mode) {
          case "any":
            v = dec.nextAny();
            break;
          case "schemas":
            v = dec.next(SCHEMAS[schemaPick % SCHEMAS.length]);
            break;
          case "rpc-server-side":
          case "rpc-client-side": {
            const server = mode === "rpc-server-side";
            if (header === undefined) {
              v = server ? dec.next(RpcRequest) : dec.next(RpcResponse);
              if (v !== undefined) {
                header = v as { ServiceMethod: string };
                out.push(`H${header.ServiceMethod.length}`);
                continue;
              }
            } else {
              const m = header.ServiceMethod;
              v = m === "Function.Invoke"
                ? dec.next<unknown>(server ? InvokeRequest : InvokeResponse)
                : m === "Function.Ping"
                ? dec.next<unknown>(server ? PingRequest : PingResponse)
                : dec.nextAny();
              if (v !== undefined) header = undefined;
            }
            break;
          }
        }
      } catch (e) {
        if (e instanceof FindingError) throw e;
        if (e instanceof GobError) {
          if (/codec trap/.test(e.message)) {
            throw new FindingError({ kind: "trap", detail: describe(e) });
          }
          out.push(`E@${e.offset}`);
          end = "error";
          break;
        }
        if (e instanceof WebAssembly.RuntimeError) {
          throw new FindingError({ kind: "trap", detail: describe(e) });
        }
        throw new FindingError({ kind: "untyped", detail: describe(e) });
      }
      if (v === undefined) {
        if (from >= input.length) break;
        const to = cuts[cut++];
        if (to > from) dec.push(input.subarray(from, to));
        from = Math.max(from, to);
        continue;
      }
      values++;
      print(v, out, budget);
      out.push(";");
    }
  } finally {
    dec.free();
  }
  return { end, values, print: out.join(" ") };
}

/** Options of {@linkcode checkInput}. */
export interface CheckOptions {
  /** Largest codec memory allowed after an input (bytes). */
  maxMemory: number;
}

/**
 * doc.go's `Point{22, 33}` as Go encodes it: a type definition (32 bytes), then the value message
 * (8 bytes). Fuzz checks keep half of it in a long-lived decoder across inputs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { POINT_STREAM } from "./decoder.ts";
 * assert.equal(POINT_STREAM.length, 40);
 * ```
 */
export const POINT_STREAM: Uint8Array = Uint8Array.from(
  "1fff8103010105506f696e7401ff82000102010158010400010159010400000007ff82012c014200".match(/../g)!,
  (h) => parseInt(h, 16),
);

let sentinel: GobDecoder | undefined;

/**
 * A long-lived decoder that always holds half of a value message between inputs: it must still
 * decode Point{22, 33} when the rest arrives (an input that corrupts other streams shows here).
 */
function checkSentinel(): void {
  if (sentinel === undefined) {
    sentinel = new GobDecoder();
    sentinel.push(POINT_STREAM.subarray(0, 36));
  }
  const s = sentinel;
  let detail: string | undefined;
  try {
    s.push(POINT_STREAM.subarray(36));
    const p = s.nextAny() as { X: number; Y: number } | undefined;
    if (JSON.stringify(p) !== '{"X":22,"Y":33}') detail = `decoded ${JSON.stringify(p)}`;
    s.push(POINT_STREAM.subarray(32, 36));
    if (detail === undefined && s.nextAny() !== undefined) detail = "decoded half a message";
  } catch (e) {
    detail = `threw ${describe(e)}`;
  }
  if (detail !== undefined) {
    // Start a fresh bystander so one corruption is reported once, not on every later check.
    sentinel = undefined;
    try {
      s.free();
    } catch {
      // the corrupted stream may not even free cleanly
    }
    throw new FindingError({ kind: "sentinel", detail: `another stream ${detail}` });
  }
}

/**
 * Checks one input in every way the run asks for.
 *
 * @param input the bytes
 * @param rng this input's generator (mode, splits, limits)
 * @param options bounds
 * @returns the decode mode used (for statistics)
 * @throws {FindingError} for a finding
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkInput } from "./decoder.ts";
 * import { Rng } from "./rng.ts";
 * const mode = checkInput(new Uint8Array([3, 4, 0, 6]), Rng.forInput(1, 0), { maxMemory: 1 << 30 });
 * assert.equal(typeof mode, "string");
 * ```
 */
export function checkInput(input: Uint8Array, rng: Rng, options: CheckOptions): DecodeMode {
  const mode = rng.pick(DECODE_MODES);
  const limits = rng.chance(0.2) ? SMALL_LIMITS : undefined;
  const pick = rng.int(SCHEMAS.length);
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).length;
  const whole = decodeInput(input, mode, [], limits, pick);
  if (rng.chance(0.3) && input.length > 1) {
    const n = 1 + rng.int(Math.min(8, input.length - 1));
    const cuts = new Set<number>();
    for (let k = 0; k < n; k++) cuts.add(1 + rng.int(input.length - 1));
    if (rng.chance(0.1) && input.length < 512) {
      for (let k = 1; k < input.length; k++) cuts.add(k);
    }
    const split = decodeInput(input, mode, [...cuts].sort((a, b) => a - b), limits, pick);
    if (split.print !== whole.print) {
      throw new FindingError({
        kind: "split",
        detail: `whole: ${whole.print.slice(0, 300)} / split: ${split.print.slice(0, 300)}`,
      });
    }
  }
  if (
    Object.getOwnPropertyNames(Object.prototype).length !== protoBefore ||
    ({} as Record<string, unknown>).X !== undefined
  ) {
    throw new FindingError({ kind: "prototype", detail: "Object.prototype changed" });
  }
  if (memoryBuffer().byteLength > options.maxMemory) {
    throw new FindingError({
      kind: "memory",
      detail: `codec memory ${memoryBuffer().byteLength} bytes after this input`,
    });
  }
  if (rng.chance(0.05)) checkSentinel();
  return mode;
}

/** The default memory bound: the default message limit twice over plus slack. */
export const DEFAULT_MAX_MEMORY: number = 2 * DEFAULT_LIMITS.maxMessageBytes + (64 << 20);
