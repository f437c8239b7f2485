// Internal: type ids and wire type definitions for an encoder, assigned like a fresh Go process
// (encoding/gob type.go: structs and marshalers take their id before their fields, slices, arrays
// and maps after their elements) and sent like Go's Encoder (the type first, then its parts).
import {
  type ElemSchema,
  gob,
  type MapSchema,
  type MarshalerSchema,
  resolve,
  type Schema,
  type StructSchema,
} from "../schema.ts";

/** What the encoder knows of one of its types. */
export interface OutType {
  id: number;
  name: string;
  schema: Schema;
  /** field / element ids, filled when known */
  parts: number[];
}

const BASIC: Record<string, number> = {
  bool: 1,
  int: 2,
  int64: 2,
  uint: 3,
  uint64: 3,
  float: 4,
  bytes: 5,
  string: 6,
  complex: 7,
  interface: 8,
};

/** Follows lazy and pointer schemas to the base type (Go's userType base). */
export function base(s: Schema): Schema {
  for (;;) {
    s = resolve(s);
    if (s.kind !== "ptr") return s;
    s = (s as ElemSchema).elem;
  }
}

const CommonT = gob.struct("gob.CommonType", { Name: gob.string, Id: gob.int });
/** The built-in wireType, as a schema for encoding type definitions. */
export const WireTypeSchema = gob.struct("gob.wireType", {
  ArrayT: gob.ptr(
    gob.struct("gob.arrayType", { CommonType: CommonT, Elem: gob.int, Len: gob.int }),
  ),
  SliceT: gob.ptr(gob.struct("gob.sliceType", { CommonType: CommonT, Elem: gob.int })),
  StructT: gob.ptr(
    gob.struct("gob.structType", {
      CommonType: CommonT,
      Field: gob.slice(gob.ptr(gob.struct("gob.fieldType", { Name: gob.string, Id: gob.int }))),
    }),
  ),
  MapT: gob.ptr(gob.struct("gob.mapType", { CommonType: CommonT, Key: gob.int, Elem: gob.int })),
  GobEncoderT: gob.ptr(gob.struct("gob.gobEncoderType", { CommonType: CommonT })),
  BinaryMarshalerT: gob.ptr(gob.struct("gob.gobEncoderType", { CommonType: CommonT })),
  TextMarshalerT: gob.ptr(gob.struct("gob.gobEncoderType", { CommonType: CommonT })),
});

/** What {@linkcode TypeRegistry.pending} returns when there is nothing to send. */
const NONE: readonly (readonly [number, unknown])[] = Object.freeze([]);

/** Per-encoder registry of type ids. */
export class TypeRegistry {
  #byKey = new Map<string, OutType>();
  #bySchema = new Map<Schema, OutType>();
  #nextId = 64;
  /** ids already sent on the stream */
  readonly sent = new Set<number>();
  #sentOrder: number[] = [];

  /** A mark to roll the sent set back to (an encode that failed never sent its types). */
  mark(): number {
    return this.#sentOrder.length;
  }

  /** Forgets types marked sent after `mark`. */
  rollback(mark: number): void {
    while (this.#sentOrder.length > mark) this.sent.delete(this.#sentOrder.pop()!);
  }

  #key(s: Schema): string {
    return `${s.kind}:${s.goString}`;
  }

  /** The id of schema `s` (Go: getBaseType(name, rt)), assigning ids on first use. */
  idOf(s0: Schema, name?: string): number {
    const fast = this.#bySchema.get(s0);
    if (fast !== undefined && fast.id !== 0) return fast.id;
    const t = this.#entry(s0, name);
    // A type met again while its own definition is still being built (recursion through a
    // slice, say) has no id yet: Go's setTypeId gives it one where it is referred to.
    if (t.id === 0) t.id = ++this.#nextId;
    return t.id;
  }

  /** Sets a type's id if it has none yet (Go's setTypeId) and returns it. */
  #fix(t: OutType): number {
    if (t.id === 0) t.id = ++this.#nextId;
    return t.id;
  }

  /**
   * The entry of schema `s`, built like Go's newTypeObject: a struct or marshaler takes its id
   * before its parts; a slice, array or map after its parts, before fixing a part still in
   * progress (a slice's element, a struct's field). An entry met while in progress has id 0.
   */
  #entry(s0: Schema, name?: string): OutType {
    const s = base(s0);
    const b = BASIC[s.kind];
    if (b !== undefined) return { id: b, name: "", schema: s, parts: [] };
    const key = this.#key(s);
    const known = this.#byKey.get(key);
    if (known) {
      this.#bySchema.set(s0, known);
      return known;
    }
    const t: OutType = { id: 0, name: name ?? s.goName, schema: s, parts: [] };
    this.#byKey.set(key, t);
    this.#bySchema.set(s0, t);
    switch (s.kind) {
      case "marshaler":
        t.id = ++this.#nextId;
        break;
      case "struct":
        t.id = ++this.#nextId;
        for (const f of (s as StructSchema).fields) {
          const fb = base(f.schema);
          const ft = this.#entry(f.schema, fb.goName !== "" ? fb.goName : fb.goString);
          t.parts.push(this.#fix(ft));
        }
        break;
      case "slice": {
        const elem = (s as ElemSchema).elem;
        const e = this.#entry(elem, resolve(elem).kind === "ptr" ? "" : resolve(elem).goName);
        this.#fix(t);
        t.parts.push(this.#fix(e));
        break;
      }
      case "array": {
        const e = this.#entry((s as ElemSchema).elem, "");
        this.#fix(t);
        t.parts.push(e.id);
        break;
      }
      case "map": {
        const k = this.#entry((s as MapSchema).key, "");
        const v = this.#entry((s as MapSchema).value, "");
        this.#fix(t);
        t.parts.push(k.id, v.id);
        break;
      }
      default:
        throw new TypeError(`cannot encode schema kind ${s.kind}`);
    }
    return t;
  }

  /** The registry entry of a (non-basic) schema, after idOf. */
  info(s: Schema): OutType | undefined {
    return this.#bySchema.get(s) ?? this.#byKey.get(this.#key(base(s)));
  }

  /**
   * Types to send before a value of `s`, in Go's order (each type, then its parts), as
   * [id, wireType value] pairs; marks them sent. When there are none (the usual case: every value
   * after a stream's first of its type) this allocates nothing.
   */
  pending(
    s0: Schema,
    out?: [number, unknown][],
  ): readonly (readonly [number, unknown])[] {
    const fast = this.#bySchema.get(s0);
    if (fast !== undefined && this.sent.has(fast.id)) return out ?? NONE;
    const s = base(s0);
    if (BASIC[s.kind] !== undefined) return out ?? NONE;
    const t = this.info(s)!;
    if (this.sent.has(t.id)) return out ?? NONE;
    this.sent.add(t.id);
    this.#sentOrder.push(t.id);
    out ??= [];
    let common = { Name: t.name, Id: t.id };
    if (s.kind === "marshaler" && resolve(s0).kind === "ptr") {
      // Go describes a marshaler reached through a pointer by the pointer type: a definition
      // with no name and an id of its own, taken when it is first sent
      common = { Name: "", Id: ++this.#nextId };
    }
    switch (s.kind) {
      case "marshaler": {
        const k = (s as MarshalerSchema).marshaler;
        const field = k === "GobEncoder"
          ? "GobEncoderT"
          : k === "BinaryMarshaler"
          ? "BinaryMarshalerT"
          : "TextMarshalerT";
        out.push([t.id, { [field]: { CommonType: common } }]);
        break;
      }
      case "struct": {
        const fs = (s as StructSchema).fields;
        out.push([t.id, {
          StructT: {
            CommonType: common,
            Field: fs.map((f, i) => ({ Name: f.name, Id: t.parts[i] })),
          },
        }]);
        for (const f of fs) this.pending(f.schema, out);
        break;
      }
      case "slice":
        out.push([t.id, { SliceT: { CommonType: common, Elem: t.parts[0] } }]);
        this.pending((s as ElemSchema).elem, out);
        break;
      case "array":
        out.push([t.id, {
          ArrayT: { CommonType: common, Elem: t.parts[0], Len: (s as ElemSchema).len },
        }]);
        this.pending((s as ElemSchema).elem, out);
        break;
      case "map":
        out.push([t.id, { MapT: { CommonType: common, Key: t.parts[0], Elem: t.parts[1] } }]);
        this.pending((s as MapSchema).key, out);
        this.pending((s as MapSchema).value, out);
        break;
    }
    return out;
  }
}
