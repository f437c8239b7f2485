/**
 * `console.log`-style formatting of log arguments (printf directives, then the remaining values
 * inspected), written on `Deno.inspect` so that the logger does not load `node:util` — and with it
 * Deno's Node.js compatibility layer, about 8 ms of start-up.
 *
 * The directives are Node's `util.format` ones: `%s` `%d` `%i` `%f` `%j` `%o` `%O` `%c` `%%`.
 * Objects are shown the way Deno's `console.log` shows them (`Deno.inspect`).
 *
 * @module
 */

const BUILTIN_TO_STRING = new Set<unknown>([
  Object.prototype.toString,
  Error.prototype.toString,
  Array.prototype.toString,
  Date.prototype.toString,
  RegExp.prototype.toString,
  Number.prototype.toString,
  Boolean.prototype.toString,
  String.prototype.toString,
]);

function inspect(value: unknown, options?: Deno.InspectOptions): string {
  return Deno.inspect(value, { colors: false, ...options });
}

function asString(value: unknown): string {
  switch (typeof value) {
    case "bigint":
      return `${value}n`;
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "symbol":
    case "function":
      return String(value);
    case "object": {
      if (value === null) return "null";
      // A class with its own toString is printed through it; plain objects, arrays, errors and
      // dates are inspected one level deep, as Node does for `%s`.
      const toString = (value as { toString?: unknown }).toString;
      if (typeof toString === "function" && !BUILTIN_TO_STRING.has(toString)) {
        try {
          return String(value);
        } catch {
          // a toString that throws: inspect instead
        }
      }
      return inspect(value, { depth: 0 });
    }
    default:
      return String(value);
  }
}

function asNumber(value: unknown, parse: (v: unknown) => number, bigintSuffix = true): string {
  if (typeof value === "bigint" && bigintSuffix) return `${value}n`;
  if (typeof value === "symbol") return "NaN";
  try {
    const n = parse(value);
    return Object.is(n, -0) ? "-0" : String(n);
  } catch {
    return "NaN"; // an object whose valueOf throws
  }
}

function asJson(value: unknown): string {
  try {
    return String(JSON.stringify(value));
  } catch (e) {
    if (e instanceof TypeError && /circular/i.test(e.message)) return "[Circular]";
    return `[${e instanceof Error ? e.name : "Error"}: cannot serialise]`;
  }
}

/**
 * Formats values as `console.log` prints them: when the first is a string its `%` directives take
 * the following values, and every value left over is appended after a space (strings as they are,
 * anything else inspected).
 *
 * @param args The values.
 * @returns The formatted text.
 *
 * @example
 * ```ts
 * import { formatLog } from "./_format_args.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(formatLog(["%s took %d ms", "invoke", 42]), "invoke took 42 ms");
 * strictEqual(formatLog(["done", { items: 2 }]), "done { items: 2 }");
 * ```
 */
export function formatLog(args: readonly unknown[]): string {
  if (args.length === 0) return "";
  const first = args[0];
  let next = 0;
  let out = "";
  if (typeof first === "string") {
    next = 1;
    if (args.length === 1) return first;
    let last = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37 /* % */) continue;
      const directive = first[i + 1];
      if (directive === "%") {
        out += first.slice(last, i + 1);
        last = i + 2;
        i++;
        continue;
      }
      if (next >= args.length) continue; // no value left: the directive stays as written
      let text: string;
      switch (directive) {
        case "s":
          text = asString(args[next]);
          break;
        case "d":
          text = asNumber(args[next], Number);
          break;
        case "i":
          text = asNumber(args[next], (v) => parseInt(String(v)));
          break;
        case "f":
          text = asNumber(args[next], (v) => parseFloat(String(v)), false);
          break;
        case "j":
          text = asJson(args[next]);
          break;
        case "o":
          text = inspect(args[next], { showHidden: true, depth: 4 });
          break;
        case "O":
          text = inspect(args[next]);
          break;
        case "c":
          text = ""; // CSS has no meaning in a log line
          break;
        default:
          continue; // not a directive
      }
      out += first.slice(last, i) + text;
      last = i + 2;
      next++;
      i++;
    }
    out += first.slice(last);
  }
  for (let sep = next > 0; next < args.length; next++, sep = true) {
    const v = args[next];
    out += (sep ? " " : "") + (typeof v === "string" ? v : inspect(v));
  }
  return out;
}
