// deno-lint-ignore-file no-import-prefix -- user code names its pinned npm packages itself
/**
 * A handler written for AWS's Node.js runtime and typed with `@types/aws-lambda`, started as is:
 * it reads the context by Node's names and the request id through `@aws/lambda-invoke-store`.
 *
 * @module
 */
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Context,
  Handler,
} from "npm:@types/aws-lambda@8.10.164";
import { InvokeStore } from "@aws/lambda-invoke-store";
import { type Context as LambdaGobContext, start } from "../../mod.ts";

/** lambda-gob's Context is a Node.js `Context` (this file fails `deno check` otherwise). */
export const asNodeContext = (ctx: LambdaGobContext): Context => ctx;

export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (
  event,
  context: Context,
) => {
  const store = await InvokeStore.getInstanceAsync();
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      path: event.path,
      awsRequestId: context.awsRequestId,
      storeRequestId: store.getRequestId(),
      storeTraceId: store.getXRayTraceId() ?? null,
      functionName: context.functionName,
      memoryLimitInMB: context.memoryLimitInMB,
      remaining: context.getRemainingTimeInMillis(),
      waits: context.callbackWaitsForEmptyEventLoop,
      custom: context.clientContext?.custom ?? null,
      appVersionName: context.clientContext?.client.appVersionName ?? null,
    }),
  };
};

start(handler);
