// deno-lint-ignore-file no-import-prefix -- user code names its pinned npm packages itself
/**
 * Powertools Parser's built-in schemas (zod) on the events the function receives: S3, SQS (with
 * the SQS envelope parsing each body) and API Gateway HTTP API (v2) events.
 *
 * @module
 */
import type { Context } from "npm:@types/aws-lambda@8.10.164";
import { parse } from "npm:@aws-lambda-powertools/parser@2.35.0";
import { SqsEnvelope } from "npm:@aws-lambda-powertools/parser@2.35.0/envelopes/sqs";
import { JSONStringified } from "npm:@aws-lambda-powertools/parser@2.35.0/helpers";
import {
  APIGatewayProxyEventV2Schema,
  S3Schema,
} from "npm:@aws-lambda-powertools/parser@2.35.0/schemas";
import { z } from "npm:zod@4.6.7";
import { start } from "../../mod.ts";

const Order = z.object({ order: z.string(), items: z.number() });

export const handler = (event: { Records?: { eventSource?: string }[] }, _context: Context) => {
  const source = event.Records?.[0]?.eventSource;
  if (source === "aws:s3") {
    return parse(event, undefined, S3Schema).Records.map((r) =>
      `${r.eventName} ${r.s3.bucket.name}/${r.s3.object.key} ${r.s3.object.size ?? 0}`
    );
  }
  if (source === "aws:sqs") {
    return parse(event, SqsEnvelope, JSONStringified(Order)).map((o) => `${o.order} x${o.items}`);
  }
  const http = parse(event, undefined, APIGatewayProxyEventV2Schema);
  return [
    `${http.requestContext.http.method} ${http.rawPath} from ${http.requestContext.http.sourceIp}`,
  ];
};

start(handler);
