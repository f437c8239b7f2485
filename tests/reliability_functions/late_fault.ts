/**
 * A function that leaves a fault behind after its invocation has been answered: `{"mode":"timer"}`
 * throws from a timer 50 ms later, `{"mode":"rejection"}` rejects a promise nobody handles 50 ms
 * later, `{"mode":"none"}` does neither. Nothing is in flight when the fault happens.
 *
 * @module
 */
import { start } from "../../mod.ts";

start((event: { mode: string }) => {
  if (event.mode === "timer") {
    setTimeout(() => {
      throw new TypeError("late timer");
    }, 50);
  } else if (event.mode === "rejection") {
    setTimeout(() => void Promise.reject(new RangeError("late rejection")), 50);
  }
  return "answered";
});
