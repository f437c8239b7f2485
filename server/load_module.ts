/**
 * Loads a function module: for the Runtime API it imports it so that any failure to load it
 * (syntax error, missing import, throwing init code, rejected top-level await) is reported to
 * `/runtime/init/error`. A module that starts the runtime itself (`start(handler)`) runs as is;
 * one that only exports `handler` (or the export `_HANDLER` names after its last dot, or a default
 * function — e.g. `if (import.meta.main) start(handler, startOptions)` modules) is started here
 * with `start`, given the module's exported `startOptions` when it has them (a decoder, `raw`…):
 * imported, such a module is not the main one, so its own `start` call does not run.
 * Used by `server/main.ts` and by packaged functions (both transports).
 *
 * @module
 */
import { reportInitError, runtimeApiStarted, watchInitErrors } from "./runtime_api/mod.ts";
import type { Handler } from "./core/mod.ts";
import type { StartOptions } from "./start.ts";

/**
 * Imports a function module under init-error reporting and starts the loop with its exported
 * handler when the module did not start one itself.
 *
 * @param specifier The module: a path (relative to the working directory) or a URL.
 * @param address The Runtime API address (`AWS_LAMBDA_RUNTIME_API`).
 * @returns Settles when the module has loaded (and, if started here, when the loop stops).
 * @example
 * ```ts ignore
 * import { runFunctionModule } from "./main.ts";
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
  let options: StartOptions;
  try {
    options = pickStartOptions(mod, specifier);
  } catch (e) {
    return await reportInitError(address, e);
  }
  const { start } = await import("./start.ts");
  await start(handler, options);
}

/**
 * The go1.x twin of {@link runFunctionModule}: imports the module and, when it did not start the
 * go1.x server itself (nothing listens on `_LAMBDA_SERVER_PORT` after it loaded), starts its
 * exported handler with `start`. go1.x has no init-error channel: a failure to load ends the
 * process with the error, as a Go binary would.
 *
 * @param specifier The module: a path (relative to the working directory) or a URL.
 * @param port The `_LAMBDA_SERVER_PORT` value.
 * @returns Settles when the module has loaded (and, if started here, when the server stops).
 * @throws {Error} When the module neither started a server nor exported a handler.
 * @example
 * ```ts ignore
 * import { runFunctionModuleGo1x } from "./load_module.ts";
 * await runFunctionModuleGo1x("./main.ts", Number(Deno.env.get("_LAMBDA_SERVER_PORT")));
 * ```
 */
export async function runFunctionModuleGo1x(specifier: string, port: number): Promise<void> {
  const mod: Record<string, unknown> = await import(toUrl(specifier));
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (await listening(port)) return;
  const handler = pickHandler(mod);
  if (handler === undefined) {
    throw new Error(
      `${specifier} neither started the runtime (start(handler)) nor exported a handler function`,
    );
  }
  const options = pickStartOptions(mod, specifier);
  const { start } = await import("./start.ts");
  await start(handler, options);
}

async function listening(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    conn.close();
    return true;
  } catch {
    return false;
  }
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

/** The module's exported `startOptions` (an object), or none. */
function pickStartOptions(mod: Record<string, unknown>, specifier: string): StartOptions {
  const options = mod.startOptions;
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const error = new TypeError(
      `${specifier} exports startOptions that are not an object (${
        Array.isArray(options) ? "an array" : options === null ? "null" : typeof options
      })`,
    );
    error.name = "Runtime.InvalidStartOptions";
    throw error;
  }
  return options as StartOptions;
}

function toUrl(specifier: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return specifier;
  const path = specifier.startsWith("/") ? specifier : `${Deno.cwd()}/${specifier}`;
  return new URL(`file://${path.split("/").map(encodeURIComponent).join("/")}`).href;
}
