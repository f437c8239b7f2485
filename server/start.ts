/**
 * `start(handler)`: picks the transport from the environment, as aws-lambda-go does.
 *
 * @module
 */
import type { GobLimits } from "../codec-as/mod.ts";
import { type Handler, type InvokeOptions, watchUncaught } from "./core/mod.ts";
import { logger, type LoggerOptions } from "./log/mod.ts";
// Importing the Runtime API transport arms its init-error reporting (failures before start() go to
// /init/error) and loads no more of it: the loop is loaded when runRuntimeApi is called. The go1.x
// transport, and with it the gob codec, is imported only when start serves go1.x.
import { runRuntimeApi, withInvokeStore } from "./runtime_api/mod.ts";

/**
 * The go1.x server's default gob limits. Lambda accepts synchronous requests of up to 6 MB, so a
 * message larger than 8 MiB is hostile or broken; the cap keeps what one connection can make the
 * codec allocate small. `StartOptions.limits` overrides each field.
 */
export const GO1X_LIMITS: Readonly<GobLimits> = Object.freeze({ maxMessageBytes: 8 * 1024 * 1024 });

/** Options for {@linkcode start}. */
export interface StartOptions<E = unknown> extends InvokeOptions<E> {
  /** Logger settings (`false`: leave the logger and `console` alone). */
  logger?: LoggerOptions | false;
  /** go1.x: limits for each connection's gob decoder (defaults: {@linkcode GO1X_LIMITS}). */
  limits?: GobLimits;
  /** go1.x: ends the server (for tests); the returned Promise then resolves. */
  signal?: AbortSignal;
  /** Runtime API: run on SIGTERM/SIGINT once in-flight invocations finish, then exit 0. */
  onShutdown?: (signal: "SIGTERM" | "SIGINT") => void | Promise<void>;
  /** go1.x: called once the server listens, with its address (for tests). */
  onListen?: (addr: Deno.NetAddr) => void;
}

/** The logger as `StartOptions.logger` asks (`false`: `console` left as it is). */
function setUpLogger(options: LoggerOptions | false | undefined): void {
  if (options !== false) logger.init(options);
  else logger.restoreConsole();
}

/** Reads a variable; one that may not be read (no env permission) is undefined, and noted. */
function env(name: string, unreadable: string[]): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    unreadable.push(name);
    return undefined;
  }
}

/**
 * Runs a handler as a Lambda function. With `_LAMBDA_SERVER_PORT` set it serves Lambda's go1.x
 * protocol (Go `net/rpc` with gob) on that loopback port; else with `AWS_LAMBDA_RUNTIME_API` set it
 * runs the HTTP Runtime API loop (provided.al2023). The returned Promise settles only when the
 * server stops (through `options.signal`); a start-up failure rejects it, and left unawaited that
 * ends the process with the message.
 *
 * @param handler `(event, context) => result | Promise<result>`.
 * @param options Event decoder, logger settings, limits.
 * @returns A Promise that resolves when the server stops.
 * @throws {Error} When neither variable is set (or the environment may not be read), or the port
 *   is invalid or cannot be bound.
 * @example
 * ```ts ignore
 * import { start } from "../mod.ts";
 * start((event: { name?: string }) => `Hello ${event.name ?? "ƛ"}!`);
 * ```
 */
export async function start<E, R>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, R> | Handler<any, R>,
  options: StartOptions<E> = {},
): Promise<void> {
  if (typeof handler !== "function") {
    throw new TypeError(`start(): the handler must be a function, got ${typeof handler}`);
  }
  // The module loader (load_module.ts) starts exported handlers only when this is not set.
  (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-gob.startCalled")] = true;
  const unreadable: string[] = [];
  const portText = env("_LAMBDA_SERVER_PORT", unreadable);
  if (portText !== undefined) {
    const port = parsePort(portText);
    setUpLogger(options.logger);
    watchUncaught();
    const { serveGo1x } = await import("./go1x/mod.ts");
    await serveGo1x(withInvokeStore(handler), port, {
      ...options,
      limits: { ...GO1X_LIMITS, ...options.limits },
    });
    return;
  }
  if (env("AWS_LAMBDA_RUNTIME_API", unreadable) !== undefined) {
    setUpLogger(options.logger);
    await runRuntimeApi(handler, options);
    return;
  }
  if (unreadable.length > 0) {
    throw new Error(
      `start(): cannot read ${unreadable.join(" or ")}: no permission to read the environment; ` +
        "run the function with --allow-env (`deno task package` and `deno task compile` grant it)",
    );
  }
  throw new Error(
    "start(): neither _LAMBDA_SERVER_PORT (go1.x runtime) nor AWS_LAMBDA_RUNTIME_API " +
      "(provided.al2023 Runtime API) is set, so there is no Lambda service to talk to; " +
      "run the function locally with `deno task invoke <entry.ts>`",
  );
}

/**
 * Parses `_LAMBDA_SERVER_PORT`.
 *
 * @param text The variable's value.
 * @returns The port number.
 * @throws {RangeError} When it is not a decimal integer from 1 to 65535.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parsePort } from "./start.ts";
 * assert.deepEqual(parsePort("8001"), 8001);
 * ```
 */
export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new RangeError(
      `start(): _LAMBDA_SERVER_PORT must be a TCP port number from 1 to 65535, got ${
        JSON.stringify(text)
      }`,
    );
  }
  return port;
}
