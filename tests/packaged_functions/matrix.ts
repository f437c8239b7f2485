// One function for the packaged-vs-source matrix (tests/packaged_runtime_test.ts): the event's
// `op` picks what to exercise. It only exports its handler (no start call), and takes a console
// method at import time, as middy's error handler does.
import { Context, logger } from "../../mod.ts";

const early = console.warn;
early("matrix loaded");

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nested user frames for the error cases. */
function fail(message: string): never {
  throw new RangeError(message);
}

/** Runs the event's `op`. */
export async function handler(
  event: { op: string; ms?: number; data?: string },
  context: Context,
): Promise<unknown> {
  switch (event.op) {
    case "context": {
      const first = Context.current();
      await tick();
      const afterTimer = Context.current();
      const inChain = await Promise.resolve().then(() => Context.current());
      return {
        same: first === context && afterTimer === context && inChain === context,
        requestId: context.requestId,
        functionName: context.functionName,
        arn: context.invokedFunctionArn,
        logGroup: context.logGroupName,
        timeLeft: context.remainingTimeMs() > 0,
      };
    }
    case "log":
      logger.debug("debug record");
      logger.info("info", { n: 1 });
      logger.warn("two\nlines");
      logger.error(new TypeError("logged error"));
      console.log("console %s", "line");
      early("captured at import");
      return "logged";
    case "throw":
      return fail("thrown by the handler");
    case "reject":
      await tick();
      return fail("rejected after an await");
    case "uncaught":
      setTimeout(() => fail("uncaught in a timer"), 1);
      return await new Promise(() => {});
    case "rejection":
      tick().then(() => fail("unhandled rejection"));
      return await new Promise(() => {});
    case "late":
      // answers, then fails between invocations
      setTimeout(() => fail("uncaught after the answer"), 20);
      return "answered";
    case "sleep":
      await tick(event.ms ?? 10);
      return "slept";
    case "echo":
      return event.data;
    case "stream":
      return Object.assign(
        new ReadableStream<string>({
          start(c) {
            c.enqueue("chunk 1, ");
            c.enqueue("chunk 2");
            c.close();
          },
        }),
        { contentType: "text/plain" },
      );
    default:
      throw new TypeError(`unknown op ${event.op}`);
  }
}
