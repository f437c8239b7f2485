/**
 * The Runtime API transport (provided.al2023): the loop that fetches events (`loop.ts`), runs one
 * invocation (`invocation.ts`) and posts its result or error (`post_outcome.ts`); the API's
 * requests (`client.ts`) over its own HTTP/1.1 client (`_http1_*.ts`); the error documents,
 * init-error reporting and the `InvokeStore`. `RuntimeApiClient` is exported for the benchmark that
 * measures it against `fetch` and `node:http` (`bench/runtime_api_client.ts`).
 *
 * @module
 */
export { RuntimeApiClient } from "./client.ts";
export { reportInitError, watchInitErrors } from "./init_error.ts";
export { INVOKE_STORE_KEYS, withInvokeStore } from "./invoke_store.ts";
export { runRuntimeApi, type RuntimeApiOptions, runtimeApiStarted } from "./loop.ts";
