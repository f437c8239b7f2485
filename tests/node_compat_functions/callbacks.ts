// deno-lint-ignore-file no-import-prefix -- user code names its pinned npm packages itself
/**
 * Callback handlers as AWS's Node.js runtime runs them: `event.mode` picks one that calls back at
 * once, after a timer, with an error, or through `context.succeed`.
 *
 * @module
 */
import type { Callback, Context, Handler } from "npm:@types/aws-lambda@8.10.164";
import { start } from "../../mod.ts";

interface Event {
  mode: "sync" | "timer" | "error" | "succeed";
  n: number;
}

export const handler: Handler<Event, { n: number; mode: string }> = (
  event: Event,
  context: Context,
  callback: Callback<{ n: number; mode: string }>,
) => {
  switch (event.mode) {
    case "sync":
      callback(null, { n: event.n + 1, mode: "sync" });
      break;
    case "timer":
      setTimeout(() => callback(null, { n: event.n * 10, mode: "timer" }), 50);
      break;
    case "error":
      setTimeout(() => callback(new RangeError(`n ${event.n} is out of range`)), 10);
      break;
    case "succeed":
      context.succeed({ n: event.n, mode: "succeed" });
      break;
  }
};

start(handler);
