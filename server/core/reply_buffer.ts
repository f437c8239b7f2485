/**
 * The reused buffer JSON results are encoded into, by both transports (go1.x replies and Runtime
 * API posts); a Runtime API worker reads its JSON events into it too.
 *
 * @module
 */
import { type JsonParts, jsonPartsBytes } from "./_json_result.ts";

const textEncoder = new TextEncoder();

/**
 * Encodes JSON results into one reused buffer: `encodeInto` a warm buffer beats `encode` into a
 * fresh array at every size (~0.18 against ~0.8 µs for a 100-byte result; a fresh 6 MB array
 * cost ~2.8 ms more, and 6 MB of garbage per invoke). The view handed out stays valid until
 * `release(view)`, which the transport calls once the result has been sent (a large one is written
 * straight from this buffer); a result that finishes while the buffer is lent out gets a fresh
 * array.
 *
 * @example
 * ```ts
 * import { ReplyBuffer } from "./reply_buffer.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const replies = new ReplyBuffer();
 * const bytes = replies.encode('{"ok":true}');
 * deepStrictEqual(bytes.length, 11);
 * replies.release(bytes);
 * ```
 */
export class ReplyBuffer {
  #buf: Uint8Array;
  #lent = false;

  /**
   * @param buffer The buffer to start with (default: 1 KiB of its own); it grows as results need.
   */
  constructor(buffer: Uint8Array = new Uint8Array(1024)) {
    this.#buf = buffer;
  }

  /**
   * Encodes a result's JSON text (or its pieces around large strings) as UTF-8.
   *
   * @param json The JSON text, or its pieces (`json_result.ts`).
   * @returns The bytes: a view of the reused buffer, or a fresh array while it is lent out.
   */
  encode(json: string | JsonParts): Uint8Array {
    if (typeof json !== "string") return this.#encodeParts(json);
    if (this.#lent) return textEncoder.encode(json);
    if (json.length > this.#buf.length) {
      this.#buf = new Uint8Array(json.length + (json.length >> 3));
    }
    let r = textEncoder.encodeInto(json, this.#buf);
    if (r.read < json.length) {
      this.#buf = new Uint8Array(json.length * 3);
      r = textEncoder.encodeInto(json, this.#buf);
    }
    this.#lent = true;
    return this.#buf.subarray(0, r.written);
  }

  /** JSON text in pieces around large strings (json_result.ts), written into the buffer. */
  #encodeParts(parts: JsonParts): Uint8Array {
    if (this.#lent) return jsonPartsBytes(parts);
    const bytes = jsonPartsBytes(parts, this.#buf);
    this.#buf = new Uint8Array(bytes.buffer); // (the whole buffer: a larger one when it grew)
    this.#lent = true;
    return bytes;
  }

  /**
   * The buffer, at least `length` bytes long, to read an incoming JSON event into: a Runtime API
   * worker reads each event here, parses it (which copies what it keeps) and then encodes the result
   * over it, so that a 6 MB event and its 6 MB result take one 6 MB buffer, not two. The event's
   * bytes are valid until the next {@linkcode ReplyBuffer.encode}; while a result is lent out, a
   * fresh array.
   *
   * @param length The event's length in bytes.
   * @returns A buffer of at least `length` bytes (read into its start).
   * @example
   * ```ts
   * import { ReplyBuffer } from "./reply_buffer.ts";
   * const replies = new ReplyBuffer();
   * const event = replies.eventInto(2);
   * event.set([0x34, 0x32]);
   * const value = JSON.parse(new TextDecoder().decode(event.subarray(0, 2)));
   * const bytes = replies.encode(JSON.stringify(value + 1));
   * import { equal } from "node:assert/strict";
   * equal(bytes.buffer, event.buffer); // the result went over its event
   * equal(new TextDecoder().decode(bytes), "43");
   * ```
   */
  eventInto(length: number): Uint8Array {
    if (this.#lent) return new Uint8Array(length);
    if (this.#buf.length < length) this.#buf = new Uint8Array(length + (length >> 3));
    return this.#buf;
  }

  /**
   * Takes the buffer back, if `payload` is the view lent out.
   *
   * @param payload A result's bytes, once sent.
   */
  release(payload: Uint8Array): void {
    if (payload.buffer === this.#buf.buffer) this.#lent = false;
  }
}
