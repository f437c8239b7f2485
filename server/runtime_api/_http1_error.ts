/**
 * The HTTP/1.1 client's errors: {@linkcode Http1Error}, which callers see, and
 * {@linkcode StaleConnection}, which tells the client that a request on a reused connection may be
 * sent again.
 *
 * @module
 */

/** The response broke the protocol, was too large, or the connection ended in the middle of it. */
export class Http1Error extends Error {
  /**
   * @param message What went wrong.
   * @param options The cause, if any.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "Http1Error";
  }
}

/**
 * A connection failed before any byte of the response arrived: on a reused connection, the server
 * may have closed it while idle, so the request may be sent again. Never reaches callers: the
 * client retries or throws {@linkcode StaleConnection.error}.
 */
export class StaleConnection extends Error {
  /** The failure itself. */
  readonly error: unknown;
  /** @param error The failure itself. */
  constructor(error: unknown) {
    super("stale connection");
    this.error = error;
  }
}

/**
 * What a caller is told of a failure: the failure a {@linkcode StaleConnection} wraps.
 *
 * @param e A failure.
 * @returns `e`, or the error inside it.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Http1Error, StaleConnection, unwrapStale } from "./_http1_error.ts";
 * const e = new Http1Error("closed");
 * assert.equal(unwrapStale(new StaleConnection(e)), e);
 * assert.equal(unwrapStale(e), e);
 * ```
 */
export function unwrapStale(e: unknown): unknown {
  return e instanceof StaleConnection ? e.error : e;
}
