// The decoding engine: one value (possibly spanning messages, for interfaces whose concrete type is
// defined mid-value) → a tape of 16-byte records [kind|flags, field, lo, hi] that TypeScript walks.
import { copyBytes, reserve } from "./buf";
import {
  E_ARRAY_LEN, E_BOOL, E_DEPTH, E_ELEMENTS, E_EMPTY_MSG, E_FIELD, E_MEMORY,
  E_MSG_SIZE, E_NAME, E_SHORT, E_SINGLETON, E_TYPE_ID, E_UINT, E_UNKNOWN_TYPE,
  F_RAW, K_ARRAY, K_BINARY, K_BOOL, K_BYTES, K_COMPLEX, K_FLOAT, K_GOBENC, K_IFACE, K_INT, K_MAP,
  K_SLICE, K_STRING, K_STRUCT, K_TEXT, K_UINT,
} from "./consts";
import { DecStream, lookup } from "./stream";
import { Field, fieldAt, TypeEntry } from "./types";
import { install } from "./install";
import { utf16Length } from "./utf8";

/** Pseudo error code: the value continues in a message that has not fully arrived. */
export const E_MORE: i32 = -1;

// Cursor state of the call in progress (one call at a time: WASM is single-threaded).
let S: DecStream = changetype<DecStream>(0);
export let pos: usize = 0;
export let msgEnd: usize = 0;
let dataEnd: usize = 0;
export let err: i32 = 0;
export let errAt: usize = 0;
export let errTid: i32 = 0;
let curType: i32 = 0;
let curField: i32 = -1;
let depth: i32 = 0;
let rawStrings: bool = false;
export let arenaUnits: i32 = 0;
// The hole of the message being decoded ([holeFrom, holeTo), 0 when none) and whether one byte
// array's content spans all of it (then no byte of it was read: the cursor only moves forward).
let holeFrom: usize = 0;
let holeTo: usize = 0;
export let holeCovered: bool = false;

/** Sets the hole of the message about to be decoded (0, 0: none). */
export function setHole(from: usize, to: usize): void {
  holeFrom = from;
  holeTo = to;
  holeCovered = false;
}

/** Starts decoding in stream `s` at `p` (a message body ending at `end`). */
export function begin(s: DecStream, p: usize, end: usize): void {
  S = s;
  pos = p;
  msgEnd = end;
  dataEnd = s.input.ptr + s.input.len;
  err = 0;
  errAt = 0;
  errTid = 0;
  curField = -1;
  curType = 0;
  depth = 0;
  rawStrings = false;
  arenaUnits = 0;
  s.tape.len = 0;
  s.arena.len = 0;
}

export function fail(code: i32): void {
  if (err != 0) return;
  err = code;
  errAt = pos;
  errTid = curType;
}

// ---- primitives ------------------------------------------------------------------------------

/** Reads a gob uint bounded by `end`; sets E_SHORT / E_UINT. */
export function readUint(end: usize): u64 {
  if (pos >= end) {
    fail(E_SHORT);
    return 0;
  }
  const c = <u32>load<u8>(pos);
  if (c < 0x80) {
    pos++;
    return <u64>c;
  }
  const n = <usize>(256 - c);
  if (n > 8) {
    fail(E_UINT);
    return 0;
  }
  if (pos + 1 + n > end) {
    fail(E_SHORT);
    return 0;
  }
  let v: u64 = 0;
  for (let i: usize = 1; i <= n; i++) v = (v << 8) | <u64>load<u8>(pos + i);
  pos += 1 + n;
  return v;
}

// @ts-ignore: decorator
@inline function rdUint(): u64 {
  return readUint(msgEnd);
}

function rdInt(): i64 {
  const u = rdUint();
  return (u & 1) != 0 ? ~(<i64>(u >> 1)) : <i64>(u >> 1);
}

/** Appends a record; returns its index (or -1 after E_MEMORY). */
function rec(kind: i32, lo: i32, hi: i32): i32 {
  const t = S.tape;
  if (t.len + 16 > t.cap && !reserve(t, 16)) {
    fail(E_MEMORY);
    return -1;
  }
  const p = t.ptr + t.len;
  store<i32>(p, kind);
  store<i32>(p, curField, 4);
  store<i32>(p, lo, 8);
  store<i32>(p, hi, 12);
  curField = -1;
  t.len += 16;
  return <i32>(t.len >> 4) - 1;
}

function rec64(kind: i32, v: u64): void {
  const i = rec(kind, 0, 0);
  if (i >= 0) store<u64>(S.tape.ptr + (<usize>i << 4), v, 8);
}

/** Sets a composite record's count (lo) and end index (hi = index after its last child). */
function close(i: i32, count: i32): void {
  if (i < 0) return;
  const p = S.tape.ptr + (<usize>i << 4);
  store<i32>(p, count, 8);
  store<i32>(p, <i32>(S.tape.len >> 4), 12);
}

function remaining(): usize {
  return msgEnd - pos;
}

function decString(kind: i32): void {
  const n = rdUint();
  if (err != 0) return;
  if (n > <u64>remaining()) {
    fail(E_SHORT);
    return;
  }
  const p = pos;
  const len = <usize>n;
  pos += len;
  if (kind != K_STRING || rawStrings) {
    if (holeTo != 0 && p <= holeFrom && p + len >= holeTo) holeCovered = true;
    rec(kind, <i32>p, <i32>len);
    return;
  }
  const units = utf16Length(p, len);
  if (units < 0) {
    rec(K_STRING | F_RAW, <i32>p, <i32>len);
    return;
  }
  const a = S.arena;
  if (!reserve(a, len)) {
    fail(E_MEMORY);
    return;
  }
  copyBytes(a.ptr + a.len, p, len);
  a.len += len;
  rec(K_STRING, arenaUnits, units);
  arenaUnits += units;
}

// ---- values ----------------------------------------------------------------------------------

/** Decodes one value of type `tid` at the cursor. */
export function decValue(tid: i32): void {
  const ep = lookup(S, tid);
  if (ep == 0) {
    curType = tid;
    fail(E_UNKNOWN_TYPE);
    return;
  }
  decEntry(changetype<TypeEntry>(ep));
}

/** lookup() through a cache slot (0 = not cached); fails with E_UNKNOWN_TYPE. */
// @ts-ignore: decorator
@inline function cached(slot: usize, tid: i32): usize {
  let ep = load<usize>(slot);
  if (ep == 0) {
    ep = lookup(S, tid);
    if (ep == 0) {
      curType = tid;
      fail(E_UNKNOWN_TYPE);
      return 0;
    }
    store<usize>(slot, ep);
  }
  return ep;
}

/** Decodes one value of the type `e` at the cursor. */
function decEntry(e: TypeEntry): void {
  const tid = e.id;
  switch (e.kind) {
    case K_BOOL: {
      const at = pos;
      const v = rdUint();
      if (v > 1) {
        pos = at;
        curType = tid;
        fail(E_BOOL);
      }
      rec(K_BOOL, <i32>v, 0);
      break;
    }
    case K_INT: {
      rec64(K_INT, <u64>rdInt());
      break;
    }
    case K_UINT: {
      rec64(K_UINT, rdUint());
      break;
    }
    case K_FLOAT: {
      rec64(K_FLOAT, bswap<u64>(rdUint()));
      break;
    }
    case K_COMPLEX: {
      rec64(K_COMPLEX, bswap<u64>(rdUint()));
      rec64(K_FLOAT, bswap<u64>(rdUint()));
      break;
    }
    case K_BYTES:
    case K_STRING:
    case K_GOBENC:
    case K_BINARY:
    case K_TEXT: {
      decString(e.kind);
      break;
    }
    case K_IFACE: {
      decIface();
      break;
    }
    case K_STRUCT: {
      decStruct(e);
      break;
    }
    default: {
      decList(e);
      break;
    }
  }
}

function enter(tid: i32): bool {
  if (++depth > S.maxDepth) {
    curType = tid;
    fail(E_DEPTH);
    return false;
  }
  return true;
}

/** Struct: (delta, value) pairs ended by delta 0. */
export function decStruct(e: TypeEntry): void {
  if (!enter(e.id)) return;
  const at = rec(K_STRUCT, e.id, 0);
  let fnum: i32 = -1;
  let count: i32 = 0;
  while (err == 0) {
    const dAt = pos;
    const d = rdUint();
    if (err != 0 || d == 0) break;
    if (d > <u64>(e.nfields - 1 - fnum)) {
      pos = dAt;
      curType = e.id;
      fail(E_FIELD);
      break;
    }
    fnum += <i32>d;
    curField = fnum;
    const f: Field = fieldAt(e, fnum);
    const fe = cached(changetype<usize>(f) + offsetof<Field>("entry"), f.id);
    if (fe == 0) break;
    decEntry(changetype<TypeEntry>(fe));
    count++;
  }
  close(at, count);
  depth--;
}

/** Whether elements of this type always take at least one byte of the current message. */
function scalarKind(tid: i32): bool {
  const ep = lookup(S, tid);
  if (ep == 0) return false;
  const k = changetype<TypeEntry>(ep).kind;
  return k != K_IFACE && k != K_STRUCT && k != K_ARRAY && k != K_SLICE && k != K_MAP;
}

/** Slice, array, map: count then elements (map: key, value pairs). */
function decList(e: TypeEntry): void {
  if (!enter(e.id)) return;
  const n = rdUint();
  if (err != 0) return;
  curType = e.id;
  if (e.kind == K_ARRAY && n != <u64>e.len) {
    fail(E_ARRAY_LEN);
    return;
  }
  const isMap = e.kind == K_MAP;
  const per: u64 = isMap ? 2 : 1;
  if (n > <u64>S.maxElems) {
    fail(E_ELEMENTS);
    return;
  }
  if (
    n * per > <u64>remaining() && scalarKind(e.elem) && (!isMap || scalarKind(e.key))
  ) {
    fail(E_ELEMENTS);
    return;
  }
  const at = rec(e.kind, 0, 0);
  const count = <i32>n;
  if (count > 0) {
    const ee = cached(changetype<usize>(e) + offsetof<TypeEntry>("elemEntry"), e.elem);
    const ke = isMap ? cached(changetype<usize>(e) + offsetof<TypeEntry>("keyEntry"), e.key) : 1;
    if (ee == 0 || ke == 0) return;
    decItems(count, isMap, ee, ke);
  }
  close(at, count);
  depth--;
}

function decItems(count: i32, isMap: bool, ee: usize, ke: usize): void {
  for (let i: i32 = 0; i < count && err == 0; i++) {
    if (isMap) decEntry(changetype<TypeEntry>(ke));
    if (err != 0) break;
    decEntry(changetype<TypeEntry>(ee));
  }
}

/** Moves the cursor into the next message (an interface value continuing after type defs). */
function nextMessage(): void {
  const hdr = pos;
  const n = readUint(dataEnd);
  if (err == E_SHORT) {
    err = E_MORE;
    return;
  }
  if (err != 0) return;
  if (n == 0) {
    fail(E_EMPTY_MSG);
    return;
  }
  if (n > <u64>S.maxMsg) {
    pos = hdr;
    fail(E_MSG_SIZE);
    return;
  }
  if (<u64>(dataEnd - pos) < n) {
    err = E_MORE;
    return;
  }
  msgEnd = pos + <usize>n;
}

/** Interface: name, type definitions (maybe in later messages), id, byte count, value. */
function decIface(): void {
  const n = rdUint();
  if (err != 0) return;
  if (n == 0) {
    const i = rec(K_IFACE, 0, 0);
    close(i, 0);
    return;
  }
  if (n > 1024) {
    fail(E_NAME);
    return;
  }
  if (n > <u64>remaining()) {
    fail(E_SHORT);
    return;
  }
  if (!enter(8)) return;
  const at = rec(K_IFACE, 0, 0);
  decNameString(<usize>n);
  let id: i64 = 0;
  while (err == 0) {
    if (pos == msgEnd) {
      nextMessage();
      if (err != 0) break;
    }
    const idAt = pos;
    id = rdInt();
    if (err != 0 || id >= 0) break;
    defineFromWire(-id, idAt);
    if (err == 0 && pos < msgEnd) rdUint();
  }
  if (err != 0) return;
  if (id > <i64>i32.MAX_VALUE || id == 0) {
    fail(E_UNKNOWN_TYPE);
    return;
  }
  rdUint(); // byte count of the value: not needed
  if (err != 0) return;
  const tid = <i32>id;
  const ep = lookup(S, tid);
  if (ep == 0) {
    curType = tid;
    fail(E_UNKNOWN_TYPE);
    return;
  }
  topValue(changetype<TypeEntry>(ep));
  if (at >= 0) {
    const p = S.tape.ptr + (<usize>at << 4);
    store<i32>(p, tid, 8);
    store<i32>(p, <i32>(S.tape.len >> 4), 12);
  }
  depth--;
}

/** Name bytes (already bounds-checked) as a string record. */
function decNameString(n: usize): void {
  const p = pos;
  pos += n;
  const units = utf16Length(p, n);
  if (units < 0 || rawStrings) {
    rec(K_STRING | (rawStrings ? 0 : F_RAW), <i32>p, <i32>n);
    return;
  }
  const a = S.arena;
  if (!reserve(a, n)) {
    fail(E_MEMORY);
    return;
  }
  copyBytes(a.ptr + a.len, p, n);
  a.len += n;
  rec(K_STRING, arenaUnits, units);
  arenaUnits += units;
}

/** A value as sent at top level or inside an interface: a struct, or delta 0 then the value. */
export function topValue(e: TypeEntry): void {
  if (e.kind == K_STRUCT) {
    decStruct(e);
    return;
  }
  const d = rdUint();
  if (err != 0) return;
  if (d != 0) {
    curType = e.id;
    fail(E_SINGLETON);
    return;
  }
  decValue(e.id);
}

// ---- type definitions ------------------------------------------------------------------------

/** Decodes a wireType at the cursor and registers it as type `id`. */
export function defineFromWire(id: i64, idAt: usize): void {
  if (id < 64 || id > <i64>i32.MAX_VALUE || lookup(S, <i32>id) != 0) {
    curType = <i32>id;
    pos = idAt;
    fail(E_TYPE_ID);
    return;
  }
  const mark = S.tape.len;
  const saveRaw = rawStrings;
  const saveField = curField;
  const saveType = curType;
  rawStrings = true;
  curField = -1;
  curType = <i32>id;
  decStruct(changetype<TypeEntry>(lookup(S, 16)));
  rawStrings = saveRaw;
  if (err == 0) {
    const code = install(S, <i32>id, <i32>(mark >> 4));
    if (code != 0) {
      curType = <i32>id;
      fail(code);
    }
  }
  curField = saveField;
  curType = saveType;
  S.tape.len = mark;
}

