/**
 * The smallest function: ignores its event and returns a greeting.
 *
 * `deno task invoke examples/hello.ts` prints `"Hello ƛ!"`.
 *
 * @module
 */
import { start } from "../mod.ts";

/** Returns the greeting. @returns `"Hello ƛ!"` */
export function handler(): string {
  return "Hello ƛ!";
}

if (import.meta.main) start(handler);
