/**
 * Logging for CloudWatch: the logger (levels, request id, text or JSON lines) and the
 * `console` formatting of its arguments.
 *
 * @module
 */
export { type LogFormat, Logger, logger, type LoggerOptions, type LogLevel } from "./logger.ts";
