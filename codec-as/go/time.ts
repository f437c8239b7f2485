/**
 * `time.Time` from RFC 3339 text (what its `UnmarshalJSON` accepts) to the bytes of its
 * `GobEncode` (Go 1.19's version-1 binary form).
 *
 * @module
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Days from 1970-01-01 to the civil date (proleptic Gregorian). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/**
 * The `GobEncode` bytes of the `time.Time` that Go's `time.Parse(time.RFC3339, s)` returns.
 * `Z` gives the UTC location (offset −1 on the wire); a numeric offset gives a fixed zone.
 *
 * @param s RFC 3339 text, e.g. `2020-01-02T03:04:05.0000006Z`.
 * @returns 15 bytes: version 1, seconds since year 1 (int64), nanoseconds (int32), offset minutes
 *   (int16), all big-endian.
 * @throws {RangeError} When `s` is not RFC 3339 or a field is out of range.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const b = timeToGob("2020-01-02T03:04:05.0000006Z");
 * assert.ok(b.length === 15 && b[14] === 0xff);
 * ```
 */
export function timeToGob(s: string): Uint8Array {
  const m = RFC3339.exec(s);
  if (!m) throw new RangeError(`parsing time ${JSON.stringify(s)} as RFC 3339 failed`);
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59) {
    throw new RangeError(`parsing time ${JSON.stringify(s)}: field out of range`);
  }
  const nsec = m[7] ? Number(m[7].padEnd(9, "0")) : 0;
  let offMin = -1;
  let offSec = 0;
  if (m[8] !== "Z") {
    const oh = Number(m[10]), om = Number(m[11]);
    if (oh > 23 || om > 59) throw new RangeError(`parsing time ${JSON.stringify(s)}: bad offset`);
    offSec = (m[9] === "-" ? -1 : 1) * (oh * 3600 + om * 60);
    offMin = offSec / 60;
    if (offMin === -1) {
      throw new RangeError(`time ${JSON.stringify(s)}: Go's GobEncode refuses zone offset -00:01`);
    }
  }
  const unix = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offSec;
  const sec = BigInt(unix) + 62135596800n;
  const out = new Uint8Array(15);
  const v = new DataView(out.buffer);
  v.setUint8(0, 1);
  v.setBigInt64(1, sec);
  v.setInt32(9, nsec);
  v.setInt16(13, offMin);
  return out;
}
