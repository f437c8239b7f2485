/**
 * `GobEncoder`: writes a gob stream. Type definitions go out once per stream, with ids from 65 in
 * first-use order, as a fresh Go process would assign them, so the bytes equal Go's for the same
 * values in the same order (map order aside).
 *
 * @module
 */
import { OpWriter } from "./_ops.ts";
import { base, TypeRegistry, WireTypeSchema } from "./_typeinfo.ts";
import { type GobLimits, resolveLimits } from "./decoder.ts";
import type { GobInterfaceValue, Schema } from "./schema.ts";
import { gob } from "./schema.ts";
import { located, type Sink, writeTop } from "./_writers.ts";
import { mem, memoryBuffer, O, S, wasm } from "./wasm.ts";

const E_MSG_SIZE = 10; // assembly/consts.ts

const registry = new FinalizationRegistry<number>((h) => wasm.encFree(h));

/**
 * Streaming gob encoder (one stream).
 *
 * @example
 * ```ts
 * import { GobEncoder, gob } from "./mod.ts";
 * const enc = new GobEncoder();
 * enc.encode(gob.int, 3);
 * console.log(enc.take()); // Uint8Array [3, 4, 0, 6]
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
   * @param options limits: maxMessageBytes caps each message written
   * @throws {RangeError} for invalid limits
   */
  constructor(options?: { limits?: GobLimits }) {
    this.#maxMessage = resolveLimits(options?.limits).maxMessageBytes;
    this.#h = wasm.encNew();
    registry.register(this, this.#h, this);
    this.#ops = new OpWriter(this.#h);
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
    try {
      ops.op(O.OPEN);
      const id = types.idOf(schema, base(schema).goName);
      this.#sendTypes(schema);
      ops.int(id);
      writeTop(this.#sink, schema, value);
      ops.op(O.CLOSE);
    } catch (e) {
      types.rollback(mark);
      throw located(e, schema.goString);
    }
    if (wasm.encRun(this.#h, ops.n, this.#maxMessage) !== S.OK) {
      // the engine discarded all pending output: forget the types sent since the last take()
      types.rollback(this.#takeMark);
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
   * All pending bytes as a view (valid until the next codec call); clears the pending output.
   * @returns the bytes
   */
  take(): Uint8Array {
    if (this.#h === 0) throw new TypeError("GobEncoder used after free()");
    const p = wasm.encTake(this.#h);
    this.#takeMark = this.#types.mark();
    return new Uint8Array(memoryBuffer(), p, wasm.encTakeLen());
  }

  /** Releases this stream's WASM memory. */
  free(): void {
    if (this.#h === 0) return;
    registry.unregister(this);
    wasm.encFree(this.#h);
    this.#h = 0;
  }

  /** Type definitions not yet sent, each followed by a flush of the current chunk (as Go). */
  #sendTypes(s: Schema): void {
    for (const [id, wt] of this.#types.pending(s)) {
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
    const id = this.#types.idOf(cs, base(cs).goName);
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
