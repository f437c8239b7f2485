/**
 * The HTTP/1.1 client's errors: {@linkcode Http1Error}, which callers see, and
 * {@linkcode StaleConnection}, which tells the client that no byte of a response arrived (so that
 * it may send the request again when the server cannot have applied it).
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
 * A connection failed before any byte of the response arrived. Never reaches callers: the client
 * sends the request again (when nothing of it was written, or a GET on a reused connection) or
 * throws {@linkcode StaleConnection.error}.
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
