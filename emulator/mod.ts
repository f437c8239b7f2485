/**
 * The Lambda service side, for `deno task invoke` and tests: spawns a function as Lambda does,
 * plays go1.x (a gob `net/rpc` client) or provided.al2023 (a Runtime API server) and reports the
 * outcome. The deployed runtime never loads it.
 *
 * @module
 */
export { main as invokeCommand, parseInvokeArgs } from "./cli.ts";
export { freePort, invokeLocally } from "./go1x_service.ts";
export { GoClient } from "./go_rpc_client.ts";
export { RuntimeApiServer } from "./runtime_api_server.ts";
export { invokeRuntimeApi } from "./runtime_api_service.ts";
export { type RuntimeApiServerOptions } from "./runtime_api_types.ts";
export { lambdaEnvironment } from "./function_env.ts";
export {
  functionCommand,
  FunctionProcess,
  type ProjectConfig,
  projectConfig,
} from "./spawn_function.ts";
