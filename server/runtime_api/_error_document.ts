/**
 * Lambda errors as the Runtime API wants them: the JSON error document (`errorType`,
 * `errorMessage`, `stackTrace` as an array of strings, like AWS's Node.js runtime), the X-Ray
 * error cause, and header-safe values. Only their shape: `post_outcome.ts` and `init_error.ts` post
 * them, through `client.ts`.
 *
 * @module
 */
import type { LambdaError } from "../core/mod.ts";

/** The body posted to `/invocation/{id}/error` and `/init/error`. */
export interface ErrorDocument {
  errorType: string;
  errorMessage: string;
  stackTrace: string[];
}

/** The X-Ray cause sent in `Lambda-Runtime-Function-Xray-Error-Cause`. */
export interface XRayErrorCause {
  working_directory: string;
  exceptions: {
    type: string;
    message: string;
    stack: { path: string; line: number; label: string }[];
  }[];
  paths: string[];
}

/** Lambda drops X-Ray causes of 1 MiB or more; so do we (the header is then omitted). */
export const XRAY_CAUSE_MAX_BYTES = 1024 * 1024;

/**
 * The error document for a Lambda error. `stackTrace` holds the lines of the original V8 stack
 * when known (first line `Type: message`, then `    at …` lines, as Node's runtime sends) — as
 * many frame lines as the error has frames (the invoke core drops the runtime's own) — otherwise
 * lines rebuilt from the parsed frames.
 *
 * @param error The Lambda error.
 * @param stack The original `error.stack` text, when the thrown value had one.
 * @returns The JSON-ready document.
 * @example
 * ```ts
 * import { errorDocument } from "./_error_document.ts";
 * const doc = errorDocument({
 *   type: "TypeError", message: "bad", shouldExit: false,
 *   stackTrace: [{ path: "/var/task/main.js", line: 3, label: "handler" }],
 * });
 * console.assert(doc.stackTrace[0] === "    at handler (/var/task/main.js:3)");
 * ```
 */
export function errorDocument(error: LambdaError, stack?: string): ErrorDocument {
  const lines = typeof stack === "string" && stack !== ""
    ? keepFrames(stack.split("\n"), error.stackTrace.length)
    : error.stackTrace.map((f) => `    at ${f.label} (${f.path}:${f.line})`);
  return { errorType: error.type, errorMessage: error.message, stackTrace: lines };
}

/** The message lines plus the first `frames` frame lines (the invoke core cuts runtime frames). */
function keepFrames(lines: string[], frames: number): string[] {
  const out: string[] = [];
  let kept = 0;
  for (const line of lines) {
    if (/^\s*at /.test(line)) {
      if (kept++ >= frames) break;
    }
    out.push(line);
  }
  return out;
}

/**
 * The X-Ray error cause for a Lambda error: working directory, one exception with its frames,
 * and the distinct file paths.
 *
 * @param error The Lambda error.
 * @param cwd The working directory to report (default `Deno.cwd()`, or `""` without permission).
 * @returns The cause object.
 * @example
 * ```ts
 * import { xrayErrorCause } from "./_error_document.ts";
 * const c = xrayErrorCause({ type: "E", message: "m", stackTrace: [], shouldExit: false }, "/t");
 * console.assert(c.working_directory === "/t" && c.paths.length === 0);
 * ```
 */
export function xrayErrorCause(error: LambdaError, cwd?: string): XRayErrorCause {
  const stack = error.stackTrace.map((f) => ({ path: f.path, line: f.line, label: f.label }));
  return {
    working_directory: cwd ?? currentDir(),
    exceptions: [{ type: error.type, message: error.message, stack }],
    paths: [...new Set(stack.map((f) => f.path))],
  };
}

function currentDir(): string {
  try {
    return Deno.cwd();
  } catch {
    return "";
  }
}

/**
 * JSON text that is safe as an HTTP header value: every character outside printable ASCII is
 * written as a `\uXXXX` escape (still the same JSON value).
 *
 * @param value Any JSON-serialisable value.
 * @returns ASCII-only JSON text.
 * @example
 * ```ts
 * import { asciiJson } from "./_error_document.ts";
 * console.assert(asciiJson({ m: "é\n" }) === '{"m":"\\u00e9\\n"}');
 * ```
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/**
 * An error type made safe for the `Lambda-Runtime-Function-Error-Type` header: characters outside
 * printable ASCII are percent-encoded (as Node's runtime does for DEL), and it is capped at 1024
 * characters.
 *
 * @param type The error type.
 * @returns A header-safe value (never empty: `"Error"` stands in).
 * @example
 * ```ts
 * import { headerSafeType } from "./_error_document.ts";
 * console.assert(headerSafeType("Bad\nType") === "Bad%0AType");
 * ```
 */
export function headerSafeType(type: string): string {
  const safe = type.replace(
    /[^\x20-\x7e]/gu,
    (c) =>
      Array.from(
        new TextEncoder().encode(c),
        (b) => "%" + b.toString(16).toUpperCase().padStart(2, "0"),
      )
        .join(""),
  );
  return (safe || "Error").slice(0, 1024);
}
