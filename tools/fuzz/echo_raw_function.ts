/**
 * The raw-bytes function the server fuzzer attacks (`runServerFuzz({ raw: true })`): the go1.x
 * service with a raw echo handler, as `startRaw` serves it, except that every request message of
 * 64 bytes or more takes the large-message path (read whole into a buffer of its own, the decoder
 * keeps it) instead of only those of 64 KiB — so mutated sessions exercise that framing. With
 * `FUZZ_BORROW_PAYLOAD=1` the handler borrows its payloads (`borrowPayload`), so those messages go
 * to the connection's reused buffer whenever it is free.
 *
 * @module
 */
import { functionService, RpcServer } from "../../server/go1x/mod.ts";
import { GO1X_LIMITS, parsePort } from "../../server/mod.ts";

const port = parsePort(Deno.env.get("_LAMBDA_SERVER_PORT") ?? "");
const borrowPayload = Deno.env.get("FUZZ_BORROW_PAYLOAD") === "1";
const server = new RpcServer(
  Deno.listen({ hostname: "127.0.0.1", port }),
  functionService((payload: Uint8Array) => payload, { raw: true, borrowPayload }),
  { limits: GO1X_LIMITS, largeMessageBytes: 64, reuseLargeMessages: borrowPayload },
);
await server.finished;
