// Internal: Node.js's callback conventions — the handler's `callback(error, result)` and
// `context.done` / `succeed` / `fail` — as one invocation's outcome, first call wins.

/** What a callback reported: an error (`e`) or a result (`v`). */
export type CallbackOutcome = { e: unknown } | { v: unknown };

const ANSWERED: CallbackOutcome = { v: undefined };

/**
 * One invocation's callback outcome. The first `settle` counts; later ones, and any after the
 * invocation was answered another way (its promise settled first), are ignored with a warning, as
 * AWS's Node.js runtime ignores them.
 */
export class Settlement {
  readonly #requestId: string;
  #outcome: CallbackOutcome | undefined;
  #resolve: ((outcome: CallbackOutcome) => void) | undefined;

  constructor(requestId: string) {
    this.#requestId = requestId;
  }

  /** The callback's outcome, once it was called (and the invocation not yet answered). */
  get outcome(): CallbackOutcome | undefined {
    return this.#outcome === ANSWERED ? undefined : this.#outcome;
  }

  /** Records `callback(error, result)`: an error unless `error` is `null` or `undefined`. */
  settle(error: unknown, result: unknown): void {
    if (this.#outcome !== undefined) {
      console.warn(
        `Invocation ${this.#requestId} has already been answered: this callback, ` +
          "context.done(), succeed() or fail() call is ignored",
      );
      return;
    }
    this.#outcome = error !== undefined && error !== null ? { e: error } : { v: result };
    this.#resolve?.(this.#outcome);
    this.#resolve = undefined;
  }

  /**
   * Calls `resolve` with the callback's outcome: now, if it was called already, else when it is.
   * The invoke core passes the resolver of the Promise it waits on anyway (its fatal-error one).
   */
  wait(resolve: (outcome: CallbackOutcome) => void): void {
    if (this.#outcome !== undefined && this.#outcome !== ANSWERED) resolve(this.#outcome);
    else this.#resolve = resolve;
  }

  /** The invocation was answered: what the callback reports from now on is ignored. */
  close(): void {
    this.#outcome = ANSWERED;
    this.#resolve = undefined;
  }
}
