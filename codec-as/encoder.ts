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
import type {
  ElemSchema,
  GobInterfaceValue,
  MapSchema,
  MarshalerSchema,
  ScalarSchema,
  Schema,
  StructSchema,
} from "./schema.ts";
import { gob, resolve } from "./schema.ts";
import { zeroOf } from "./_read.ts";
import { memoryBuffer, O, S, wasm } from "./wasm.ts";

const registry = new FinalizationRegistry<number>((h) => wasm.encFree(h));

const paths = new WeakMap<Error, string[]>();

/** Records that a TypeError / RangeError happened below `key`, and rethrows it. */
function within(e: unknown, key: string): never {
  if (e instanceof TypeError || e instanceof RangeError) {
    const p = paths.get(e);
    if (p) p.push(key);
    else paths.set(e, [key]);
  }
  throw e;
}

/** Final form of an encode error: the path of the bad value in the message. */
function located(e: unknown, type: string): unknown {
  if (!(e instanceof TypeError || e instanceof RangeError)) return e;
  const p = paths.get(e)?.reverse() ?? [];
  const path = p.map((k, i) => k.startsWith("[") || i === 0 ? k : "." + k).join("");
  e.message = `Cannot encode ${type}${path ? ` at ${path}` : ""}: ${e.message}`;
  return e;
}

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
      this.#top(schema, value);
      ops.op(O.CLOSE);
      // every op adds at most 10 bytes besides the bytes it copies
      if (ops.n * 10 + ops.copied > this.#maxMessage) {
        throw new RangeError(`message may exceed maxMessageBytes (${this.#maxMessage})`);
      }
    } catch (e) {
      types.rollback(mark);
      throw located(e, schema.goString);
    }
    if (wasm.encRun(this.#h, ops.n) !== S.OK) {
      types.rollback(mark);
      throw new RangeError("gob message exceeds codec memory");
    }
  }

  /**
   * All pending bytes as a view (valid until the next codec call); clears the pending output.
   * @returns the bytes
   */
  take(): Uint8Array {
    if (this.#h === 0) throw new TypeError("GobEncoder used after free()");
    const p = wasm.encTake(this.#h);
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
      this.#struct(WireTypeSchema as StructSchema, wt as Record<string, unknown>);
      this.#ops.op(O.FLUSH);
    }
  }

  /** A value as sent at top level or inside an interface. */
  #top(s: Schema, v: unknown): void {
    const b = base(s);
    if (b.kind === "struct") {
      this.#struct(b as StructSchema, v);
    } else {
      this.#ops.op(O.SMALL, 0);
      this.#value(s, v);
    }
  }

  #struct(s: StructSchema, v: unknown): void {
    if (v === null || typeof v !== "object") {
      if (v !== undefined) {
        throw new TypeError(`expected an object for ${s.goString}`);
      }
      v = {};
    }
    const o = v as Record<string, unknown>;
    const ops = this.#ops;
    const fields = s.fields;
    let last = -1;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const fv = f.name !== "__proto__"
        ? o[f.name]
        : Object.hasOwn(o, f.name)
        ? o[f.name]
        : undefined;
      if (isZeroField(f.schema, fv)) continue;
      ops.op(O.SMALL, i - last);
      last = i;
      try {
        this.#value(f.schema, fv);
      } catch (e) {
        within(e, f.name);
      }
    }
    ops.op(O.SMALL, 0);
  }

  #value(s0: Schema, v: unknown): void {
    const s = resolve(s0);
    const ops = this.#ops;
    switch (s.kind) {
      case "ptr":
        if (v === undefined || v === null) {
          throw new TypeError(`nil pointer cannot be sent here`);
        }
        return this.#value((s as ElemSchema).elem, v);
      case "bool":
        if (typeof v !== "boolean") throw new TypeError(`expected boolean`);
        return ops.op(O.SMALL, v ? 1 : 0);
      case "int":
      case "int64":
        return this.#int(s as ScalarSchema, v);
      case "uint":
      case "uint64":
        return this.#uint(s as ScalarSchema, v);
      case "float":
        if (typeof v !== "number") throw new TypeError(`expected number`);
        return ops.num(O.FLOAT, (s as ScalarSchema).bits === 32 ? Math.fround(v) : v);
      case "complex": {
        if (
          !Array.isArray(v) || v.length !== 2 || typeof v[0] !== "number" ||
          typeof v[1] !== "number"
        ) {
          throw new TypeError(`expected [re, im]`);
        }
        const f = (s as ScalarSchema).bits === 32 ? Math.fround : (x: number) => x;
        ops.num(O.FLOAT, f(v[0]));
        return ops.num(O.FLOAT, f(v[1]));
      }
      case "string":
        if (typeof v !== "string") throw new TypeError(`expected string`);
        return ops.string(v);
      case "bytes":
      case "marshaler":
        if (!(v instanceof Uint8Array)) throw new TypeError(`expected Uint8Array`);
        return ops.bytes(v);
      case "slice":
      case "array": {
        if (v === undefined && s.kind === "array") v = zeroOf(s);
        if (!Array.isArray(v)) throw new TypeError(`expected an array`);
        const es = s as ElemSchema;
        if (s.kind === "array" && v.length !== es.len) {
          throw new RangeError(
            `array length ${v.length}, ${s.goString} needs ${es.len}`,
          );
        }
        ops.uint(v.length);
        for (let i = 0; i < v.length; i++) {
          try {
            this.#value(es.elem, v[i]);
          } catch (e) {
            within(e, `[${i}]`);
          }
        }
        return;
      }
      case "map": {
        if (!(v instanceof Map)) throw new TypeError(`expected a Map`);
        const ms = s as MapSchema;
        ops.uint(v.size);
        for (const [k, x] of v) {
          try {
            this.#value(ms.key, k);
            this.#value(ms.value, x);
          } catch (e) {
            within(e, `[${String(k)}]`);
          }
        }
        return;
      }
      case "struct":
        return this.#struct(s as StructSchema, v);
      case "interface":
        return this.#iface(v as GobInterfaceValue | null | undefined);
      default:
        throw new TypeError(`cannot encode schema kind ${s.kind}`);
    }
  }

  #int(s: ScalarSchema, v: unknown): void {
    if (typeof v === "bigint") {
      if (v < -(2n ** 63n) || v >= 2n ** 63n) {
        throw new RangeError(`${v} overflows int64`);
      }
      if (s.bits < 64 && (v < -(2n ** BigInt(s.bits - 1)) || v >= 2n ** BigInt(s.bits - 1))) {
        throw new RangeError(`${v} overflows ${s.goString}`);
      }
      return this.#ops.bigInt(v);
    }
    if (typeof v !== "number" || !Number.isInteger(v)) {
      throw new TypeError(`expected an integer for ${s.goString}`);
    }
    if (!Number.isSafeInteger(v)) {
      throw new RangeError(`${v} is not a safe integer (use bigint)`);
    }
    if (s.bits < 64 && (v < -(2 ** (s.bits - 1)) || v >= 2 ** (s.bits - 1))) {
      throw new RangeError(`${v} overflows ${s.goString}`);
    }
    this.#ops.int(v);
  }

  #uint(s: ScalarSchema, v: unknown): void {
    if (typeof v === "bigint") {
      if (v < 0n || v >= 2n ** 64n) throw new RangeError(`${v} overflows uint64`);
      if (s.bits < 64 && v >= 2n ** BigInt(s.bits)) {
        throw new RangeError(`${v} overflows ${s.goString}`);
      }
      return this.#ops.bigUint(v);
    }
    if (typeof v !== "number" || !Number.isInteger(v)) {
      throw new TypeError(`expected an integer for ${s.goString}`);
    }
    if (v < 0 || !Number.isSafeInteger(v)) {
      throw new RangeError(`${v} out of range for ${s.goString}`);
    }
    if (s.bits < 64 && v >= 2 ** s.bits) {
      throw new RangeError(`${v} overflows ${s.goString}`);
    }
    this.#ops.uint(v);
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
    this.#top(cs, v.value);
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

/** Whether a struct field holding `v` is omitted (Go: zero values are not sent). */
function isZeroField(s0: Schema, v: unknown): boolean {
  const s = resolve(s0);
  if (v === undefined) return s.kind !== "struct" && s.kind !== "array";
  switch (s.kind) {
    case "ptr":
      if (v === undefined || v === null) return true;
      return isZeroField((s as ElemSchema).elem, v);
    case "bool":
      return v === false;
    case "int":
    case "uint":
    case "float":
    case "int64":
    case "uint64":
      return v === 0 || v === 0n;
    case "complex":
      return Array.isArray(v) && v[0] === 0 && v[1] === 0;
    case "string":
      return v === "";
    case "bytes":
    case "slice":
      return v === undefined || v === null || (v as ArrayLike<unknown>).length === 0;
    case "map":
    case "interface":
      return v === undefined || v === null;
    case "marshaler":
      return v === undefined || v === null || (s as MarshalerSchema).isZero(v as Uint8Array);
    default:
      return false;
  }
}
