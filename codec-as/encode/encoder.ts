/**
 * `GobEncoder`: writes a gob stream. Type definitions go out once per stream, with ids from 65 in
 * first-use order, as a fresh Go process would assign them, so the bytes equal Go's for the same
 * values in the same order (map order aside).
 *
 * @module
 */
import { OpWriter } from "./_op_tape.ts";
import { TypeRegistry, WireTypeSchema } from "./_type_registry.ts";
import { type GobLimits, resolveLimits } from "../decode/limits.ts";
import { gob, type GobInterfaceValue, type Schema } from "../schema.ts";
import { type Sink, writeTop } from "./_schema_writers.ts";
import { located } from "./_error_path.ts";
import { mem, memoryBuffer, O, S, wasm } from "../wasm/mod.ts";

const E_MSG_SIZE = 10; // assembly/consts.ts
const SPLICES = 24; // offset of EncStream.splices (assembly/encode.ts)

const registry = new FinalizationRegistry<number>((h) => wasm.encFree(h));

/**
 * Streaming gob encoder (one stream).
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert/strict";
 * import { GobEncoder, gob } from "../mod.ts";
 * const enc = new GobEncoder();
 * enc.encode(gob.int, 3);
 * deepStrictEqual(enc.take().slice(), new Uint8Array([3, 4, 0, 6]));
 * enc.free();
 * ```
 */
export class GobEncoder {
  #h: number;
  #ops: OpWriter;
  #types = new TypeRegistry();
  #maxMessage: number;
  #sink: Sink;

  /**
   * Creates an encoder for one stream.
   *
   * @param options `limits`: maxMessageBytes caps each message written. `spliceBytesFrom`: byte
   * arrays (`[]byte` values) at least this long are not copied into codec memory but referenced
   * until the output is taken; {@linkcode GobEncoder.takeParts} hands them back in place, for a
   * writer that sends them from where they are. They must not change before then.
   * @throws {RangeError} for invalid limits or spliceBytesFrom
   */
  constructor(options?: { limits?: GobLimits; spliceBytesFrom?: number }) {
    this.#maxMessage = resolveLimits(options?.limits).maxMessageBytes;
    const splice = options?.spliceBytesFrom;
    if (splice !== undefined && !(Number.isInteger(splice) && splice >= 1)) {
      throw new RangeError(`spliceBytesFrom must be a positive integer, got ${splice}`);
    }
    this.#h = wasm.encNew();
    registry.register(this, this.#h, this);
    this.#ops = new OpWriter(this.#h);
    this.#ops.spliceFrom = splice ?? 0;
    this.#sink = {
      ops: this.#ops,
      iface: (v: GobInterfaceValue | null | undefined) => this.#iface(v),
    };
  }

  /**
   * Appends the type definitions this stream has not sent yet, then the value message.
   * @param schema the Go type of the value
   * @param value the value
   * @throws {TypeError} a value that does not fit the schema
   * @throws {RangeError} a number out of range for its Go type, or a message over the limit
   */
  encode<T>(schema: Schema<T>, value: T): void {
    if (this.#h === 0) throw new TypeError("GobEncoder used after free()");
    const ops = this.#ops;
    ops.reset();
    const types = this.#types;
    const mark = types.mark();
    const externs = ops.externs.length;
    try {
      ops.op(O.OPEN);
      const id = types.idOf(schema);
      this.#sendTypes(schema);
      ops.int(id);
      writeTop(this.#sink, schema, value);
      ops.op(O.CLOSE);
    } catch (e) {
      types.rollback(mark);
      ops.externs.length = externs;
      throw located(e, schema.goString);
    }
    if (wasm.encRun(this.#h, ops.n, this.#maxMessage) !== S.OK) {
      // the engine discarded all pending output: forget the types sent since the last take()
      types.rollback(this.#takeMark);
      ops.externs = [];
      const tooBig = mem().i32[(this.#h >>> 2) + 5] === E_MSG_SIZE;
      throw new RangeError(
        `Cannot encode ${schema.goString}: ${
          tooBig ? `a message exceeds maxMessageBytes (${this.#maxMessage})` : "out of codec memory"
        }; the pending output was discarded`,
      );
    }
  }

  #takeMark = 0;

  /**
   * All pending bytes; clears the pending output. Without spliced byte arrays this is a view of
   * codec memory (valid until the next codec call), else a fresh array holding every part.
   * @returns the bytes
   */
  take(): Uint8Array {
    const parts = this.takeParts();
    if (parts.length === 1) return parts[0];
    let n = 0;
    for (const p of parts) n += p.length;
    const out = new Uint8Array(n);
    n = 0;
    for (const p of parts) {
      out.set(p, n);
      n += p.length;
    }
    return out;
  }

  /**
   * All pending bytes as parts to write in order, without copying spliced byte arrays (see the
   * `spliceBytesFrom` option); clears the pending output. Parts at even indexes are views of codec
   * memory (valid until the next codec call); parts at odd indexes are the spliced arrays
   * themselves. Without splices there is one part.
   *
   * @returns the parts
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { GobEncoder, gob } from "../mod.ts";
   * const enc = new GobEncoder({ spliceBytesFrom: 4 });
   * const big = new Uint8Array([1, 2, 3, 4, 5]);
   * enc.encode(gob.bytes, big);
   * const parts = enc.takeParts();
   * equal(parts.length, 3);
   * equal(parts[1], big);
   * enc.free();
   * ```
   */
  takeParts(): Uint8Array[] {
    const h = this.#h;
    if (h === 0) throw new TypeError("GobEncoder used after free()");
    const p = wasm.encTake(h);
    const len = wasm.encTakeLen();
    const n = wasm.encTakeSplices();
    this.#takeMark = this.#types.mark();
    const buffer = memoryBuffer();
    const externs = this.#ops.externs;
    this.#ops.externs = [];
    if (n === 0) return [new Uint8Array(buffer, p, len)];
    const u32 = mem().u32;
    const records = u32[u32[(h + SPLICES) >>> 2] >>> 2] >>> 2; // EncStream.splices → Buf.ptr
    const parts: Uint8Array[] = [];
    let at = 0;
    for (let i = 0; i < n; i++) {
      const r = records + i * 3;
      const pos = u32[r], ext = externs[u32[r + 2]];
      if (ext === undefined || ext.length !== u32[r + 1] || pos < at || pos > len) {
        throw new Error(`GobEncoder: splice ${i} does not match its bytes (engine bug)`);
      }
      parts.push(new Uint8Array(buffer, p + at, pos - at), ext);
      at = pos;
    }
    parts.push(new Uint8Array(buffer, p + at, len - at));
    return parts;
  }

  /**
   * Drops everything encoded since the last take — values and the type definitions that went
   * with them, which are sent again with the next value that needs them — so the stream stays
   * what the reader has seen. For a writer that cannot send a half-built group of messages (a
   * header whose body failed to encode).
   *
   * @example
   * ```ts
   * import { ok } from "node:assert/strict";
   * import { GobEncoder, gob } from "../mod.ts";
   * const Point = gob.struct("Point", { X: gob.int });
   * const enc = new GobEncoder();
   * enc.encode(Point, { X: 1 });
   * enc.discard();
   * enc.encode(Point, { X: 2 });
   * ok(enc.take()[0] > 10); // Point's definition was sent again
   * enc.free();
   * ```
   */
  discard(): void {
    if (this.#h === 0) throw new TypeError("GobEncoder used after free()");
    wasm.encTake(this.#h);
    this.#types.rollback(this.#takeMark);
    this.#ops.externs = [];
  }

  /** Releases this stream's WASM memory. */
  free(): void {
    if (this.#h === 0) return;
    registry.unregister(this);
    wasm.encFree(this.#h);
    this.#h = 0;
    this.#ops.externs = [];
  }

  /** Type definitions not yet sent, each followed by a flush of the current chunk (as Go). */
  #sendTypes(s: Schema): void {
    const types = this.#types.pending(s);
    for (let i = 0; i < types.length; i++) {
      const [id, wt] = types[i];
      this.#ops.int(-id);
      writeTop(this.#sink, WireTypeSchema, wt);
      this.#ops.op(O.FLUSH);
    }
  }

  #iface(v: GobInterfaceValue | null | undefined): void {
    const ops = this.#ops;
    if (v === null || v === undefined) return ops.op(O.SMALL, 0);
    if (typeof v !== "object" || typeof v.name !== "string" || v.name === "") {
      throw new TypeError(`expected { name, value } or null for an interface`);
    }
    const cs = v.schema ?? inferSchema(v.value);
    ops.string(v.name);
    const id = this.#types.idOf(cs);
    this.#sendTypes(cs);
    ops.int(id);
    ops.op(O.OPEN);
    writeTop(this.#sink, cs, v.value);
    ops.op(O.CLOSE);
  }
}

/** Schema of an interface's concrete value when none is given. */
function inferSchema(v: unknown): Schema {
  switch (typeof v) {
    case "boolean":
      return gob.bool;
    case "string":
      return gob.string;
    case "bigint":
      return gob.int64;
    case "number":
      return Number.isInteger(v) ? gob.int : gob.float;
  }
  if (v instanceof Uint8Array) return gob.bytes;
  throw new TypeError(`interface value needs a schema`);
}
