/**
 * A function that outlives its deadline (it ignores the Context's signal).
 *
 * @module
 */
import { start } from "../../mod.ts";

start(async () => {
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  return "too late";
});
