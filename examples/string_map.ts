/**
 * Typed input: the event must be a JSON object of strings (checked by a decoder passed to `start`).
 *
 * `echo '{"a":"1","b":"2"}' | deno task invoke examples/string_map.ts --event -` prints
 * `"the values are 1, 2"`.
 *
 * @module
 */
import { start, type StartOptions } from "../mod.ts";

/**
 * Checks that the event is an object whose values are all strings.
 *
 * @param json The parsed event.
 * @returns The event as a string map.
 * @throws {TypeError} Naming the first value that is not a string.
 */
export function decodeStringMap(json: unknown): Record<string, string> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new TypeError(
      `expected a JSON object of strings, got ${Array.isArray(json) ? "an array" : typeof json}`,
    );
  }
  for (const [key, value] of Object.entries(json)) {
    if (typeof value !== "string") {
      throw new TypeError(`${key}: expected a string, got ${typeof value}`);
    }
  }
  return json as Record<string, string>;
}

/**
 * Lists the map's values.
 *
 * @param event The string map.
 * @returns `the values are …`, in key order.
 */
export function handler(event: Record<string, string>): string {
  const values = Object.keys(event).sort().map((k) => event[k]);
  return `the values are ${values.join(", ")}`;
}

/**
 * How the runtime runs {@linkcode handler}: with the string-map decoder. Exported so that
 * `invoke` and `package`, which import this module rather than run it, start the handler the
 * same way.
 */
export const startOptions: StartOptions<Record<string, string>> = { decode: decodeStringMap };

if (import.meta.main) start(handler, startOptions);
