// A function that echoes its event with a few Context facts (the Runtime API loop started by the module itself).
import { runRuntimeApi as start } from "../../server/runtime_api/mod.ts";
import type { Context } from "../../server/core/mod.ts";

start((event: unknown, ctx: Context) => ({
  event,
  requestId: ctx.requestId,
  functionName: ctx.functionName,
  tenantId: ctx.tenantId ?? null,
}));
