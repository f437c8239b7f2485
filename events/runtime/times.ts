/**
 * Hand-written TypeScript for aws-lambda-go's time types. Each keeps the exact JSON form it was
 * decoded from (so encoding gives it back byte for byte) and exposes the instant.
 *
 * | Go type (file)                          | JSON form                                  |
 * |-----------------------------------------|--------------------------------------------|
 * | `time.Time`                             | RFC 3339 string, optional fraction         |
 * | `RFC3339EpochTime` (epoch_time.go)      | RFC 3339 string                            |
 * | `SecondsEpochTime` (epoch_time.go)      | number of seconds since 1970, may have a fraction |
 * | `MilliSecondsEpochTime` (epoch_time.go) | integer number of milliseconds since 1970  |
 * | `CodeBuildTime` (codebuild.go)          | `"Jan 2, 2006 3:04:05 PM"` layout, UTC     |
 * | `CodeCommitEventTime` (code_commit.go)  | `"2006-01-2T15:04:05.000-0700"` layout     |
 *
 * @module
 */

/**
 * Base of the time classes: the wire value and the instant it denotes.
 *
 * @example
 * ```ts
 * import { SecondsEpochTime, WireTime } from "./times.ts";
 * import { ok } from "node:assert/strict";
 * const t: WireTime<number> = SecondsEpochTime.of(2);
 * ok(t.toJSON() === 2 && t.toDate().getTime() === 2000);
 * ```
 */
export abstract class WireTime<W extends string | number> {
  /** The JSON value as received (or as formatted by `fromDate`). */
  readonly wire: W;
  /** Milliseconds since 1970-01-01T00:00:00Z (sub-millisecond digits are in `wire`). */
  readonly epochMs: number;
  /** @param wire The JSON value. @param epochMs The instant in milliseconds. */
  protected constructor(wire: W, epochMs: number) {
    this.wire = wire;
    this.epochMs = epochMs;
  }
  /** @returns The instant as a `Date` (millisecond precision). */
  toDate(): Date {
    return new Date(this.epochMs);
  }
  /** @returns The JSON form, so `JSON.stringify` writes the wire value back. */
  toJSON(): W {
    return this.wire;
  }
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Math.floor(Number(m[7].padEnd(9, "0")) / 1e6);
  const offset = m[8] !== undefined
    ? 0
    : (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return undefined;
  return utc - offset * 60_000;
}

/**
 * Go `time.Time`: an RFC 3339 string with an optional fraction of up to 9 digits.
 *
 * @example
 * ```ts
 * import { GoTime } from "./times.ts";
 * import { ok } from "node:assert/strict";
 * const t = GoTime.parse("2024-05-06T07:08:09.123456789+02:00");
 * ok(t.toDate().toISOString() === "2024-05-06T05:08:09.123Z");
 * ok(JSON.stringify(t) === '"2024-05-06T07:08:09.123456789+02:00"');
 * ```
 */
export class GoTime extends WireTime<string> {
  /**
   * @param text RFC 3339 text.
   * @returns The time.
   * @throws {TypeError} The text is not RFC 3339.
   */
  static parse(text: string): GoTime {
    const ms = parseRfc3339(text);
    if (ms === undefined) throw new TypeError(`not an RFC 3339 time: ${JSON.stringify(text)}`);
    return new GoTime(text, ms);
  }
  /** @param date An instant. @returns The time, formatted in UTC. */
  static fromDate(date: Date): GoTime {
    return new GoTime(date.toISOString(), date.getTime());
  }
}

/**
 * Go `RFC3339EpochTime` (epoch_time.go): an RFC 3339 string.
 *
 * @example
 * ```ts
 * import { RFC3339EpochTime } from "./times.ts";
 * import { ok } from "node:assert/strict";
 * ok(RFC3339EpochTime.parse("1970-01-01T00:00:01Z").epochMs === 1000);
 * ```
 */
export class RFC3339EpochTime extends WireTime<string> {
  /** @param text RFC 3339 text. @returns The time. @throws {TypeError} Not RFC 3339. */
  static parse(text: string): RFC3339EpochTime {
    const ms = parseRfc3339(text);
    if (ms === undefined) throw new TypeError(`not an RFC 3339 time: ${JSON.stringify(text)}`);
    return new RFC3339EpochTime(text, ms);
  }
  /** @param date An instant. @returns The time, whole seconds, UTC. */
  static fromDate(date: Date): RFC3339EpochTime {
    return new RFC3339EpochTime(date.toISOString().replace(/\.\d{3}Z$/, "Z"), date.getTime());
  }
}

/**
 * Go `SecondsEpochTime` (epoch_time.go): a JSON number of seconds since 1970.
 *
 * @example
 * ```ts
 * import { SecondsEpochTime } from "./times.ts";
 * import { ok } from "node:assert/strict";
 * ok(SecondsEpochTime.of(1.5).epochMs === 1500);
 * ```
 */
export class SecondsEpochTime extends WireTime<number> {
  /** @param seconds Seconds since 1970. @returns The time. */
  static of(seconds: number): SecondsEpochTime {
    return new SecondsEpochTime(seconds, seconds * 1000);
  }
  /** @param date An instant. @returns The time. */
  static fromDate(date: Date): SecondsEpochTime {
    return new SecondsEpochTime(date.getTime() / 1000, date.getTime());
  }
}

/**
 * Go `MilliSecondsEpochTime` (epoch_time.go): a JSON integer of milliseconds since 1970.
 *
 * @example
 * ```ts
 * import { MilliSecondsEpochTime } from "./times.ts";
 * import { ok } from "node:assert/strict";
 * ok(MilliSecondsEpochTime.of(1500).toDate().getTime() === 1500);
 * ```
 */
export class MilliSecondsEpochTime extends WireTime<number> {
  /** @param ms Milliseconds since 1970 (an integer). @returns The time. */
  static of(ms: number): MilliSecondsEpochTime {
    return new MilliSecondsEpochTime(ms, ms);
  }
  /** @param date An instant. @returns The time. */
  static fromDate(date: Date): MilliSecondsEpochTime {
    return new MilliSecondsEpochTime(date.getTime(), date.getTime());
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const CODEBUILD = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/;

/**
 * Go `CodeBuildTime` (codebuild.go): text like `"Sep 1, 2017 4:12:29 PM"`, read as UTC.
 *
 * @example
 * ```ts
 * import { CodeBuildTime } from "./times.ts";
 * import { ok } from "node:assert/strict";
 * const t = CodeBuildTime.parse("Sep 1, 2017 4:12:29 PM");
 * ok(t.toDate().toISOString() === "2017-09-01T16:12:29.000Z");
 * ```
 */
export class CodeBuildTime extends WireTime<string> {
  /** @param text The text. @returns The time. @throws {TypeError} Wrong layout. */
  static parse(text: string): CodeBuildTime {
    const m = CODEBUILD.exec(text);
    const month = m === null ? -1 : MONTHS.indexOf(m[1]);
    if (m === null || month < 0) {
      throw new TypeError(`not a CodeBuild time: ${JSON.stringify(text)}`);
    }
    const h12 = Number(m[4]);
    if (h12 < 1 || h12 > 12) throw new TypeError(`not a CodeBuild time: ${JSON.stringify(text)}`);
    const hour = (h12 % 12) + (m[7] === "PM" ? 12 : 0);
    const ms = Date.UTC(Number(m[3]), month, Number(m[2]), hour, Number(m[5]), Number(m[6]));
    return new CodeBuildTime(text, ms);
  }
  /** @param date An instant. @returns The time, formatted in UTC. */
  static fromDate(date: Date): CodeBuildTime {
    const h = date.getUTCHours();
    const mm = String(date.getUTCMinutes()).padStart(2, "0");
    const ss = String(date.getUTCSeconds()).padStart(2, "0");
    const text = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${
      h % 12 === 0 ? 12 : h % 12
    }:${mm}:${ss} ${h < 12 ? "AM" : "PM"}`;
    return new CodeBuildTime(text, Math.floor(date.getTime() / 1000) * 1000);
  }
}

const CODECOMMIT =
  /^(\d{4})-(\d{2})-(\d{1,2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/;

/**
 * Go `CodeCommitEventTime` (code_commit.go): text like `"2017-06-1T15:04:05.000-0700"`.
 *
 * @example
 * ```ts
 * import { CodeCommitEventTime } from "./times.ts";
 * import { ok } from "node:assert/strict";
 * const t = CodeCommitEventTime.parse("2017-06-01T15:04:05.000-0700");
 * ok(t.toDate().toISOString() === "2017-06-01T22:04:05.000Z");
 * ```
 */
export class CodeCommitEventTime extends WireTime<string> {
  /** @param text The text. @returns The time. @throws {TypeError} Wrong layout. */
  static parse(text: string): CodeCommitEventTime {
    const m = CODECOMMIT.exec(text);
    if (m === null) throw new TypeError(`not a CodeCommit time: ${JSON.stringify(text)}`);
    const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map(Number);
    const offset = (m[8] === "-" ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
    return new CodeCommitEventTime(text, Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000);
  }
  /** @param date An instant. @returns The time, formatted in UTC (`+0000`). */
  static fromDate(date: Date): CodeCommitEventTime {
    const iso = date.toISOString();
    const text = `${iso.slice(0, 8)}${date.getUTCDate()}${iso.slice(10, 23)}+0000`;
    return new CodeCommitEventTime(text, date.getTime());
  }
}
