/**
 * Uncaught exceptions and unhandled rejections. During an invocation they are reported to the
 * invocations in flight with `shouldExit: true` (the transport answers, then exits the process, as
 * Lambda expects). Outside one (between invocations) they are written as one log record — through
 * `console.error`, which the logger formats (text or JSON, as every other line) — with the same
 * error document and stack text (the user's frames only), and the process exits 1, where Deno would
 * have printed its own multi-line report.
 *
 * @module
 */
import { errorStack, toLambdaError } from "./errors.ts";
import { reportFatal } from "./invoke.ts";

let installed = false;

/**
 * Installs the global `error` / `unhandledrejection` listeners once. While an invocation runs, such
 * an event is turned into that invocation's error (and the default crash is prevented so the
 * response can be sent first); outside an invocation it is logged as one record and the process
 * exits 1 (unless an earlier listener — init-error reporting — handled it).
 *
 * @param exit How to exit outside an invocation (tests pass their own).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { watchUncaught } from "./uncaught.ts";
 * assert.equal(watchUncaught(), undefined);
 * ```
 */
export function watchUncaught(exit: (code: number) => void = Deno.exit): void {
  if (installed) return;
  installed = true;
  const onFatal = (event: Event, thrown: unknown) => {
    if (reportFatal(thrown)) return event.preventDefault();
    if (event.defaultPrevented) return;
    event.preventDefault();
    console.error(`Uncaught Exception\t${JSON.stringify(uncaughtDocument(thrown))}`);
    exit(1);
  };
  globalThis.addEventListener("error", (event) => onFatal(event, event.error ?? event.message));
  globalThis.addEventListener("unhandledrejection", (event) => onFatal(event, event.reason));
}

/**
 * The error document of an uncaught error: type, message and stack text (user frames only), the
 * shape the Runtime API gets for any error.
 *
 * @param thrown What was thrown or rejected.
 * @returns The document.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { uncaughtDocument } from "./uncaught.ts";
 * const doc = uncaughtDocument(new TypeError("late"));
 * assert.deepEqual([doc.errorType, doc.errorMessage, doc.stackTrace[0]], [
 *   "TypeError",
 *   "late",
 *   "TypeError: late",
 * ]);
 * ```
 */
export function uncaughtDocument(
  thrown: unknown,
): { errorType: string; errorMessage: string; stackTrace: string[] } {
  const error = toLambdaError(thrown, true);
  const stack = errorStack(error);
  return {
    errorType: error.type,
    errorMessage: error.message,
    stackTrace: stack === undefined ? [] : stack.split("\n"),
  };
}
