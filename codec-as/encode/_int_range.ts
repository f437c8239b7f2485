// Internal: the checks that a number or bigint fits a Go integer type before it is encoded.
import type { ScalarSchema } from "../schema.ts";

/** The value of a signed integer schema, checked to fit its width. */
export function intCheck(s: ScalarSchema, v: unknown): number | bigint {
  const bits = s.bits;
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new TypeError(`expected an integer for ${s.goString}`);
    if (!Number.isSafeInteger(v)) throw new RangeError(`${v} is not a safe integer (use bigint)`);
    if (bits < 64 && (v < -(2 ** (bits - 1)) || v >= 2 ** (bits - 1))) {
      throw new RangeError(`${v} overflows ${s.goString}`);
    }
    return v;
  }
  if (typeof v === "bigint") {
    const b = BigInt(bits - 1);
    if (v < -(2n ** b) || v >= 2n ** b) throw new RangeError(`${v} overflows ${s.goString}`);
    return v;
  }
  throw new TypeError(`expected an integer for ${s.goString}`);
}

/** The value of an unsigned integer schema, checked to fit its width. */
export function uintCheck(s: ScalarSchema, v: unknown): number | bigint {
  const bits = s.bits;
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new TypeError(`expected an integer for ${s.goString}`);
    if (v < 0 || !Number.isSafeInteger(v)) {
      throw new RangeError(`${v} out of range for ${s.goString}`);
    }
    if (bits < 64 && v >= 2 ** bits) throw new RangeError(`${v} overflows ${s.goString}`);
    return v;
  }
  if (typeof v === "bigint") {
    if (v < 0n || v >= 2n ** BigInt(bits)) throw new RangeError(`${v} overflows ${s.goString}`);
    return v;
  }
  throw new TypeError(`expected an integer for ${s.goString}`);
}
