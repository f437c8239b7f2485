/**
 * The Runtime API transport (provided.al2023): the loop that fetches events (`loop.ts`), runs one
 * invocation (`invocation.ts`) and posts its result or error (`post_outcome.ts`); the API's
 * requests (`client.ts`) over its own HTTP/1.1 client (`_http1_*.ts`); the error documents,
 * init-error reporting and the `InvokeStore`. Importing this door loads only the last three: the
 * loop and the client are loaded by `runRuntimeApi` and `loadRuntimeApiClient` (`run.ts`) when
 * called. The client is offered for the benchmark that measures it against `fetch` and
 * `node:http` (`bench/runtime_api_client.ts`).
 *
 * @module
 */
export type { RuntimeApiClient } from "./client.ts";
export { reportInitError, watchInitErrors } from "./init_error.ts";
export { INVOKE_STORE_KEYS, withInvokeStore } from "./invoke_store.ts";
export type { RuntimeApiOptions } from "./loop.ts";
export { loadRuntimeApiClient, runRuntimeApi, runtimeApiStarted } from "./run.ts";
