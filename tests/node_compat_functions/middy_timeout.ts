// deno-lint-ignore-file no-import-prefix -- user code names its pinned npm packages itself
/**
 * middy with `timeoutEarlyInMillis`: the handler would outlive the function's timeout, so middy
 * answers (http-error-handler's 500) before the deadline — through `getRemainingTimeInMillis`.
 *
 * @module
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "npm:@types/aws-lambda@8.10.164";
import middy from "npm:@middy/core@7.9.2";
import httpJsonBodyParser from "npm:@middy/http-json-body-parser@7.9.2";
import httpErrorHandler from "npm:@middy/http-error-handler@7.9.2";
import { start } from "../../mod.ts";

const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  // http-json-body-parser has parsed the JSON body.
  const wait = (event.body as unknown as { wait?: number }).wait ?? 0;
  await new Promise((resolve) => setTimeout(resolve, wait));
  return { statusCode: 200, body: JSON.stringify({ waited: wait }) };
};

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>({
  timeoutEarlyInMillis: 400,
})
  .use(httpJsonBodyParser())
  .use(httpErrorHandler())
  .handler(base);

start(handler);
