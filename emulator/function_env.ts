/**
 * The environment a function is started with, as Lambda gives it: the function's facts (name,
 * memory, region, log group…) and the variables of the service the emulator plays, without those
 * of any other service the invoking process may carry.
 *
 * @module
 */

/** Entry files that run under Deno; anything else is a binary. */
export const SCRIPT = /\.(ts|mts|tsx|js|mjs|jsx)$/;

/**
 * The environment Lambda gives a function (go1.x flavour), for a function named after its entry.
 *
 * @param entry The entry path (its base name names the function).
 * @param extra Additions and overrides (`--env K=V`).
 * @returns The variables to set.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lambdaEnvironment } from "./function_env.ts";
 * assert.deepEqual(lambdaEnvironment("examples/hello.ts", {}).AWS_LAMBDA_FUNCTION_NAME, "hello");
 * ```
 */
export function lambdaEnvironment(
  entry: string,
  extra: Record<string, string>,
): Record<string, string> {
  const name = functionName(entry);
  const region = Deno.env.get("AWS_REGION") ?? "us-east-1";
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  const stream = crypto.randomUUID().replaceAll("-", "");
  return {
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]${stream}`,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: "AWS_Lambda_go1.x",
    // A fresh process, as Lambda's on-demand start (Powertools reads it for cold_start).
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    _HANDLER: name,
    ...extra,
  };
}

/**
 * The function name for an entry: its base name without extension; for an unpacked package's
 * `bootstrap`, the name of its folder.
 *
 * @param entry The entry path.
 * @returns The name.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { functionName } from "./function_env.ts";
 * assert.deepEqual(functionName("src/orders.ts"), "orders");
 * assert.deepEqual(functionName("dist/orders/bootstrap"), "orders");
 * ```
 */
export function functionName(entry: string): string {
  const parts = entry.split(/[\\/]/).filter((p) => p !== "" && p !== ".");
  const base = parts.at(-1) ?? entry;
  if (base === "bootstrap" && parts.length > 1 && parts.at(-2) !== "..") return parts.at(-2)!;
  return base.replace(SCRIPT, "") || "function";
}

/** The variables that say which Lambda service a function talks to: the emulator sets its own. */
const SERVICE_VARIABLES = [
  "_LAMBDA_SERVER_PORT",
  "AWS_LAMBDA_RUNTIME_API",
  "AWS_LAMBDA_MAX_CONCURRENCY",
];

/**
 * A function's environment: this process's (PATH, HOME, DENO_DIR…) without the variables that
 * choose a Lambda service, then `env`. A service variable left over from elsewhere (a test that set
 * `_LAMBDA_SERVER_PORT` in this process) would make a Runtime API function serve go1.x instead.
 *
 * @param env The variables the function gets.
 * @returns The whole environment, for a `Deno.Command` with `clearEnv: true`.
 * @example
 * ```ts
 * import { inheritedEnv } from "./function_env.ts";
 * import { equal } from "node:assert/strict";
 * Deno.env.set("_LAMBDA_SERVER_PORT", "9001");
 * const env = inheritedEnv({ AWS_LAMBDA_RUNTIME_API: "127.0.0.1:9002" });
 * Deno.env.delete("_LAMBDA_SERVER_PORT");
 * equal(env._LAMBDA_SERVER_PORT, undefined);
 * equal(env.AWS_LAMBDA_RUNTIME_API, "127.0.0.1:9002");
 * equal(env.PATH, Deno.env.get("PATH"));
 * ```
 */
export function inheritedEnv(env: Record<string, string>): Record<string, string> {
  const all = Deno.env.toObject();
  for (const name of SERVICE_VARIABLES) delete all[name];
  return { ...all, ...env };
}
