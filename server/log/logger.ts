/**
 * A CloudWatch logger shaped like AWS's Node.js runtime: text lines
 * `timestamp<TAB>requestId<TAB>LEVEL<TAB>message` or one JSON object per line
 * (`AWS_LAMBDA_LOG_FORMAT=JSON`), filtered by `AWS_LAMBDA_LOG_LEVEL`. Lines are written
 * synchronously, so every log of an invocation is out before its response is sent.
 *
 * @module
 */
import { Context, userStack } from "../core/mod.ts";
import { formatLog } from "./_format_args.ts";

/** Log levels, from the most verbose. */
export type LogLevel = "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR" | "FATAL";
/** Output formats. */
export type LogFormat = "Text" | "JSON";

const LEVELS: readonly LogLevel[] = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

/** Settings for {@linkcode Logger.init}; omitted ones come from the environment. */
export interface LoggerOptions {
  /** `Text` (default) or `JSON`; else `AWS_LAMBDA_LOG_FORMAT`. */
  format?: LogFormat;
  /** Lowest level written (default `TRACE`, i.e. all); else `AWS_LAMBDA_LOG_LEVEL`. */
  level?: LogLevel;
  /** Where lines go (default: standard output, written synchronously). */
  write?: (line: string) => void;
  /**
   * Route `console.*` calls through the logger (default true): inside an invocation the record
   * carries its request id, outside one (init code) none, as AWS's Node.js runtime writes them.
   */
  patchConsole?: boolean;
}

const encoder = new TextEncoder();

function writeStdout(line: string): void {
  const bytes = encoder.encode(line);
  let offset = 0;
  while (offset < bytes.length) offset += Deno.stdout.writeSync(bytes.subarray(offset));
}

function envValue(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

/**
 * Parses a level name case-insensitively.
 *
 * @param name A level name such as `"info"` or `"WARN"`.
 * @returns The level, or `undefined` when the name is unknown.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseLogLevel } from "./logger.ts";
 * assert.deepEqual(parseLogLevel("warn"), "WARN");
 * ```
 */
export function parseLogLevel(name: string | undefined): LogLevel | undefined {
  const upper = name?.trim().toUpperCase();
  return LEVELS.find((l) => l === upper);
}

type ConsoleMethod = "log" | "info" | "warn" | "error" | "debug" | "trace";
const CONSOLE_LEVELS: Record<ConsoleMethod, LogLevel> = {
  log: "INFO",
  info: "INFO",
  warn: "WARN",
  error: "ERROR",
  debug: "DEBUG",
  trace: "TRACE",
};

/**
 * The logger. Use the shared instance {@linkcode logger}; `start()` calls `logger.init()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Logger } from "./logger.ts";
 * const lines: string[] = [];
 * const log = new Logger();
 * log.init({ format: "JSON", write: (l) => lines.push(l), patchConsole: false });
 * log.info("hello", { a: 1 });
 * assert.deepEqual(JSON.parse(lines[0]).message, "hello { a: 1 }");
 * ```
 */
export class Logger {
  #format: LogFormat = "Text";
  #min = 0;
  #write: (line: string) => void = writeStdout;
  #original: Partial<Record<ConsoleMethod, (...args: unknown[]) => void>> | undefined;

  /**
   * Reads the settings (options first, then `AWS_LAMBDA_LOG_FORMAT` / `AWS_LAMBDA_LOG_LEVEL`) and,
   * unless told not to, routes `console.*` calls through the logger. Calling it again re-reads the
   * settings.
   *
   * @param options Overrides for the environment's settings.
   */
  init(options: LoggerOptions = {}): void {
    const fmt = options.format ?? envValue("AWS_LAMBDA_LOG_FORMAT");
    this.#format = fmt?.toUpperCase() === "JSON" ? "JSON" : "Text";
    const level = options.level ?? parseLogLevel(envValue("AWS_LAMBDA_LOG_LEVEL")) ?? "TRACE";
    this.#min = LEVELS.indexOf(level);
    this.#write = options.write ?? writeStdout;
    if (options.patchConsole === false) this.restoreConsole();
    else this.#patchConsole();
  }

  /** Puts back the `console` methods `init` replaced. */
  restoreConsole(): void {
    if (this.#original === undefined) return;
    Object.assign(console, this.#original);
    this.#original = undefined;
  }

  /**
   * Writes one record at `level` (when the level passes the filter).
   *
   * @param level The record's level.
   * @param args Values formatted like `console.log` does.
   */
  log(level: LogLevel, ...args: unknown[]): void {
    if (LEVELS.indexOf(level) < this.#min) return;
    this.#write(this.format(level, args, Context.find()?.requestId));
  }

  /**
   * Writes one record for an invocation that is no longer current: the runtime's own lines about
   * it, written after its handler settled (`Invoke Error`), still carry its request id.
   *
   * @param requestId The invocation's request id.
   * @param level The record's level.
   * @param args Values formatted like `console.log` does.
   */
  logFor(requestId: string, level: LogLevel, ...args: unknown[]): void {
    if (LEVELS.indexOf(level) < this.#min) return;
    this.#write(this.format(level, args, requestId));
  }

  /** Writes at TRACE. @param args Values formatted like `console.log` does. */
  trace(...args: unknown[]): void {
    this.log("TRACE", ...args);
  }
  /** Writes at DEBUG. @param args Values formatted like `console.log` does. */
  debug(...args: unknown[]): void {
    this.log("DEBUG", ...args);
  }
  /** Writes at INFO. @param args Values formatted like `console.log` does. */
  info(...args: unknown[]): void {
    this.log("INFO", ...args);
  }
  /** Writes at WARN. @param args Values formatted like `console.log` does. */
  warn(...args: unknown[]): void {
    this.log("WARN", ...args);
  }
  /** Writes at ERROR. @param args Values formatted like `console.log` does. */
  error(...args: unknown[]): void {
    this.log("ERROR", ...args);
  }
  /** Writes at FATAL. @param args Values formatted like `console.log` does. */
  fatal(...args: unknown[]): void {
    this.log("FATAL", ...args);
  }

  /**
   * Formats one record as a line (with its trailing newline) without writing it.
   *
   * @param level The record's level.
   * @param args The values to format.
   * @param requestId The request id (`undefined` outside an invocation).
   * @returns The line.
   */
  format(level: LogLevel, args: unknown[], requestId: string | undefined): string {
    const timestamp = new Date().toISOString();
    const only = args.length === 1 ? args[0] : undefined;
    // A lone error: its stack with the user's frames only, as every error the runtime reports.
    const stack = only instanceof Error && typeof only.stack === "string"
      ? userStack(only.stack)
      : undefined;
    const message = stack ?? formatLog(args);
    if (this.#format === "Text") {
      // One CloudWatch record per line: newlines inside the message become carriage returns.
      return `${timestamp}\t${requestId}\t${level}\t${message.replaceAll("\n", "\r")}\n`;
    }
    const record: Record<string, unknown> = { timestamp, level, requestId, message };
    if (only instanceof Error) {
      record.errorType = only.name;
      record.errorMessage = only.message;
      record.stackTrace = (stack ?? "").split("\n");
    }
    return `${safeJson(record)}\n`;
  }

  #patchConsole(): void {
    if (this.#original !== undefined) return;
    const original: Partial<Record<ConsoleMethod, (...args: unknown[]) => void>> = {};
    for (const method of Object.keys(CONSOLE_LEVELS) as ConsoleMethod[]) {
      const before = console[method].bind(console) as (...args: unknown[]) => void;
      original[method] = console[method] as (...args: unknown[]) => void;
      const level = CONSOLE_LEVELS[method];
      // A reference taken while patched (`const log = console.error` at a module's top level)
      // keeps writing records until restoreConsole().
      console[method] = (...args: unknown[]) => {
        if (this.#original === undefined) return before(...args);
        if (LEVELS.indexOf(level) < this.#min) return;
        if (method === "trace") {
          const stack = new Error().stack?.split("\n").slice(2).join("\n") ?? "";
          args = [formatLog(args) + "\n" + stack];
        }
        this.#write(this.format(level, args, Context.find()?.requestId));
      };
    }
    this.#original = original;
  }
}

function safeJson(record: Record<string, unknown>): string {
  try {
    return JSON.stringify(record);
  } catch {
    return JSON.stringify({ ...record, errorType: undefined, stackTrace: undefined });
  }
}

/**
 * The process-wide logger.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Logger, logger } from "./logger.ts";
 * assert.ok(logger instanceof Logger);
 * ```
 */
export const logger: Logger = new Logger();
