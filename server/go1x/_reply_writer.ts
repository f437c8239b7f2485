/**
 * Internal: a connection's reply queue. Encoded replies are copied into one of two reused buffers
 * and written while later replies fill the other; large byte arrays of a reply are spliced in and
 * written from where they are. It also says when so many reply bytes wait for the socket that the
 * connection should stop reading requests (backpressure).
 *
 * @module
 */

/**
 * Reply byte arrays (an invoke's payload) at least this long are written from where they are
 * instead of being copied through the codec and the reply buffer: two copies of a 6 MB payload
 * cost more than the syscalls of writing it as a piece of its own.
 */
export const SPLICE_FROM = 64 * 1024;

/**
 * Reply bytes a connection may have waiting for the socket before it stops reading requests: a
 * client that sends calls but never reads the answers then stalls on its own writes, instead of
 * the replies piling up in memory. Reading resumes once the queue is below a quarter of it.
 */
const QUEUE_HIGH = 16 * 1024 * 1024;

/** What a {@linkcode ReplyWriter} tells its connection. */
export interface ReplyWriterEvents {
  /** A write failed: the connection is done for (the writer goes on with what is queued). */
  failed(e: unknown): void;
  /** The queue is written out. */
  flushed(): void;
}

/** Writes a connection's replies in the order they are queued. */
export class ReplyWriter {
  #conn: Pick<Deno.Conn, "write">;
  #events: ReplyWriterEvents;
  // Replies are copied from the encoder into `#fill`; `#flush` swaps it with `#spare` and writes
  // it while later replies fill the other one. Both are reused (no allocation per reply: a fresh
  // 6 MB buffer per reply cost ~2.3 ms more than a copy into a warm one). Large byte arrays of a
  // reply are not copied: `#pieces` holds, in order, the sealed stretches of `#fill` and those
  // arrays (views of `#fill` from `#sealed` on are still open).
  #fill = new Uint8Array(4096);
  #fillLen = 0;
  #sealed = 0;
  #pieces: Uint8Array[] = [];
  #spare = new Uint8Array(4096);
  #afterFill: (() => void)[] = [];
  #queued = 0; // reply bytes not yet written
  #drained: (() => void) | undefined; // wakes the read loop once #queued is low again
  #writing = false;

  /**
   * @param conn The socket.
   * @param events Told of a failed write and of an empty queue.
   */
  constructor(conn: Pick<Deno.Conn, "write">, events: ReplyWriterEvents) {
    this.#conn = conn;
    this.#events = events;
  }

  /** Whether a write is under way. */
  get writing(): boolean {
    return this.#writing;
  }

  /** Whether nothing is being written or waits to be. */
  get idle(): boolean {
    return !this.#writing && this.#fillLen === 0 && this.#pieces.length === 0;
  }

  /** Whether the connection should stop reading requests until {@linkcode ReplyWriter.drained}. */
  get full(): boolean {
    return this.#queued > QUEUE_HIGH;
  }

  /**
   * Queues one encoded reply and starts writing.
   *
   * @param parts The encoder's parts: codec views at even indexes, copied now (they are only
   *   valid until the next codec call, and the write awaits); spliced arrays at odd indexes,
   *   written as they are (the reply's owner keeps them unchanged until `afterWrite`).
   * @param afterWrite Runs once the reply is written (or the write failed).
   */
  queue(parts: Uint8Array[], afterWrite?: () => void): void {
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) this.#append(parts[i]);
      else this.#splice(parts[i]);
    }
    if (afterWrite !== undefined) this.#afterFill.push(afterWrite);
    if (!this.#writing) void this.#flush();
  }

  /** @returns A Promise that resolves once few enough reply bytes wait, or on `wake()`. */
  drained(): Promise<void> {
    return new Promise<void>((resolve) => this.#drained = resolve);
  }

  /** Resolves the Promise of {@linkcode ReplyWriter.drained} (the connection is closing). */
  wake(): void {
    const drained = this.#drained;
    this.#drained = undefined;
    drained?.();
  }

  #append(bytes: Uint8Array): void {
    const need = this.#fillLen + bytes.length;
    if (need > this.#fill.length) {
      const grown = new Uint8Array(Math.max(need, this.#fill.length * 2));
      grown.set(this.#fill.subarray(0, this.#fillLen));
      this.#fill = grown;
    }
    this.#fill.set(bytes, this.#fillLen);
    this.#fillLen = need;
    this.#queued += bytes.length;
  }

  /** Queues `bytes` to be written after what `#fill` holds so far, without copying them. */
  #splice(bytes: Uint8Array): void {
    this.#seal();
    this.#pieces.push(bytes);
    this.#queued += bytes.length;
  }

  /** Moves the open stretch of `#fill` into `#pieces`. */
  #seal(): void {
    if (this.#fillLen > this.#sealed) {
      this.#pieces.push(this.#fill.subarray(this.#sealed, this.#fillLen));
      this.#sealed = this.#fillLen;
    }
  }

  async #flush(): Promise<void> {
    this.#writing = true;
    while (this.#fillLen > 0 || this.#pieces.length > 0) {
      this.#seal();
      const written = this.#fill;
      const pieces = this.#pieces;
      const after = this.#afterFill;
      this.#fill = this.#spare;
      this.#fillLen = 0;
      this.#sealed = 0;
      this.#pieces = [];
      this.#afterFill = [];
      try {
        for (const bytes of pieces) {
          let offset = 0;
          while (offset < bytes.length) {
            const n = await this.#conn.write(bytes.subarray(offset));
            offset += n;
            this.#queued -= n;
            if (this.#drained !== undefined && this.#queued <= QUEUE_HIGH / 4) this.wake();
          }
        }
      } catch (e) {
        this.#events.failed(e);
      }
      this.#spare = written;
      for (const f of after) f();
    }
    this.#writing = false;
    this.#events.flushed();
  }
}
