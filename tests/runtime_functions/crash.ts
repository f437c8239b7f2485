/**
 * A function whose invocation throws where nobody can catch it: `{"mode":"uncaught"}` throws from
 * a timer, `{"mode":"rejection"}` leaves a rejected promise unhandled. The runtime must answer
 * with `ShouldExit: true` and then exit.
 *
 * @module
 */
import { start } from "../../mod.ts";

start((event: { mode: string }) => {
  if (event.mode === "uncaught") {
    setTimeout(() => {
      throw new TypeError("thrown from a timer");
    }, 1);
  } else {
    Promise.reject(new RangeError("nobody caught me"));
  }
  return new Promise(() => {}); // never settles: only the fatal error can end this invocation
});
