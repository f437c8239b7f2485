/**
 * Internal: the buffers a connection reads its large requests into. Without reuse each gets a
 * fresh one. With `reuseLargeMessages` the connection keeps one buffer that goes round four
 * states: free, being read into, holding a decodable request nobody has claimed yet ("pushed"),
 * or claimed by the call whose request it holds (it may write its reply there). It is read into
 * again only once free; a large request that arrives meanwhile gets a fresh buffer.
 *
 * @module
 */
import type { LargeBuffers } from "./_frames.ts";
import type { RpcRequestBuffer } from "./rpc_server.ts";

type State = "free" | "reading" | "pushed" | "claimed";

/** A connection's buffers for large requests, and its one reused buffer's state. */
export class RequestBuffers implements LargeBuffers {
  #reuse: Uint8Array | undefined;
  #state: State = "free";
  // One object per connection, handed to each call dispatched while a request waits in it.
  #offer: RpcRequestBuffer = {
    claim: (view) => {
      const reuse = this.#reuse;
      if (this.#state !== "pushed" || reuse === undefined || view.buffer !== reuse.buffer) {
        return undefined;
      }
      this.#state = "claimed";
      return reuse;
    },
    release: () => {
      if (this.#state === "claimed") this.#state = "free";
    },
  };

  /** @param reuse Whether large requests share one buffer while it is free. */
  constructor(reuse: boolean) {
    if (reuse) this.#reuse = new Uint8Array(0);
  }

  /**
   * @param total The request's size in bytes.
   * @returns A buffer for it: the reused one when it is free (grown with some slack when too
   *   small), else a fresh one.
   */
  take(total: number): Uint8Array {
    if (this.#reuse === undefined || this.#state !== "free") return new Uint8Array(total);
    if (this.#reuse.length < total) this.#reuse = new Uint8Array(total + (total >> 3));
    this.#state = "reading";
    return this.#reuse.subarray(0, total);
  }

  /** Notes that `big` holds a whole request, now given to the decoder. */
  filled(big: Uint8Array): void {
    if (this.#reuse !== undefined && big.buffer === this.#reuse.buffer) this.#state = "pushed";
  }

  /**
   * @returns The reused buffer to offer a call dispatched now, while it holds a request nobody
   *   claimed (its `claim` checks that the request is the call's own); else `undefined`.
   */
  offer(): RpcRequestBuffer | undefined {
    return this.#state === "pushed" ? this.#offer : undefined;
  }

  /** Every whole request is decoded and dispatched: one left in the reused buffer is done with. */
  dispatched(): void {
    if (this.#state === "pushed") this.#state = "free";
  }
}
