/**
 * `time.Time` on the wire: Go's `Time.MarshalBinary` bytes (a GobEncoder named "Time"). These
 * hooks turn them into a plain description and back, so callers (the CLI) can print and parse
 * times without losing nanoseconds or the zone offset.
 *
 * @module
 */

/** A Go time: Unix seconds, nanoseconds, and the zone offset (undefined = UTC). */
export interface GoTime {
  /** Seconds since 1970-01-01T00:00:00Z. */
  unixSeconds: bigint;
  /** Nanoseconds within the second, 0..999,999,999. */
  nanos: number;
  /** Zone offset east of UTC in seconds; undefined for UTC. */
  offsetSeconds?: number;
}

const UNIX_TO_INTERNAL = 62135596800n; // seconds from year 1 to 1970

/**
 * Parses `Time.MarshalBinary` bytes (versions 1 and 2).
 *
 * @param b the bytes of a `time.Time` value
 * @returns the time
 * @throws {RangeError} when the bytes are not a marshaled time
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeTime } from "./time.ts";
 * const t = decodeTime(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]));
 * assert.equal(t.unixSeconds, -62135596800n); // the zero time, 0001-01-01
 * ```
 */
export function decodeTime(b: Uint8Array): GoTime {
  const version = b[0];
  const want = version === 1 ? 15 : version === 2 ? 16 : -1;
  if (b.length !== want) {
    throw new RangeError(`time.Time: invalid marshaled length ${b.length} (version ${version})`);
  }
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const sec = v.getBigInt64(1);
  const nanos = v.getInt32(9);
  if (nanos < 0 || nanos > 999_999_999) throw new RangeError(`time.Time: nanoseconds ${nanos}`);
  const offMin = v.getInt16(13);
  const t: GoTime = { unixSeconds: sec - UNIX_TO_INTERNAL, nanos };
  if (offMin !== -1) t.offsetSeconds = offMin * 60 + (version === 2 ? b[15] : 0);
  return t;
}

/**
 * Marshals a time like Go's `Time.MarshalBinary` (version 1, or 2 when the offset has seconds).
 *
 * @param t the time
 * @returns the bytes
 * @throws {RangeError} nanoseconds or offset out of range
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeTime } from "./time.ts";
 * assert.equal(encodeTime({ unixSeconds: 0n, nanos: 0 }).length, 15);
 * ```
 */
export function encodeTime(t: GoTime): Uint8Array {
  if (!Number.isInteger(t.nanos) || t.nanos < 0 || t.nanos > 999_999_999) {
    throw new RangeError(`time.Time: nanoseconds ${t.nanos}`);
  }
  const off = t.offsetSeconds;
  if (off !== undefined && (!Number.isInteger(off) || Math.abs(off) > 32767 * 60)) {
    throw new RangeError(`time.Time: zone offset ${off}`);
  }
  const withSec = off !== undefined && off % 60 !== 0;
  const b = new Uint8Array(withSec ? 16 : 15);
  const v = new DataView(b.buffer);
  b[0] = withSec ? 2 : 1;
  v.setBigInt64(1, BigInt.asIntN(64, t.unixSeconds + UNIX_TO_INTERNAL));
  v.setInt32(9, t.nanos);
  if (off === undefined) v.setInt16(13, -1);
  else {
    v.setInt16(13, Math.trunc(off / 60));
    if (withSec) b[15] = ((off % 60) + 60) % 60;
  }
  return b;
}

/**
 * A JavaScript Date (millisecond precision, UTC) as a GoTime.
 *
 * @param d the date
 * @returns the time
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timeFromDate } from "./time.ts";
 * assert.deepEqual(timeFromDate(new Date(1500)), { unixSeconds: 1n, nanos: 500000000 });
 * ```
 */
export function timeFromDate(d: Date): GoTime {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid Date");
  const s = Math.floor(ms / 1000);
  return { unixSeconds: BigInt(s), nanos: (ms - s * 1000) * 1_000_000 };
}

/**
 * A GoTime as a JavaScript Date (nanoseconds truncated to milliseconds; the offset is dropped:
 * a Date is an instant).
 *
 * @param t the time
 * @returns the date
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timeToDate } from "./time.ts";
 * assert.equal(timeToDate({ unixSeconds: 1n, nanos: 500000000 }).getTime(), 1500);
 * ```
 */
export function timeToDate(t: GoTime): Date {
  return new Date(Number(t.unixSeconds) * 1000 + Math.floor(t.nanos / 1_000_000));
}
