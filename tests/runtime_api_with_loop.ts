// The harness of the Runtime API loop tests (runtime_api_*_test.ts): a handler run by
// `runRuntimeApi` in process against the project's emulator, stopped after each test.
import { RuntimeApiServer, type RuntimeApiServerOptions } from "../emulator/mod.ts";
import type { Handler } from "../server/core/mod.ts";
import { runRuntimeApi, type RuntimeApiOptions } from "../server/runtime_api/mod.ts";

/** A response body as text. */
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/**
 * Runs `handler` in a Runtime API loop against a fresh emulator while `fn` drives it; then stops
 * the loop and closes the emulator. `exit` calls are recorded rather than made.
 *
 * @param handler The function's handler.
 * @param fn The test: gets the emulator and the exit codes so far.
 * @param options The loop's options, and the emulator's under `server`.
 */
export async function withLoop(
  // deno-lint-ignore no-explicit-any
  handler: Handler<any, any>,
  fn: (server: RuntimeApiServer, exits: number[]) => Promise<void>,
  options: RuntimeApiOptions & { server?: RuntimeApiServerOptions } = {},
): Promise<void> {
  const server = await RuntimeApiServer.start(options.server);
  const stop = new AbortController();
  const exits: number[] = [];
  const loop = runRuntimeApi(handler, {
    address: server.address,
    signal: stop.signal,
    handleSignals: false,
    setTraceEnv: false,
    exit: (code) => void exits.push(code),
    ...options,
  });
  try {
    await fn(server, exits);
  } finally {
    stop.abort();
    await loop;
    await server.close();
  }
}
