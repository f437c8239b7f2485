// Per-stream state of a decoder: input buffer, type table, tape and string arena, limits, results.
// The field layout is read by codec-as/wasm/instance.ts (all fields 4 bytes, in this order).
import { Buf, freeBuf, newBuf, reserve } from "./buf";
import { builtinEntry, clearCaches, freeEntry, TypeEntry } from "./types";

@unmanaged
export class DecStream {
  input: Buf = changetype<Buf>(0); // 0: received bytes; input.len = end of data
  start: usize = 0; //                4: offset in input of the next unread message
  tape: Buf = changetype<Buf>(0); //  8: tape records (16 bytes each)
  arena: Buf = changetype<Buf>(0); // 12: UTF-8 bytes of the message's valid strings
  entries: Buf = changetype<Buf>(0); // 16: TypeEntry pointers in definition order
  hash: Buf = changetype<Buf>(0); //  20: open-addressing id → entry index + 1 (pairs of i32)
  ntypes: i32 = 0; //                 24: committed entries
  maxMsg: u32 = 0; //                 28
  maxDepth: i32 = 0; //               32
  maxElems: u32 = 0; //               36
  resultType: i32 = 0; //             40: type id of the decoded value
  errCode: i32 = 0; //                44
  errPos: u32 = 0; //                 48: offset of the error within input (relative to `base`)
  errType: i32 = 0; //                52
  baseLo: u32 = 0; //                 56: stream offset of input[0] (low, high words)
  baseHi: u32 = 0; //                 60
  msgStart: u32 = 0; //               64: offset in input of the decoded value's message
  arenaUnits: i32 = 0; //             68: UTF-16 length of the arena's text
  need: u32 = 0; //                   72: size of the message being received (0: not known yet)
  // A hole (decHole): input bytes committed but not written yet, [holeFrom, holeTo), inside a
  // chunk starting at holeChunk (absolute addresses; holeTo 0: none).
  holeChunk: usize = 0; //            76
  holeFrom: usize = 0; //             80
  holeTo: usize = 0; //               84
}

export function newDecStream(maxMsg: u32, maxDepth: i32, maxElems: u32): DecStream {
  const s = changetype<DecStream>(heap.alloc(offsetof<DecStream>()));
  memory.fill(changetype<usize>(s), 0, offsetof<DecStream>());
  s.input = newBuf();
  s.tape = newBuf();
  s.arena = newBuf();
  s.entries = newBuf();
  s.hash = newBuf();
  s.maxMsg = maxMsg;
  s.maxDepth = maxDepth;
  s.maxElems = maxElems;
  return s;
}

export function freeDecStream(s: DecStream): void {
  truncateTypes(s, 0);
  freeBuf(s.input);
  freeBuf(s.tape);
  freeBuf(s.arena);
  freeBuf(s.entries);
  freeBuf(s.hash);
  heap.free(changetype<usize>(s));
}

function entryCount(s: DecStream): i32 {
  return <i32>(s.entries.len >> alignof<usize>());
}

export function entryAt(s: DecStream, i: i32): TypeEntry {
  return changetype<TypeEntry>(load<usize>(s.entries.ptr + (<usize>i << alignof<usize>())));
}

/** The entry for `id` (built-in or received), or 0. */
export function lookup(s: DecStream, id: i32): usize {
  if (id < 64) return builtinEntry(id);
  const h = s.hash;
  if (h.cap == 0) return 0;
  const mask = <u32>(h.cap >> 3) - 1;
  let i = (<u32>id * 0x9e3779b1) & mask;
  const n = entryCount(s);
  while (true) {
    const slot = h.ptr + (<usize>i << 3);
    const v = load<i32>(slot, 4);
    if (v == 0) return 0;
    if (load<i32>(slot) == id) {
      return v - 1 < n ? changetype<usize>(entryAt(s, v - 1)) : 0;
    }
    i = (i + 1) & mask;
  }
}

function hashPut(s: DecStream, id: i32, index: i32): void {
  const h = s.hash;
  const mask = <u32>(h.cap >> 3) - 1;
  let i = (<u32>id * 0x9e3779b1) & mask;
  while (true) {
    const slot = h.ptr + (<usize>i << 3);
    const v = load<i32>(slot, 4);
    if (v == 0 || load<i32>(slot) == id) {
      store<i32>(slot, id);
      store<i32>(slot, index + 1, 4);
      return;
    }
    i = (i + 1) & mask;
  }
}

/** Appends an entry (the caller checked that its id is new). False when out of memory budget. */
export function defineType(s: DecStream, e: TypeEntry): bool {
  const n = entryCount(s);
  if (!reserve(s.entries, sizeof<usize>())) return false;
  store<usize>(s.entries.ptr + s.entries.len, changetype<usize>(e));
  s.entries.len += sizeof<usize>();
  const h = s.hash;
  if (<usize>(n + 1) * 2 * 8 > h.cap) {
    // rebuild at double size (stale slots of rolled-back entries are dropped)
    const old = h.ptr;
    let cap: usize = h.cap == 0 ? 64 * 8 : h.cap * 2;
    while (<usize>(n + 1) * 2 * 8 > cap) cap *= 2;
    if (cap > (1 << 30)) return false;
    h.ptr = heap.alloc(cap);
    h.cap = cap;
    memory.fill(h.ptr, 0, cap);
    if (old != 0) heap.free(old);
    for (let i = 0; i < n; i++) hashPut(s, entryAt(s, i).id, i);
  }
  hashPut(s, e.id, n);
  return true;
}

/** Drops entries from index `count` on (a value that needed more bytes is decoded again later). */
export function truncateTypes(s: DecStream, count: i32): void {
  let n = entryCount(s);
  if (n <= count) return;
  while (n > count) {
    n--;
    freeEntry(entryAt(s, n));
  }
  s.entries.len = <usize>n << alignof<usize>();
  for (let i = 0; i < n; i++) clearCaches(entryAt(s, i));
}

export { entryCount };
