/**
 * The facts a {@linkcode Context} carries besides the request id, ARN and deadline: the caller's
 * client context and Cognito identity, the function's environment, and what building a Context
 * takes. Named as aws-lambda-go names them, with the fields AWS's Node.js runtime types
 * (`@types/aws-lambda`) add.
 *
 * @module
 */

/** Metadata about the calling mobile application (Go's `lambdacontext.ClientApplication`). */
export interface ClientApplication {
  /** `installation_id` */
  installationId: string;
  /** `app_title` */
  appTitle: string;
  /** `app_version_name` (absent from aws-lambda-go's struct; `@types/aws-lambda` has it). */
  appVersionName: string;
  /** `app_version_code` */
  appVersionCode: string;
  /** `app_package_name` */
  appPackageName: string;
}

/**
 * `env` of a client context: the string values as sent, keyed as sent. The five names
 * `@types/aws-lambda` declares are always readable: `platformVersion` reads `platform_version`,
 * and a name the caller did not send reads `""` (these stand-ins are not enumerable, so iterating
 * or serialising `env` still shows only what was sent).
 */
export interface ClientEnvironment {
  [name: string]: string;
  /** `platform_version` */
  platformVersion: string;
  /** `platform` */
  platform: string;
  /** `make` */
  make: string;
  /** `model` */
  model: string;
  /** `locale` */
  locale: string;
}

/** The client context a mobile SDK caller sends, parsed from its JSON. */
export interface ClientContext {
  /** The calling application. Fields absent from the JSON are `""`. */
  client: ClientApplication;
  /** `env`: string values as sent. */
  env: ClientEnvironment;
  /** `custom`: string values as sent; other JSON values as their JSON text (as aws-lambda-go does). */
  custom: Record<string, string>;
}

/** The Amazon Cognito identity of the caller, when the call carried one. */
export interface CognitoIdentity {
  /** The Cognito identity id (`""` when absent). */
  cognitoIdentityId: string;
  /** The Cognito identity pool id (`""` when absent). */
  cognitoIdentityPoolId: string;
}

/** What the function's environment says about it (set by Lambda; read once per process). */
export interface FunctionEnvironment {
  /** `AWS_LAMBDA_FUNCTION_NAME` */
  functionName: string;
  /** `AWS_LAMBDA_FUNCTION_VERSION` */
  functionVersion: string;
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` in MB (0 when unset or not a number). */
  memoryLimitInMB: number;
  /** `AWS_LAMBDA_LOG_GROUP_NAME` */
  logGroupName: string;
  /** `AWS_LAMBDA_LOG_STREAM_NAME` */
  logStreamName: string;
}

/** Everything needed to build a `Context`; all but the first three are optional. */
export interface ContextInit {
  /** The request id (`awsRequestId`). */
  requestId: string;
  /** The ARN used to invoke the function (may carry a version or alias). */
  invokedFunctionArn: string;
  /** Absolute deadline, Unix time in milliseconds. */
  deadlineMs: number;
  /** The X-Ray trace header (`Root=…;Parent=…;Sampled=…`). */
  traceId?: string;
  /** The caller's Cognito identity. */
  identity?: CognitoIdentity;
  /** The client context, already parsed (see `parseClientContext`). */
  clientContext?: ClientContext;
  /** The tenant id (Runtime API, tenant-isolated functions). */
  tenantId?: string;
  /** Function facts; read from the environment when omitted. */
  environment?: FunctionEnvironment;
}

/**
 * Reads the function's facts from Lambda's environment variables.
 *
 * @returns The facts; missing variables give `""` (and 0 for the memory size).
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { functionEnvironment } from "./context_types.ts";
 * Deno.env.set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
 * equal(functionEnvironment().memoryLimitInMB, 256);
 * ```
 */
export function functionEnvironment(): FunctionEnvironment {
  const get = (name: string) => {
    try {
      return Deno.env.get(name) ?? "";
    } catch {
      return ""; // no env permission: behave as if unset
    }
  };
  const memory = Number.parseInt(get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), 10);
  return {
    functionName: get("AWS_LAMBDA_FUNCTION_NAME"),
    functionVersion: get("AWS_LAMBDA_FUNCTION_VERSION"),
    memoryLimitInMB: Number.isFinite(memory) ? memory : 0,
    logGroupName: get("AWS_LAMBDA_LOG_GROUP_NAME"),
    logStreamName: get("AWS_LAMBDA_LOG_STREAM_NAME"),
  };
}
