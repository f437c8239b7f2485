/**
 * Logging: `logger` levels and `console.*` both become CloudWatch records carrying the request id
 * (`AWS_LAMBDA_LOG_FORMAT=JSON` for JSON lines, `AWS_LAMBDA_LOG_LEVEL` to filter).
 *
 * `deno task invoke examples/logger.ts --env AWS_LAMBDA_LOG_FORMAT=JSON` prints `"logged"`; the
 * records go to standard error.
 *
 * @module
 */
import { type Context, logger, start } from "../mod.ts";

/**
 * Logs at several levels, one message spanning lines.
 *
 * @param event The event (logged).
 * @param context The invocation's context.
 * @returns `"logged"`.
 */
export function handler(event: unknown, context: Context): string {
  logger.debug("event", event);
  logger.info(
    "function",
    context.functionName,
    "with",
    context.remainingTimeMs() > 0 ? "time left" : "no time",
  );
  logger.warn("a message\nover two lines stays one record");
  console.log("console.log inside an invocation is a record too");
  return "logged";
}

if (import.meta.main) start(handler);
