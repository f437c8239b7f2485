// Internal: one writing closure and one zero test per schema node, built once and cached, so
// encoding does no dispatch on the schema's kind per value.
import type { OpWriter } from "./_op_tape.ts";
import {
  type ElemSchema,
  type GobInterfaceValue,
  type MapSchema,
  type MarshalerSchema,
  resolve,
  type ScalarSchema,
  type Schema,
  type StructSchema,
} from "../schema.ts";
import { O } from "../wasm/mod.ts";
import { zeroOf } from "../decode/_values.ts";
import { within } from "./_error_path.ts";
import { intCheck, uintCheck } from "./_int_range.ts";

/** What writers need from the encoder. */
export interface Sink {
  ops: OpWriter;
  /** Writes an interface value (type definitions, id, chunk). */
  iface(v: GobInterfaceValue | null | undefined): void;
}

/** Writes a value (always: element or top-level context). */
export type Write = (c: Sink, v: unknown) => void;
/** Whether a struct field holding the value is omitted (Go sends no zero values). */
export type IsZero = (v: unknown) => boolean;

interface Compiled {
  write: Write;
  zero: IsZero;
}

const cache = new WeakMap<Schema, Compiled>();
/** The writer and zero test of a schema. */
export function compiled(s: Schema): Compiled {
  let c = cache.get(s);
  if (c === undefined) {
    c = build(s);
    cache.set(s, c);
  }
  return c;
}

/** Writes a value as sent at top level or inside an interface: a struct, or delta 0 + value. */
export function writeTop(c: Sink, s: Schema, v: unknown): void {
  let b = s;
  for (;;) {
    b = resolve(b);
    if (b.kind !== "ptr") break;
    b = (b as ElemSchema).elem;
  }
  if (b.kind !== "struct") c.ops.op(O.SMALL, 0);
  compiled(b).write(c, v);
}

const isNil = (v: unknown) => v === undefined || v === null;

/** What a pointer schema finally points to (lazy and pointer wrappers followed). */
function pointee(s: Schema): Schema {
  let b = s;
  for (;;) {
    b = resolve(b);
    if (b.kind !== "ptr") return b;
    b = (b as ElemSchema).elem;
  }
}

/** Compiled form of the schema `s` stands for (lazy schemas followed), for use inside writers. */
function direct(s: Schema): Compiled {
  return compiled(resolve(s));
}

function lazyOf(get: () => Schema): Compiled {
  let t: Compiled | undefined;
  const target = () => t ??= compiled(get());
  return { write: (c, v) => target().write(c, v), zero: (v) => target().zero(v) };
}

function build(s: Schema): Compiled {
  switch (s.kind) {
    case "lazy":
      return lazyOf(() => resolve(s));
    case "ptr": {
      let elem: Compiled | undefined;
      // Go tests a pointer to a marshaler for nil only (a pointer to a zero time.Time is sent);
      // other pointees are omitted when zero too
      let onlyNil: boolean | undefined;
      return {
        write: (c, v) => {
          if (isNil(v)) throw new TypeError("nil pointer cannot be sent here");
          (elem ??= direct((s as ElemSchema).elem)).write(c, v);
        },
        zero: (v) => {
          if (isNil(v)) return true;
          onlyNil ??= pointee(s).kind === "marshaler";
          return !onlyNil && (elem ??= direct((s as ElemSchema).elem)).zero(v);
        },
      };
    }
    case "bool":
      return {
        write: (c, v) => {
          if (typeof v !== "boolean") throw new TypeError("expected boolean");
          c.ops.op(O.SMALL, v ? 1 : 0);
        },
        zero: (v) => v === false || v === undefined,
      };
    case "int":
    case "int64":
      return {
        write: (c, v) => {
          const x = intCheck(s as ScalarSchema, v);
          if (typeof x === "number") c.ops.int(x);
          else c.ops.bigInt(x);
        },
        zero: (v) => v === 0 || v === 0n || v === undefined,
      };
    case "uint":
    case "uint64":
      return {
        write: (c, v) => {
          const x = uintCheck(s as ScalarSchema, v);
          if (typeof x === "number") c.ops.uint(x);
          else c.ops.bigUint(x);
        },
        zero: (v) => v === 0 || v === 0n || v === undefined,
      };
    case "float": {
      const narrow = (s as ScalarSchema).bits === 32;
      return {
        write: (c, v) => {
          if (typeof v !== "number") throw new TypeError("expected number");
          c.ops.num(O.FLOAT, narrow ? Math.fround(v) : v);
        },
        zero: (v) => v === 0 || v === undefined,
      };
    }
    case "complex": {
      const f = (s as ScalarSchema).bits === 32 ? Math.fround : (x: number) => x;
      return {
        write: (c, v) => {
          if (
            !Array.isArray(v) || v.length !== 2 || typeof v[0] !== "number" ||
            typeof v[1] !== "number"
          ) {
            throw new TypeError("expected [re, im]");
          }
          c.ops.num(O.FLOAT, f(v[0]));
          c.ops.num(O.FLOAT, f(v[1]));
        },
        zero: (v) => v === undefined || (Array.isArray(v) && v[0] === 0 && v[1] === 0),
      };
    }
    case "string":
      return {
        write: (c, v) => {
          if (typeof v !== "string") throw new TypeError("expected string");
          c.ops.string(v);
        },
        zero: (v) => v === "" || v === undefined,
      };
    case "bytes":
    case "marshaler": {
      const isZero = s.kind === "marshaler"
        ? (s as MarshalerSchema).isZero
        : (b: Uint8Array) => b.length === 0;
      return {
        write: (c, v) => {
          if (!(v instanceof Uint8Array)) throw new TypeError("expected Uint8Array");
          c.ops.bytes(v);
        },
        zero: (v) => isNil(v) || (v instanceof Uint8Array && isZero(v)),
      };
    }
    case "interface":
      return {
        write: (c, v) => c.iface(v as GobInterfaceValue | null | undefined),
        zero: isNil,
      };
    case "slice":
    case "array": {
      const es = s as ElemSchema;
      const isArray = s.kind === "array";
      let ec: Compiled | undefined;
      return {
        write: (c, v0) => {
          const elem = ec ??= direct(es.elem);
          const v = v0 === undefined && isArray ? zeroOf(s) : v0;
          if (!Array.isArray(v)) throw new TypeError("expected an array");
          if (isArray && v.length !== es.len) {
            throw new RangeError(`array length ${v.length}, ${s.goString} needs ${es.len}`);
          }
          c.ops.uint(v.length);
          for (let i = 0; i < v.length; i++) {
            try {
              elem.write(c, v[i]);
            } catch (e) {
              within(e, `[${i}]`);
            }
          }
        },
        zero: isArray ? () => false : (v) => isNil(v) || (v as unknown[]).length === 0,
      };
    }
    case "map": {
      const ms = s as MapSchema;
      let kc: Compiled | undefined, vc: Compiled | undefined;
      return {
        write: (c, v) => {
          const key = kc ??= direct(ms.key), value = vc ??= direct(ms.value);
          if (isNil(v)) {
            // A nil map where Go sends every value (top level, slice element, map value): Go
            // writes its length, 0, so the receiver gets an empty map. In a struct it is omitted.
            c.ops.uint(0);
            return;
          }
          if (!(v instanceof Map)) throw new TypeError("expected a Map");
          c.ops.uint(v.size);
          for (const [k, x] of v) {
            try {
              key.write(c, k);
              value.write(c, x);
            } catch (e) {
              within(e, `[${String(k)}]`);
            }
          }
        },
        zero: isNil,
      };
    }
    case "struct": {
      const fields = (s as StructSchema).fields;
      const names = fields.map((f) => f.name);
      let parts: Compiled[] | undefined;
      return {
        write: (c, v0) => {
          let v = v0;
          if (v === null || typeof v !== "object") {
            if (v !== undefined) throw new TypeError(`expected an object for ${s.goString}`);
            v = {};
          }
          const o = v as Record<string, unknown>;
          const ps = parts ??= fields.map((f) => direct(f.schema));
          const ops = c.ops;
          let last = -1;
          for (let i = 0; i < ps.length; i++) {
            const name = names[i];
            const fv = name !== "__proto__"
              ? o[name]
              : Object.hasOwn(o, name)
              ? o[name]
              : undefined;
            const p = ps[i];
            if (p.zero(fv)) continue;
            ops.fieldDelta(i - last);
            last = i;
            try {
              p.write(c, fv);
            } catch (e) {
              within(e, name);
            }
          }
          ops.op(O.SMALL, 0);
        },
        zero: () => false,
      };
    }
    default:
      return {
        write: () => {
          throw new TypeError(`cannot encode schema kind ${s.kind}`);
        },
        zero: () => false,
      };
  }
}
