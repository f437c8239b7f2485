/**
 * Follows a gob stream's message framing beside the decoder, to tell whether the stream ends
 * inside a message (a truncated stream: the decoder itself just waits for more bytes).
 *
 * @module
 */

/**
 * Reads the message framing (`uint(length)` then the body) of a gob stream as bytes arrive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const f = new GobFrames();
 * // a 3-byte message, one byte missing
 * f.push(new Uint8Array([3, 4, 0]));
 * assert.ok(f.partial);
 * f.push(new Uint8Array([6]));
 * assert.ok(!f.partial);
 * ```
 */
export class GobFrames {
  #buf: Uint8Array = new Uint8Array(0);
  #skip = 0;
  #bad = false;

  /** True when the bytes so far end inside a message (or the framing is unreadable). */
  get partial(): boolean {
    return this.#bad || this.#skip > 0 || this.#buf.length > 0;
  }

  /**
   * Feeds bytes.
   *
   * @param chunk The next bytes of the stream.
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * const f = new GobFrames();
   * f.push(new Uint8Array([1])); // a message's length: 1, its byte still to come
   * assert.equal(f.partial, true);
   * ```
   */
  push(chunk: Uint8Array): void {
    if (this.#bad) return;
    let c = chunk;
    if (this.#skip > 0) {
      const n = Math.min(this.#skip, c.length);
      this.#skip -= n;
      c = c.subarray(n);
    }
    if (c.length === 0) return;
    const buf = new Uint8Array(this.#buf.length + c.length);
    buf.set(this.#buf);
    buf.set(c, this.#buf.length);
    let pos = 0;
    while (pos < buf.length && this.#skip === 0) {
      const len = readUint(buf, pos);
      if (len === undefined) break;
      if (len === null || len.value === 0) {
        this.#bad = true;
        return;
      }
      const idAt = len.next;
      const end = idAt + len.value;
      if (end <= buf.length) pos = end;
      else {
        this.#skip = end - buf.length;
        pos = buf.length;
      }
    }
    this.#buf = buf.slice(pos);
  }
}

/** Reads a gob uint at b[pos]: undefined = need more bytes, null = invalid. */
function readUint(b: Uint8Array, pos: number): { value: number; next: number } | undefined | null {
  if (pos >= b.length) return undefined;
  const first = b[pos];
  if (first < 0x80) return { value: first, next: pos + 1 };
  const n = 256 - first;
  if (n > 8) return null;
  if (pos + 1 + n > b.length) return undefined;
  let v = 0;
  for (let i = 1; i <= n; i++) v = v * 256 + b[pos + i];
  return { value: v, next: pos + 1 + n };
}
