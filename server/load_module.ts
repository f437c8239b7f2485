/**
 * Loads a function module, the same way for both transports, from source (`server/main.ts`) and
 * packaged (`deno task package`'s entry):
 *
 * 1. `console` is routed through the logger first (`AWS_LAMBDA_LOG_FORMAT`,
 *    `AWS_LAMBDA_LOG_LEVEL`), so that even `const log = console.error` at the module's top level
 *    writes log records, as AWS's Node.js runtime patches `console` before it loads a handler.
 * 2. The module is imported. A failure to load it (syntax error, missing import, throwing init
 *    code, rejected top-level await) goes to `/runtime/init/error` under the Runtime API; under
 *    go1.x, which has no such channel, it is logged and the process exits 1, as a Go binary would.
 * 3. A module that started the runtime itself (`start(handler)`) runs as is; one that only exports
 *    `handler` (or the export `_HANDLER` names after its last dot, or a default function — e.g.
 *    `if (import.meta.main) start(handler, startOptions)` modules: imported, such a module is not
 *    the main one, so its own `start` call does not run) is started here with `start`, given the
 *    module's exported `startOptions` when it has them (a decoder, `raw`…).
 *
 * @module
 */
import { reportInitError, runtimeApiStarted, watchInitErrors } from "./runtime_api/mod.ts";
import { errorStack, type Handler, toLambdaError } from "./core/mod.ts";
import { logger } from "./log/mod.ts";
import type { StartOptions } from "./start.ts";

/** Set by `start` (a global symbol: any copy of the runtime the module imported sets it). */
const START_CALLED = Symbol.for("lambda-gob.startCalled");

/** Imports the function module: a function so that a bundler sees the `import()` it makes. */
export type ModuleLoader = () => Promise<Record<string, unknown>>;

/**
 * Loads a function module and runs it under the transport the environment names:
 * `_LAMBDA_SERVER_PORT` (go1.x) or `AWS_LAMBDA_RUNTIME_API` (provided.al2023).
 *
 * @param module The module: a path (relative to the working directory), a URL, or a loader.
 * @param name How to name the module in messages (default: the path or URL).
 * @returns Settles when the module has loaded (and, if started here, when the runtime stops).
 * @throws {Error} When neither variable is set.
 * @example
 * ```ts ignore
 * import { runFunction } from "./load_module.ts";
 * await runFunction("./main.ts");
 * ```
 */
export async function runFunction(
  module: string | ModuleLoader,
  name: string = typeof module === "string" ? module : "the function module",
): Promise<void> {
  const port = env("_LAMBDA_SERVER_PORT");
  const api = env("AWS_LAMBDA_RUNTIME_API");
  if (port !== undefined) return await runFunctionModuleGo1x(module, Number(port), name);
  if (api !== undefined) return await runFunctionModule(module, api, name);
  throw new Error(
    `${name}: neither _LAMBDA_SERVER_PORT (go1.x) nor AWS_LAMBDA_RUNTIME_API (provided.al2023) ` +
      "is set, so there is no Lambda service to talk to; run it with `invoke` instead",
  );
}

/**
 * The Runtime API half of {@link runFunction}: imports the module under init-error reporting and
 * starts the loop with its exported handler when the module did not start one itself.
 *
 * @param module The module: a path (relative to the working directory), a URL, or a loader.
 * @param address The Runtime API address (`AWS_LAMBDA_RUNTIME_API`).
 * @param name How to name the module in messages.
 * @returns Settles when the module has loaded (and, if started here, when the loop stops).
 * @example
 * ```ts ignore
 * import { runFunctionModule } from "./load_module.ts";
 * await runFunctionModule("./main.ts", Deno.env.get("AWS_LAMBDA_RUNTIME_API")!);
 * ```
 */
export async function runFunctionModule(
  module: string | ModuleLoader,
  address: string,
  name: string = typeof module === "string" ? module : "the function module",
): Promise<void> {
  watchInitErrors(address);
  patchConsoleEarly();
  let mod: Record<string, unknown>;
  try {
    mod = await load(module);
  } catch (e) {
    return await reportInitError(address, e);
  }
  // start() may reach runRuntimeApi after an await of its own: give it a turn first.
  await nextTurn();
  if (startCalled() || runtimeApiStarted()) return;
  let handler: Handler;
  let options: StartOptions;
  try {
    handler = pickHandler(mod, name);
    options = pickStartOptions(mod, name);
  } catch (e) {
    return await reportInitError(address, e);
  }
  const { start } = await import("./start.ts");
  await start(handler, options);
}

/**
 * The go1.x half of {@link runFunction}: imports the module and, when it did not start the runtime
 * itself, starts its exported handler with `start`. go1.x has no init-error channel: a failure to
 * load is logged (one log record) and the process exits 1, as a Go binary would.
 *
 * @param module The module: a path (relative to the working directory), a URL, or a loader.
 * @param port The `_LAMBDA_SERVER_PORT` value.
 * @param name How to name the module in messages.
 * @param exit How to exit after a failure to load (tests pass their own).
 * @returns Settles when the module has loaded (and, if started here, when the server stops).
 * @example
 * ```ts ignore
 * import { runFunctionModuleGo1x } from "./load_module.ts";
 * await runFunctionModuleGo1x("./main.ts", Number(Deno.env.get("_LAMBDA_SERVER_PORT")));
 * ```
 */
export async function runFunctionModuleGo1x(
  module: string | ModuleLoader,
  port: number,
  name: string = typeof module === "string" ? module : "the function module",
  exit: (code: number) => void = Deno.exit,
): Promise<void> {
  patchConsoleEarly();
  try {
    const mod = await load(module);
    await nextTurn();
    if (startCalled() || await listening(port)) return;
    const handler = pickHandler(mod, name);
    const options = pickStartOptions(mod, name);
    const { start } = await import("./start.ts");
    await start(handler, options);
  } catch (e) {
    const error = toLambdaError(e);
    // one log record, in the log format, with the error document the Runtime API would get
    console.error(
      `Init Error\t${
        JSON.stringify({
          errorType: error.type,
          errorMessage: error.message,
          stackTrace: errorStack(error)?.split("\n") ?? [],
        })
      }`,
    );
    exit(1);
  }
}

/**
 * Resolves after one turn of the event loop (a message through a `MessageChannel`). Not
 * `setTimeout(resolve, 0)`: Deno loads its Node.js timers module on the first `setTimeout` of a
 * process, which costs a cold start more than the rest of our start-up.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}

/** Routes `console` through the logger with the environment's settings, before user code runs. */
function patchConsoleEarly(): void {
  logger.init();
}

/** Whether `start` (or `startRaw`, `startHttp`) was called in this process. */
function startCalled(): boolean {
  return (globalThis as Record<symbol, unknown>)[START_CALLED] === true;
}

function load(module: string | ModuleLoader): Promise<Record<string, unknown>> {
  return typeof module === "string" ? import(toUrl(module)) : module();
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
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

function pickHandler(mod: Record<string, unknown>, name: string): Handler {
  let exported = "handler";
  const h = env("_HANDLER");
  if (h) exported = h.slice(h.lastIndexOf(".") + 1);
  for (const candidate of [mod[exported], mod.handler, mod.default]) {
    if (typeof candidate === "function") return candidate as Handler;
  }
  const error = new Error(
    `${name} neither started the runtime (start(handler)) nor exported a handler function`,
  );
  error.name = "Runtime.HandlerNotFound";
  throw error;
}

/** The module's exported `startOptions` (an object), or none. */
function pickStartOptions(mod: Record<string, unknown>, name: string): StartOptions {
  const options = mod.startOptions;
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const error = new TypeError(
      `${name} exports startOptions that are not an object (${
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
