/**
 * Small I/O helpers for the CLI: complete writes, chunked input, and lines.
 *
 * @module
 */

/** Something bytes can be written to, like `Deno.stdout` (writes may be partial). */
export interface ByteWriter {
  /** Writes some prefix of `p`, returns how many bytes were written. */
  write(p: Uint8Array): Promise<number>;
}

/**
 * Writes all of `bytes`, looping over partial writes.
 *
 * @param w The writer.
 * @param bytes The bytes.
 * @returns Resolves when every byte is written.
 * @throws {Error} Whatever the writer throws (e.g. a broken pipe).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const got: number[] = [];
 * // a writer that takes at most 2 bytes per call
 * const w = { write: (p: Uint8Array) => Promise.resolve(got.push(...p.subarray(0, 2)) && Math.min(2, p.length)) };
 * await writeAll(w, new Uint8Array([1, 2, 3, 4, 5]));
 * assert.deepEqual(got, [1, 2, 3, 4, 5]);
 * ```
 */
export async function writeAll(w: ByteWriter, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) {
    const n = await w.write(bytes.subarray(off));
    if (n <= 0) throw new Error("write returned no progress");
    off += n;
  }
}

/**
 * Buffers text and writes it out in large UTF-8 chunks.
 */
export class TextSink {
  #parts: string[] = [];
  #size = 0;
  readonly #w: ByteWriter;
  readonly #enc = new TextEncoder();
  /**
   * Makes a sink writing to `w`.
   *
   * @param w Where the text goes.
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * const written: Uint8Array[] = [];
   * const sink = new TextSink({ write: (p) => Promise.resolve(written.push(p.slice()) && p.length) });
   * await sink.flush();
   * assert.deepEqual(written, []);
   * ```
   */
  constructor(w: ByteWriter) {
    this.#w = w;
  }
  /**
   * Queues text; flushes when the buffer holds ≥ 64 KiB.
   *
   * @param s The text.
   * @returns Resolves once any flush it triggered is done.
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * const written: Uint8Array[] = [];
   * const sink = new TextSink({ write: (p) => Promise.resolve(written.push(p.slice()) && p.length) });
   * await sink.write("ƛ");
   * assert.equal(written.length, 0); // queued until 64 KiB or flush
   * await sink.flush();
   * assert.deepEqual(written, [new TextEncoder().encode("ƛ")]);
   * ```
   */
  async write(s: string): Promise<void> {
    this.#parts.push(s);
    this.#size += s.length;
    if (this.#size >= 1 << 16) await this.flush();
  }
  /**
   * Writes everything queued.
   *
   * @returns Resolves when written.
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * let text = "";
   * const sink = new TextSink({
   *   write: (p) => {
   *     text += new TextDecoder().decode(p);
   *     return Promise.resolve(p.length);
   *   },
   * });
   * await sink.write("a");
   * await sink.write("b");
   * await sink.flush();
   * assert.equal(text, "ab");
   * ```
   */
  async flush(): Promise<void> {
    if (this.#parts.length === 0) return;
    const text = this.#parts.join("");
    this.#parts = [];
    this.#size = 0;
    await writeAll(this.#w, this.#enc.encode(text));
  }
}

/**
 * The lines of a byte stream (UTF-8), without their `\n` (and a trailing `\r`).
 *
 * @param chunks The byte chunks.
 * @returns The lines, including a last one without a final newline when not empty.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * async function* one() { yield new TextEncoder().encode("a\nb"); }
 * const lines: string[] = [];
 * for await (const l of readLines(one())) lines.push(l);
 * assert.ok(lines.join("|") === "a|b");
 * ```
 */
export async function* readLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  // A leading U+FEFF stays: Go's encoding/json refuses it as the first character of a line.
  const dec = new TextDecoder("utf-8", { ignoreBOM: true });
  // A long line arrives in many chunks: keep them in a list and join once the newline comes.
  let parts: string[] = [];
  for await (const chunk of chunks) {
    let text = dec.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = text.indexOf("\n")) >= 0) {
      parts.push(text.slice(0, nl));
      yield parts.join("").replace(/\r$/, "");
      parts = [];
      text = text.slice(nl + 1);
    }
    if (text.length > 0) parts.push(text);
  }
  parts.push(dec.decode());
  const last = parts.join("");
  if (last.length > 0) yield last.replace(/\r$/, "");
}
