// Type tables: the built-in gob types and, per decoder stream, the wire types it has received.
import {
  K_BOOL, K_BYTES, K_COMPLEX, K_FLOAT, K_IFACE, K_INT, K_SLICE, K_STRING, K_STRUCT, K_UINT,
} from "./consts";

/** One type: a compiled wireType. codec-as/wire_type.ts reads the first 9 fields (i32 each). */
@unmanaged
export class TypeEntry {
  id: i32 = 0;
  kind: i32 = 0;
  elem: i32 = 0;
  key: i32 = 0;
  len: i32 = 0;
  nfields: i32 = 0;
  fields: usize = 0; // nfields × Field
  namePtr: usize = 0;
  nameLen: i32 = 0;
  elemEntry: usize = 0; // caches of lookup(elem) / lookup(key); cleared when types are dropped
  keyEntry: usize = 0;
}

/** One struct field (4 × i32). */
@unmanaged
export class Field {
  namePtr: usize = 0;
  nameLen: i32 = 0;
  id: i32 = 0;
  entry: usize = 0; // cache of lookup(id); cleared when types are dropped
}

export function newEntry(id: i32, kind: i32, nfields: i32): TypeEntry {
  const e = changetype<TypeEntry>(heap.alloc(offsetof<TypeEntry>()));
  memory.fill(changetype<usize>(e), 0, offsetof<TypeEntry>());
  e.id = id;
  e.kind = kind;
  e.nfields = nfields;
  if (nfields > 0) {
    const size = <usize>nfields * offsetof<Field>();
    e.fields = heap.alloc(size);
    memory.fill(e.fields, 0, size);
  }
  return e;
}

export function fieldAt(e: TypeEntry, i: i32): Field {
  return changetype<Field>(e.fields + <usize>i * offsetof<Field>());
}

/** Frees an entry with its names and fields. */
export function freeEntry(e: TypeEntry): void {
  for (let i = 0; i < e.nfields; i++) {
    const f = fieldAt(e, i);
    if (f.namePtr != 0) heap.free(f.namePtr);
  }
  if (e.fields != 0) heap.free(e.fields);
  if (e.namePtr != 0) heap.free(e.namePtr);
  heap.free(changetype<usize>(e));
}

/** Copies `len` bytes at `src` into a fresh allocation (0 for empty). */
export function copyName(src: usize, len: i32): usize {
  if (len <= 0) return 0;
  const p = heap.alloc(<usize>len);
  memory.copy(p, src, <usize>len);
  return p;
}

// ---- built-ins -------------------------------------------------------------------------------

const builtins = new StaticArray<usize>(25);

function builtin(id: i32, kind: i32): TypeEntry {
  const e = newEntry(id, kind, 0);
  builtins[id] = changetype<usize>(e);
  return e;
}

function builtinStruct(id: i32, ids: StaticArray<i32>): void {
  const e = newEntry(id, K_STRUCT, ids.length);
  for (let i = 0; i < ids.length; i++) fieldAt(e, i).id = ids[i];
  builtins[id] = changetype<usize>(e);
}

builtin(1, K_BOOL);
builtin(2, K_INT);
builtin(3, K_UINT);
builtin(4, K_FLOAT);
builtin(5, K_BYTES);
builtin(6, K_STRING);
builtin(7, K_COMPLEX);
builtin(8, K_IFACE);
// wireType{ArrayT *arrayType; SliceT *sliceType; StructT *structType; MapT *mapType;
//          GobEncoderT, BinaryMarshalerT, TextMarshalerT *gobEncoderType}
builtinStruct(16, [17, 19, 20, 23, 24, 24, 24]);
builtinStruct(17, [18, 2, 2]); // arrayType{CommonType; Elem typeId; Len int}
builtinStruct(18, [6, 2]); // CommonType{Name string; Id typeId}
builtinStruct(19, [18, 2]); // sliceType{CommonType; Elem typeId}
builtinStruct(20, [18, 22]); // structType{CommonType; Field []*fieldType}
builtinStruct(21, [6, 2]); // fieldType{Name string; Id typeId}
builtin(22, K_SLICE).elem = 21; // []*fieldType
builtinStruct(23, [18, 2, 2]); // mapType{CommonType; Key typeId; Elem typeId}
builtinStruct(24, [18]); // gobEncoderType{CommonType}

/** The built-in entry for `id`, or null. */
export function builtinEntry(id: i32): usize {
  if (id <= 0 || id >= 25) return 0;
  return unchecked(builtins[id]);
}

/** Clears the lookup caches of an entry (the types they point to may be gone). */
export function clearCaches(e: TypeEntry): void {
  e.elemEntry = 0;
  e.keyEntry = 0;
  for (let i = 0; i < e.nfields; i++) fieldAt(e, i).entry = 0;
}
