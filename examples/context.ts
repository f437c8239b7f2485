/**
 * The invocation's Context, reached from anywhere inside the invocation with `Context.current()`.
 *
 * `deno task invoke examples/context.ts` prints the ARN the emulator invoked, e.g.
 * `"arn:aws:lambda:us-east-1:123456789012:function:context"`.
 *
 * @module
 */
import { Context, start } from "../mod.ts";

/** Somewhere deep in the code, after an await: no context needs to be passed down. */
async function whoAmI(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return Context.current().invokedFunctionArn;
}

/** @returns The invoked function's ARN. */
export async function handler(): Promise<string> {
  return await whoAmI();
}

if (import.meta.main) start(handler);
