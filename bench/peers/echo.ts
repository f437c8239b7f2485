/**
 * Benchmark peer: an echo function through `start` (the event is parsed from JSON and the result
 * serialised back, as for any handler). Run with `_LAMBDA_SERVER_PORT` set.
 *
 * @module
 */
import { start } from "../../mod.ts";

start((event: unknown) => event, { logger: false });
