/**
 * Initialisation failures in Runtime API mode, reported to `POST /runtime/init/error` before the
 * process exits: a module that cannot be imported, init code that throws, a rejected top-level
 * await. Deno turns a throw or rejection while the main module evaluates into an
 * `unhandledrejection` event; this module listens for it (when `AWS_LAMBDA_RUNTIME_API` is set)
 * until the first invocation arrives.
 *
 * @module
 */
import { toLambdaError } from "../core/mod.ts";
import { type ErrorDocument, errorDocument } from "./_error_document.ts";

// Shared through global symbols: a packaged function holds two copies of this module (the entry
// wrapper's and the function bundle's), which must act as one.
const state = ((globalThis as Record<symbol, unknown>)[Symbol.for("lambda-gob.initState")] ??= {
  initDone: false,
  watching: false,
}) as { initDone: boolean; watching: boolean };

/**
 * Classifies an init failure: syntax errors are `Runtime.UserCodeSyntaxError`, modules that
 * cannot be found `Runtime.ImportModuleError`, anything else keeps its own type (as AWS's
 * Node.js runtime does).
 *
 * @param thrown What the import or the init code threw.
 * @returns The error document for `/init/error`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { initErrorDocument } from "./init_error.ts";
 * const doc = initErrorDocument(new TypeError('Module not found "file:///x.ts".'));
 * assert.equal(doc.errorType, "Runtime.ImportModuleError");
 * ```
 */
export function initErrorDocument(thrown: unknown): ErrorDocument {
  const error = toLambdaError(thrown);
  const stack = stackOf(thrown);
  const code = (thrown as { code?: unknown } | null)?.code;
  if (error.type === "SyntaxError" || /^SyntaxError: /.test(error.message)) {
    return errorDocument({ ...error, type: "Runtime.UserCodeSyntaxError" }, stack);
  }
  if (
    code === "ERR_MODULE_NOT_FOUND" || thrown instanceof Deno.errors.NotFound ||
    /^Module not found /.test(error.message)
  ) {
    return errorDocument({ ...error, type: "Runtime.ImportModuleError" }, stack);
  }
  return errorDocument(error, stack);
}

/**
 * The original stack text of a thrown value, when it has one.
 *
 * @param thrown Anything.
 * @returns `thrown.stack` when it is a string.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stackOf } from "./init_error.ts";
 * assert.equal(stackOf("x"), undefined);
 * assert.match(stackOf(new Error("y"))!, /^Error: y\n/);
 * ```
 */
export function stackOf(thrown: unknown): string | undefined {
  try {
    const stack = (thrown as { stack?: unknown } | null)?.stack;
    return typeof stack === "string" ? stack : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Posts an init failure and exits with status 1 (Lambda then reports `Runtime.ExitError` to the
 * caller with our error document in the logs and the init error in the response).
 *
 * @param address The Runtime API address.
 * @param thrown What failed.
 * @param exit How to exit (tests pass their own).
 * @returns Settles after posting (when `exit` returns).
 * @example
 * ```ts ignore
 * import { reportInitError } from "./init_error.ts";
 * await reportInitError("127.0.0.1:9001", new Error("no config"));
 * ```
 */
export async function reportInitError(
  address: string,
  thrown: unknown,
  exit: (code: number) => void = Deno.exit,
): Promise<void> {
  state.initDone = true;
  const doc = initErrorDocument(thrown);
  console.error(`Init Error\t${JSON.stringify(doc)}`);
  try {
    // loaded here so that watching for init errors costs no HTTP client at start-up
    const { RuntimeApiClient } = await import("./client.ts");
    await new RuntimeApiClient(address).postInitError(doc);
  } catch (e) {
    console.error(`Could not post the init error to the Runtime API: ${e}`);
  }
  exit(1);
}

/**
 * Marks initialisation as finished: later uncaught errors are invocation errors, not init errors.
 * The Runtime API loop calls this when its first event arrives.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markInitDone } from "./init_error.ts";
 * markInitDone();
 * const state = (globalThis as Record<symbol, { initDone?: boolean }>)[
 *   Symbol.for("lambda-gob.initState")
 * ];
 * assert.equal(state.initDone, true);
 * ```
 */
export function markInitDone(): void {
  state.initDone = true;
}

/**
 * Listens for uncaught errors during initialisation and reports them to `address`. Idempotent.
 * Called at import time of the Runtime API transport when `AWS_LAMBDA_RUNTIME_API` is set.
 *
 * @param address The Runtime API address.
 * @example
 * ```ts ignore
 * import { watchInitErrors } from "./init_error.ts";
 * watchInitErrors("127.0.0.1:9001");
 * ```
 */
export function watchInitErrors(address: string): void {
  if (state.watching) return;
  state.watching = true;
  const onFailure = (event: Event, thrown: unknown) => {
    if (state.initDone) return;
    event.preventDefault();
    reportInitError(address, thrown);
  };
  globalThis.addEventListener("unhandledrejection", (e) => onFailure(e, e.reason));
  globalThis.addEventListener("error", (e) => onFailure(e, e.error ?? e.message));
}

function envOr(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

const address = envOr("AWS_LAMBDA_RUNTIME_API");
if (address && !envOr("_LAMBDA_SERVER_PORT")) watchInitErrors(address);
