/**
 * Internal: the framing of a connection's request stream. Socket bytes go to the gob decoder as
 * they come, except a message of `largeMessageBytes` or more: gob frames each message with its
 * length, so such a message is recognised by its first bytes and read whole, straight from the
 * socket, into a buffer of its own that the decoder then keeps (its payload reaches the method
 * without a copy through codec memory).
 *
 * @module
 */

/** Where framed bytes go: the connection's gob decoder. */
export interface FrameSink {
  /** Takes bytes to decode; they may be overwritten once it returns. */
  push(bytes: Uint8Array): void;
  /** Takes a whole message's bytes, which nobody writes to again while the decoder holds them. */
  pushOwned(bytes: Uint8Array): void;
}

/** Where large messages are read into. */
export interface LargeBuffers {
  /**
   * @param total The message's size in bytes, its length prefix included.
   * @returns A buffer of exactly `total` bytes for it.
   */
  take(total: number): Uint8Array;
  /** Called with a buffer from `take` once it is full, just before the decoder gets it. */
  filled(big: Uint8Array): void;
}

/** Options for {@linkcode RequestFramer}. */
export interface RequestFramerOptions {
  /** Size of the socket read buffer (default 64 KiB, at least 16). */
  readBufferSize?: number;
  /** Messages at least this long (bytes, with their length) are large (default: none is). */
  largeMessageBytes?: number;
  /** The decoder's largest message: a longer one is not given a buffer (the decoder rejects it). */
  maxMessageBytes: number;
}

/**
 * Splits a request stream into what the decoder takes through its own memory and the large
 * messages read into buffers of their own. The read loop asks {@linkcode RequestFramer.space}
 * where to read and reports what it read with {@linkcode RequestFramer.received}.
 */
export class RequestFramer {
  #sink: FrameSink;
  #buffers: LargeBuffers;
  // Socket bytes land in a JS buffer and are pushed into the decoder: a view into WASM memory
  // cannot be kept across the `await read` because another connection may grow the memory.
  // (At least 16 bytes: a split gob length, up to 8 bytes, is kept at its front.)
  #scratch: Uint8Array;
  // Bytes of the current message still to come through `#scratch`, a split length kept at its
  // front, the large message being read into its own buffer.
  #left = 0;
  #carry = 0;
  #big: Uint8Array | undefined;
  #bigFilled = 0;
  #framing: boolean; // off when no message counts as large, or the stream is not gob
  #largeFrom: number;
  #maxFramed: number;

  /**
   * @param sink The decoder.
   * @param buffers Where large messages are read into.
   * @param options Read buffer size, what is large, the message size limit.
   */
  constructor(sink: FrameSink, buffers: LargeBuffers, options: RequestFramerOptions) {
    this.#sink = sink;
    this.#buffers = buffers;
    this.#scratch = new Uint8Array(Math.max(16, options.readBufferSize ?? 64 * 1024));
    this.#largeFrom = options.largeMessageBytes ?? Infinity;
    this.#framing = this.#largeFrom !== Infinity;
    // A length prefix takes at most 9 bytes.
    this.#maxFramed = options.maxMessageBytes + 9;
  }

  /**
   * @returns Where the next socket read goes: the rest of the large message being read, in as
   *   few reads as the socket allows, or the read buffer after a split length kept at its front.
   */
  space(): Uint8Array {
    if (this.#big !== undefined) return this.#big.subarray(this.#bigFilled);
    return this.#carry === 0 ? this.#scratch : this.#scratch.subarray(this.#carry);
  }

  /** Passes on the `n` bytes a read put into {@linkcode RequestFramer.space}. */
  received(n: number): void {
    const big = this.#big;
    if (big !== undefined) {
      this.#bigFilled += n;
      if (this.#bigFilled === big.length) {
        this.#big = undefined;
        this.#pushLarge(big);
      }
      return;
    }
    this.#frame(this.#carry + n);
  }

  /**
   * Pushes `#scratch[0, end)` into the decoder, following gob's message framing (a length, then
   * that many bytes) so that a large message is set aside: it starts `#big`, a buffer of exactly
   * its size that the next reads fill. A length split by the end of the read is kept at the front
   * of `#scratch` (`#carry`); one that is not gob (or over the limit) is left to the decoder to
   * report.
   */
  #frame(end: number): void {
    const scratch = this.#scratch;
    this.#carry = 0;
    let from = 0, at = 0;
    while (at < end && this.#framing) {
      if (this.#left > 0) {
        const k = Math.min(this.#left, end - at);
        at += k;
        this.#left -= k;
        continue;
      }
      const total = gobMessageSize(scratch, at, end);
      if (total === -1) {
        this.#sink.push(scratch.subarray(from, at));
        scratch.copyWithin(0, at, end);
        this.#carry = end - at;
        return;
      }
      if (total < 0 || total > this.#maxFramed) {
        this.#framing = false; // the decoder reports it
        break;
      }
      if (total < this.#largeFrom) {
        this.#left = total;
        continue;
      }
      this.#sink.push(scratch.subarray(from, at));
      const big = this.#buffers.take(total);
      const have = Math.min(total, end - at);
      big.set(scratch.subarray(at, at + have));
      at += have;
      from = at;
      if (have === total) {
        this.#pushLarge(big);
      } else {
        this.#big = big;
        this.#bigFilled = have;
      }
    }
    this.#sink.push(scratch.subarray(from, end));
  }

  #pushLarge(big: Uint8Array): void {
    this.#buffers.filled(big);
    this.#sink.pushOwned(big);
  }
}

/**
 * Size of the gob message starting at `bytes[at]` (its length prefix included), -1 when the
 * prefix is cut off by `end`, -2 when it is not a gob length.
 *
 * @param bytes Received bytes.
 * @param at Where a message starts.
 * @param end Where the received bytes end.
 * @returns The message's size in bytes, or -1 / -2.
 * @example
 * ```ts
 * import { strictEqual } from "node:assert/strict";
 * import { gobMessageSize } from "./_frames.ts";
 * strictEqual(gobMessageSize(new Uint8Array([0xfe, 0x01, 0x00]), 0, 3), 259); // 3 + 256
 * strictEqual(gobMessageSize(new Uint8Array([0xfe, 0x01]), 0, 2), -1);
 * ```
 */
export function gobMessageSize(bytes: Uint8Array, at: number, end: number): number {
  const b = bytes[at];
  if (b < 0x80) return 1 + b;
  const n = 256 - b; // a longer uint: its byte count, negated, then big-endian bytes
  if (n > 8) return -2;
  if (at + 1 + n > end) return -1;
  let v = 0;
  for (let i = 1; i <= n; i++) v = v * 256 + bytes[at + i];
  return 1 + n + v;
}
