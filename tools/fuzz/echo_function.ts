/**
 * The function the server fuzzer attacks: `start()` (go1.x, `_LAMBDA_SERVER_PORT`) with a handler
 * that echoes its event.
 *
 * @module
 */
import { start } from "../../mod.ts";

await start((event: unknown) => event ?? null);
