/**
 * Benchmark peer: an echo function through `startRaw` (payload bytes in, the same bytes out, no
 * JSON work). Run with `_LAMBDA_SERVER_PORT` set.
 *
 * @module
 */
import { startRaw } from "../../mod.ts";

startRaw((payload) => payload, { logger: false });
