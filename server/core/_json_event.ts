/**
 * An event's JSON bytes to its value, as `JSON.parse` of their UTF-8 text gives it — with large
 * events' long strings (an API Gateway body, a base64 upload, a 6 MB string) decoded straight from
 * the bytes. `JSON.parse` needs the whole text as one string and then copies each string value out
 * of it, so a 6 MB string costs 12 MB, half of it garbage at once. Here gob.wasm finds the long
 * string values (`jsonLongStrings`); each is decoded from its own bytes, and `JSON.parse` reads the
 * text around them, with a marker in each one's place, then the markers are swapped for the
 * strings. It takes about as long; the peak RSS of eight 6 MB invokes went from 107 to 77 MiB.
 *
 * @module
 */
import { jsonLongStrings } from "./_json_strings.ts";

/** Events from this size on have their long strings looked for; strings from this size on count. */
export const LONG_EVENT_STRING = 64 * 1024;

/** The whole text's decoder: it drops a leading byte order mark, as `TextDecoder` does. */
const decoder = new TextDecoder();
/** Decoder of pieces after the first: a U+FEFF there is part of the text. */
let pieceDecoder: TextDecoder | undefined;

let mark: string | undefined;

/**
 * Parses an event's JSON bytes: the value `JSON.parse(new TextDecoder().decode(utf8))` gives,
 * property order included, and its errors for text that is not JSON.
 *
 * @param utf8 The event's bytes.
 * @param plain If given, the long strings decoded straight from their bytes are appended to it.
 *   Their JSON source held no backslash and no control character, so none of them needs escaping
 *   when written back as JSON: a result that returns one skips that check (`json_result.ts`).
 * @returns The parsed value.
 * @throws {SyntaxError} When the text is not JSON.
 * @example
 * ```ts
 * import { parseJsonEvent } from "./_json_event.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const body = "x".repeat(100_000);
 * const event = parseJsonEvent(new TextEncoder().encode(JSON.stringify({ id: 1, body })));
 * deepStrictEqual((event as { body: string }).body.length, 100000);
 * ```
 */
export function parseJsonEvent(utf8: Uint8Array, plain?: string[]): unknown {
  if (utf8.length < LONG_EVENT_STRING) return JSON.parse(decoder.decode(utf8));
  const pairs = jsonLongStrings(utf8, LONG_EVENT_STRING);
  if (pairs.length === 0) return JSON.parse(decoder.decode(utf8));

  // A random marker: no string of the event can hold it.
  const m = mark ??= `\u{fdd0}lambda-gob-event:${crypto.randomUUID()}:`;
  const rest = pieceDecoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
  const strings: string[] = [];
  let text = "";
  let from = 0;
  for (let k = 0; k < pairs.length; k += 2) {
    const piece = utf8.subarray(from, pairs[k]); // up to and with the opening quote
    text += (k === 0 ? decoder : rest).decode(piece) + m + (k >>> 1);
    strings.push(rest.decode(utf8.subarray(pairs[k], pairs[k + 1])));
    from = pairs[k + 1]; // the next piece starts with the closing quote
  }
  text += rest.decode(utf8.subarray(from));

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the same text is not JSON whole either; parse it whole for the exact error.
    return JSON.parse(decoder.decode(utf8));
  }
  plain?.push(...strings);
  return putBack(value, m, strings);
}

/**
 * Which string a marker stands for: `m` then its index below `count`, or -1 for any other value.
 * (A module-level function, not a closure over the strings: V8's call feedback would keep the
 * first such closure — and with it a 6 MB string — alive through scavenges, until the next full
 * collection.)
 */
function markerIndex(v: unknown, m: string, count: number): number {
  if (typeof v !== "string" || v.length <= m.length || !v.startsWith(m)) return -1;
  const k = Number(v.slice(m.length));
  return Number.isInteger(k) && k < count ? k : -1;
}

/** Replaces each marker in `value` (a `JSON.parse` result) by its string. */
function putBack(value: unknown, m: string, strings: string[]): unknown {
  const count = strings.length;
  const top = markerIndex(value, m, count);
  if (top >= 0) return strings[top];
  let left = count;
  const stack: unknown[] = [value];
  while (left > 0 && stack.length > 0) {
    const o = stack.pop();
    if (typeof o !== "object" || o === null) continue;
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) {
        const v = o[i];
        const k = markerIndex(v, m, count);
        if (k >= 0) {
          o[i] = strings[k];
          left--;
        } else if (typeof v === "object" && v !== null) stack.push(v);
      }
    } else {
      const record = o as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const v = record[key];
        const k = markerIndex(v, m, count);
        if (k >= 0) {
          // An own data property (JSON.parse makes every key one, "__proto__" included).
          Object.defineProperty(record, key, { value: strings[k] });
          left--;
        } else if (typeof v === "object" && v !== null) stack.push(v);
      }
    }
  }
  return value;
}
