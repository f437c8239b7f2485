/**
 * The Runtime API transport (provided.al2023): the loop that fetches events and posts results,
 * its HTTP/1.1 client, the error documents, init-error reporting and the `InvokeStore`.
 *
 * @module
 */
export { reportInitError, watchInitErrors } from "./init_error.ts";
export { INVOKE_STORE_KEYS } from "./invoke_store.ts";
export { runRuntimeApi, type RuntimeApiOptions, runtimeApiStarted } from "./loop.ts";
