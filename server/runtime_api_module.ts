/**
 * Loads a function module for the Runtime API: imports it so that any failure to load it (syntax
 * error, missing import, throwing init code, rejected top-level await) is reported to
 * `/runtime/init/error`. A module that starts the loop itself (`start(handler)`) runs as is; one
 * that only exports `handler` (or the export `_HANDLER` names after its last dot, or a default
 * function) is started here. Used by `server/runtime_api_main.ts` and by packaged functions.
 *
 * @module
 */
import { reportInitError, watchInitErrors } from "./runtime_api_init.ts";
import { runRuntimeApi, runtimeApiStarted } from "./runtime_api.ts";
import type { Handler } from "./invoke.ts";

/**
 * Imports a function module under init-error reporting and starts the loop with its exported
 * handler when the module did not start one itself.
 *
 * @param specifier The module: a path (relative to the working directory) or a URL.
 * @param address The Runtime API address (`AWS_LAMBDA_RUNTIME_API`).
 * @returns Settles when the module has loaded (and, if started here, when the loop stops).
 * @example
 * ```ts ignore
 * import { runFunctionModule } from "./runtime_api_main.ts";
 * await runFunctionModule("./main.ts", Deno.env.get("AWS_LAMBDA_RUNTIME_API")!);
 * ```
 */
export async function runFunctionModule(specifier: string, address: string): Promise<void> {
  watchInitErrors(address);
  let mod: Record<string, unknown>;
  try {
    mod = await import(toUrl(specifier));
  } catch (e) {
    return await reportInitError(address, e);
  }
  // start() may reach runRuntimeApi after an await of its own: give it a turn first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (runtimeApiStarted()) return;
  const handler = pickHandler(mod);
  if (handler === undefined) {
    const error = new Error(
      `${specifier} neither started the runtime (start(handler)) nor exported a handler function`,
    );
    error.name = "Runtime.HandlerNotFound";
    return await reportInitError(address, error);
  }
  await runRuntimeApi(handler, { address });
}

function pickHandler(mod: Record<string, unknown>): Handler | undefined {
  let name = "handler";
  try {
    const h = Deno.env.get("_HANDLER");
    if (h) name = h.slice(h.lastIndexOf(".") + 1);
  } catch {
    // no env permission: the default name
  }
  for (const candidate of [mod[name], mod.handler, mod.default]) {
    if (typeof candidate === "function") return candidate as Handler;
  }
  return undefined;
}

function toUrl(specifier: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return specifier;
  const path = specifier.startsWith("/") ? specifier : `${Deno.cwd()}/${specifier}`;
  return new URL(`file://${path.split("/").map(encodeURIComponent).join("/")}`).href;
}
