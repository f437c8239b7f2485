/**
 * Echoes the event and some context facts (for tests of the emulator's environment).
 *
 * @module
 */
import { type Context, start } from "../../mod.ts";

start((event: unknown, ctx: Context) => ({
  event,
  functionName: ctx.functionName,
  memory: ctx.memoryLimitMB,
  arn: ctx.invokedFunctionArn,
  remaining: ctx.remainingTimeMs() > 0,
  extra: Deno.env.get("EXTRA") ?? null,
  trace: (ctx.traceId ?? "").startsWith("Root=1-"),
  clientContext: ctx.clientContext ?? null,
  identity: ctx.identity ?? null,
}));
