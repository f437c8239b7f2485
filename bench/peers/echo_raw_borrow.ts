/**
 * Benchmark peer: an echo function through `startRaw` with `borrowPayload` (as a proxy that only
 * passes the bytes on would run): large payloads are read into one reused buffer per connection
 * instead of a new one each time. Run with `_LAMBDA_SERVER_PORT` or `AWS_LAMBDA_RUNTIME_API` set.
 *
 * @module
 */
import { startRaw } from "../../mod.ts";

startRaw((payload) => payload, { logger: false, borrowPayload: true });
