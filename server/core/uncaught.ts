/**
 * Uncaught exceptions and unhandled rejections during an invocation: reported to the invocations in
 * flight with `shouldExit: true` (the transport answers, then exits the process, as Lambda expects).
 *
 * @module
 */
import { reportFatal } from "./invoke.ts";

let installed = false;

/**
 * Installs the global `error` / `unhandledrejection` listeners once. While an invocation runs, such
 * an event is turned into that invocation's error (and the default crash is prevented so the
 * response can be sent first); outside an invocation Deno's default applies (print and exit 1).
 *
 * @example
 * ```ts
 * import { watchUncaught } from "./uncaught.ts";
 * watchUncaught();
 * ```
 */
export function watchUncaught(): void {
  if (installed) return;
  installed = true;
  globalThis.addEventListener("error", (event) => {
    if (reportFatal(event.error ?? event.message)) event.preventDefault();
  });
  globalThis.addEventListener("unhandledrejection", (event) => {
    if (reportFatal(event.reason)) event.preventDefault();
  });
}
