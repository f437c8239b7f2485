/**
 * Raw-bytes handlers: the function receives the payload bytes and returns bytes, with no JSON
 * parsing or serialising on the way — for proxies, binary formats and JSON a function handles
 * itself. The transport picks itself as for {@linkcode start}.
 *
 * @module
 */
import type { Context, Handler } from "./core/mod.ts";
import { start, type StartOptions } from "./start.ts";

/**
 * A raw-bytes handler: the payload bytes (the handler's own: a large payload is the buffer it was
 * read into from the socket, a small one a copy; always over an `ArrayBuffer`, so they go to
 * `fetch`, `crypto.subtle` and other `BufferSource` parameters as they are) in; the response bytes
 * out — a `Uint8Array` (sent as is), an `ArrayBuffer`, a `string` (sent as UTF-8), or
 * `null`/`undefined` for an empty payload. Anything else is reported as `Runtime.MarshalError`.
 *
 * Large responses are written to the socket straight from the returned bytes, without a copy: do
 * not change them after returning them.
 *
 * With `borrowPayload: true` ({@linkcode StartRawOptions}) the payload is only lent: its bytes are
 * valid until the response has been sent, and a later payload is read into the same buffer.
 */
export type RawHandler = (
  payload: Uint8Array<ArrayBuffer>,
  context: Context,
) => RawResult | Promise<RawResult>;

/** What a {@linkcode RawHandler} may return. */
export type RawResult = Uint8Array | ArrayBuffer | string | null | undefined;

/** Options for {@linkcode startRaw}: those of `start` without the JSON ones. */
export type StartRawOptions = Omit<
  StartOptions<Uint8Array>,
  "decode" | "encode" | "raw" | "serialize"
>;

/**
 * Runs a raw-bytes handler as a Lambda function: go1.x when `_LAMBDA_SERVER_PORT` is set, else the
 * Runtime API when `AWS_LAMBDA_RUNTIME_API` is set (as {@linkcode start}).
 *
 * @param handler `(payload: Uint8Array<ArrayBuffer>, context) => bytes | string | Promise<…>`.
 * @param options Logger settings, limits, environment (as for `start`).
 * @returns A Promise that resolves when the server stops.
 * @throws {TypeError} When the handler is not a function.
 * @throws {Error} When neither variable is set, or the port is invalid or cannot be bound.
 * @example
 * ```ts ignore
 * import { startRaw } from "../mod.ts";
 * startRaw((payload) => payload); // echo, byte for byte
 * ```
 * @example A proxy that only passes the bytes on borrows them: one reused buffer for large
 * payloads instead of a new one each time.
 * ```ts ignore
 * import { startRaw } from "../mod.ts";
 * startRaw(async (payload) => {
 *   const res = await fetch("http://127.0.0.1:8080/", { method: "POST", body: payload });
 *   return new Uint8Array(await res.arrayBuffer()); // payload's bytes are not used after this
 * }, { borrowPayload: true });
 * ```
 */
export function startRaw(handler: RawHandler, options: StartRawOptions = {}): Promise<void> {
  return start(handler as Handler<Uint8Array, RawResult>, { ...options, raw: true });
}
