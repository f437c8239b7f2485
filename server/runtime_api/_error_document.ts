/**
 * Lambda errors as the Runtime API wants them: the JSON error document (`errorType`,
 * `errorMessage`, `stackTrace` as an array of strings, like AWS's Node.js runtime), the X-Ray
 * error cause, and header-safe values. Only their shape: `post_outcome.ts` and `init_error.ts` post
 * them, through `client.ts`.
 *
 * @module
 */
import { errorStack, type LambdaError, userStack } from "../core/mod.ts";

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
 * import assert from "node:assert/strict";
 * import { errorDocument } from "./_error_document.ts";
 * const doc = errorDocument({
 *   type: "TypeError", message: "bad", shouldExit: false,
 *   stackTrace: [{ path: "/var/task/main.js", line: 3, label: "handler" }],
 * });
 * assert.deepEqual(doc, {
 *   errorType: "TypeError",
 *   errorMessage: "bad",
 *   stackTrace: ["    at handler (/var/task/main.js:3)"],
 * });
 * ```
 */
export function errorDocument(error: LambdaError, stack?: string): ErrorDocument {
  // The user's frames only, in V8's format, as for every error the runtime reports.
  const text = typeof stack === "string" && stack !== "" ? userStack(stack) : errorStack(error);
  const lines = text !== undefined && text !== ""
    ? keepFrames(text.split("\n"), error.stackTrace.length)
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
 * import assert from "node:assert/strict";
 * import { xrayErrorCause } from "./_error_document.ts";
 * const c = xrayErrorCause({ type: "E", message: "m", stackTrace: [], shouldExit: false }, "/t");
 * assert.deepEqual(c, {
 *   working_directory: "/t",
 *   exceptions: [{ type: "E", message: "m", stack: [] }],
 *   paths: [],
 * });
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
 * import assert from "node:assert/strict";
 * import { asciiJson } from "./_error_document.ts";
 * assert.equal(asciiJson({ m: "é\n" }), '{"m":"\\u00e9\\n"}');
 * ```
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/**
 * The `Lambda-Runtime-Function-Error-Type` header for an error type. Lambda reads the header as a
 * category, `Runtime.<Reason>` or `Function.<Reason>`, and records anything else as
 * `Runtime.Unknown` (`Function.Unknown` for a malformed `Function.` one) — the rule of AWS's Runtime
 * Interface Emulator. AWS's Node.js and Python runtime clients send no such header with an
 * invocation's error (Lambda then records `Runtime.Unknown`) and a class name like `TypeError` with
 * an init error (recorded the same). So a type that is a category (the runtime's own:
 * `Runtime.InvalidDeadline`, `Runtime.ImportModuleError`…) is sent as it is, and any other (a class
 * name: `TypeError`, `PaymentDeclined`) as what Lambda would record; the class name stays in the
 * error document's `errorType`, which the caller sees.
 *
 * @param type The error type (the document's `errorType`).
 * @returns A category, always printable ASCII.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { errorTypeHeader } from "./_error_document.ts";
 * assert.equal(errorTypeHeader("Runtime.ImportModuleError"), "Runtime.ImportModuleError");
 * assert.equal(errorTypeHeader("PaymentDeclined"), "Runtime.Unknown");
 * assert.equal(errorTypeHeader("Function.bad name"), "Function.Unknown");
 * ```
 */
export function errorTypeHeader(type: string): string {
  if (/^(Runtime|Function)\.[A-Z][a-zA-Z]+$/.test(type) && type.length <= 1024) return type;
  return type.startsWith("Function.") ? "Function.Unknown" : "Runtime.Unknown";
}
