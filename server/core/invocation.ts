/**
 * The contract between the transports and the invoke core: the handler's type, one invocation as a
 * transport received it, what it produced, and the options both transports pass through.
 *
 * @module
 */
import type { Callback, Context, FunctionEnvironment } from "./context.ts";
import type { LambdaError } from "./errors.ts";
import type { JsonParts } from "./_json_result.ts";

/**
 * A Lambda handler: takes the event (the JSON payload, parsed) and the context; returns a value
 * (serialised as JSON, `undefined` → `null`) or a Promise of one. Throwing reports a function error.
 *
 * As with AWS's Node.js runtime, it also gets a `callback(error, result)` (the same function as
 * `context.done`): the first of the callback and the returned Promise answers the invocation. A
 * handler that declares the callback (three parameters) and returns nothing is answered by the
 * callback alone, whenever it is called. `@types/aws-lambda`'s `Handler` is assignable to this
 * type.
 */
export type Handler<E = unknown, R = unknown> = (
  event: E,
  context: Context,
  callback: Callback<R>,
) => R | Promise<R> | void;

/** One invocation, as a transport received it. */
export interface InvocationInput {
  /** The request id. */
  requestId: string;
  /** The ARN the caller invoked. */
  invokedFunctionArn: string;
  /** Absolute deadline, Unix time in ms. */
  deadlineMs: number;
  /** The X-Ray trace header. */
  traceId?: string;
  /** The client context's JSON text, when present. */
  clientContext?: string;
  /** The caller's Cognito identity, when present. */
  cognitoIdentity?: { identityId?: string; identityPoolId?: string };
  /** The tenant id, when present. */
  tenantId?: string;
  /** The JSON event (may be a view: it is decoded before the handler runs and not kept). */
  payload: Uint8Array;
  /**
   * The payload's bytes belong to this invocation alone (not a view into memory that other
   * invocations use while it runs — a borrowing raw handler's buffer is reused only after it): a
   * raw handler then receives them without a copy.
   */
  payloadOwned?: boolean;
}

/**
 * Whether the handler keeps its payload bytes — a raw handler that does not borrow them — so that
 * each payload must be read into a buffer of its own, never into one the runtime reuses.
 *
 * @param options The invoke options.
 * @returns True for `raw` without `borrowPayload`.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { keepsPayload } from "./invocation.ts";
 * equal(keepsPayload({ raw: true }), true);
 * equal(keepsPayload({ raw: true, borrowPayload: true }), false);
 * ```
 */
export function keepsPayload(options: InvokeOptions<unknown>): boolean {
  return options.raw === true && options.borrowPayload !== true;
}

/** What an invocation produced. */
export type InvocationResult =
  | { ok: true; payload: Uint8Array }
  | { ok: false; error: LambdaError };

/** Options for {@linkcode invoke}. */
export interface InvokeOptions<E = unknown> {
  /**
   * Turns the parsed JSON into the handler's event type (the events module's decoders plug in
   * here). What it throws is reported as the invocation's error.
   */
  decode?: (json: unknown) => E;
  /** Function facts for the Context (read from the environment when omitted). */
  environment?: FunctionEnvironment;
  /**
   * Set `_X_AMZN_TRACE_ID` for the invocation, as aws-lambda-go does (default true); written when
   * the trace id differs from the previous invoke's.
   */
  setTraceEnv?: boolean;
  /**
   * Raw bytes (see `startRaw`): the handler gets a copy of the payload bytes as its event, no
   * JSON parsing; it returns the response bytes (`Uint8Array`, `string` as UTF-8, `ArrayBuffer`,
   * or `null`/`undefined` for an empty payload), no JSON serialising. `decode` is not used.
   */
  raw?: boolean;
  /**
   * With `raw`: the handler borrows its payload instead of keeping it. The payload's bytes are
   * valid until the invocation's response has been sent; the runtime then reads a later payload
   * into the same buffer, instead of into a new one each time (go1.x: payloads of 64 KiB or more;
   * smaller ones are copies either way). Copy (`payload.slice()`) what you keep longer. This saves
   * allocating, and the kernel zeroing, a buffer per large payload: for proxies that pass the
   * bytes on. Default false.
   */
  borrowPayload?: boolean;
  /**
   * Turns the result's JSON text — whole, or in pieces around its large strings
   * ({@linkcode JsonParts}, for `writeJsonParts`) — into the payload bytes (default: fresh
   * bytes). The go1.x service passes one that encodes into a reused buffer.
   */
  serialize?: (json: string | JsonParts) => Uint8Array;
  /**
   * Turns the handler's result into the value serialised as JSON — the events module's
   * `decoder.encode` plugs in here, for response types that hold bytes or times. What it throws is
   * reported as `Runtime.MarshalError`.
   */
  encode?: (result: never) => unknown;
}
