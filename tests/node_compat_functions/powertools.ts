// deno-lint-ignore-file no-import-prefix -- user code names its pinned npm packages itself
/**
 * Powertools for AWS Lambda (TypeScript): the Logger with the Lambda context added, and Metrics
 * flushed as CloudWatch EMF, as a Node.js function uses them.
 *
 * @module
 */
import type { Context } from "npm:@types/aws-lambda@8.10.164";
import { Logger } from "npm:@aws-lambda-powertools/logger@2.36.0";
import { Metrics, MetricUnit } from "npm:@aws-lambda-powertools/metrics@2.36.0";
import { start } from "../../mod.ts";

const logger = new Logger({ serviceName: "orders" });
const metrics = new Metrics({ namespace: "compat", serviceName: "orders" });

export const handler = (event: { item: string }, context: Context) => {
  logger.addContext(context);
  logger.info("order placed", { item: event.item });
  metrics.addMetric("ordersPlaced", MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return { item: event.item };
};

start(handler);
