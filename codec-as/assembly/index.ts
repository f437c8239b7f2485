// Exported entry points of gob.wasm. Every function returns a status or a value; none throws.
import { reserve, reserveKnown } from "./buf";
import {
  E_BAD_VALUE_ID, E_EMPTY_MSG, E_EXTRA, E_MSG_SIZE, E_SHORT, S_ERROR, S_HOLE, S_MORE, S_OK,
} from "./consts";
import {
  arenaUnits, begin, defineFromWire, E_MORE, err, errAt, errTid, fail, holeCovered, msgEnd, pos,
  readUint, setHole, topValue,
} from "./decode";
import {
  DecStream, entryAt, entryCount, freeDecStream, lookup, newDecStream, truncateTypes,
} from "./stream";
import { TypeEntry } from "./types";

export {
  jsonEscapeAt,
  jsonLongStrings,
  jsonLongStringsMore,
  jsonLongStringsOut,
  jsonLongStringsWindow,
} from "./json";
export {
  encFree, encNew, encReserve, encRun, encTake, encTakeLen, encTakeSplices,
} from "./encode";

/** Creates a decoder stream; returns its handle (a pointer). */
export function decNew(maxMsg: u32, maxDepth: i32, maxElems: u32): usize {
  return changetype<usize>(newDecStream(maxMsg, maxDepth, maxElems));
}

/** Frees a decoder stream. */
export function decFree(h: usize): void {
  freeDecStream(changetype<DecStream>(h));
}

/** Makes room for `min` bytes after the received data; returns the write pointer (0: too big). */
export function decWritable(h: usize, min: u32): usize {
  const s = changetype<DecStream>(h);
  const b = s.input;
  if (s.start > 0) {
    const keep = b.len - s.start;
    if (keep > 0) memory.copy(b.ptr, b.ptr + s.start, keep);
    const base = ((<u64>s.baseHi) << 32 | <u64>s.baseLo) + <u64>s.start;
    s.baseLo = <u32>base;
    s.baseHi = <u32>(base >> 32);
    b.len = keep;
    s.start = 0;
  }
  // The message being received is known to need more: room for all of it, in one step.
  const rest = s.start + <usize>s.need;
  if (rest > b.len && rest - b.len > <usize>min) {
    if (!reserveKnown(b, rest - b.len)) return 0;
  } else if (!reserve(b, min == 0 ? 1 : <usize>min)) return 0;
  return b.ptr + b.len;
}

/** Free bytes after the received data (valid after decWritable). */
export function decSpace(h: usize): u32 {
  const b = changetype<DecStream>(h).input;
  return <u32>(b.cap - b.len);
}

/** Marks `n` bytes after the received data as received. */
export function decCommit(h: usize, n: u32): void {
  const b = changetype<DecStream>(h).input;
  b.len += <usize>n;
}

function error(s: DecStream, code: i32, at: usize, tid: i32): i32 {
  s.errCode = code;
  s.errPos = <u32>(at - s.input.ptr);
  s.errType = tid;
  return S_ERROR;
}

/**
 * Decodes the next value, consuming type definitions on the way. S_OK: the tape holds it
 * (resultType, tape, arena); S_MORE: need more bytes; S_ERROR: errCode/errPos/errType.
 */
export function decNext(h: usize): i32 {
  const s = changetype<DecStream>(h);
  const st = next(s);
  s.ntypes = entryCount(s);
  return st;
}

/**
 * Marks input bytes [from, to) — inside a chunk written from `chunk` on, whose other bytes are in
 * place — as committed but not written yet (0, 0, 0: none). A value whose message holds the hole
 * decodes without them only if one byte array's content spans all of the hole (nothing in it is
 * read then); anything else returns S_HOLE, and the caller writes the bytes and clears the hole.
 * Compacting the input (decWritable) requires the hole to be cleared first.
 */
export function decHole(h: usize, chunk: usize, from: usize, to: usize): void {
  const s = changetype<DecStream>(h);
  s.holeChunk = chunk;
  s.holeFrom = from;
  s.holeTo = to;
}

function next(s: DecStream): i32 {
  while (true) {
    const base = s.input.ptr;
    const hdr = base + s.start;
    // A message that may start in the hole (its length is up to 9 bytes): its bytes are needed.
    if (s.holeTo != 0 && hdr + 9 >= s.holeFrom) return S_HOLE;
    begin(s, hdr, base + s.input.len);
    const n = readUint(base + s.input.len);
    if (err == E_SHORT) return S_MORE;
    if (err != 0) return error(s, err, errAt, 0);
    if (n == 0) return error(s, E_EMPTY_MSG, hdr, 0);
    if (n > <u64>s.maxMsg) return error(s, E_MSG_SIZE, hdr, 0);
    if (<u64>(base + s.input.len - pos) < n) {
      s.need = <u32>(pos - hdr) + <u32>n; // decWritable makes room for all of it at once
      return S_MORE;
    }
    s.need = 0;
    // A message reaching into the hole is decoded around it only if it holds all of it, inside
    // the chunk the hole belongs to, and is a value (the check is that a byte array spans it).
    let hole = false;
    if (s.holeTo != 0 && pos + <usize>n > s.holeFrom) {
      if (pos + <usize>n < s.holeTo || hdr < s.holeChunk) return S_HOLE;
      hole = true;
    }
    begin(s, pos, pos + <usize>n);
    s.msgStart = <u32>(hdr - base);
    const marks = entryCount(s);
    const idAt = pos;
    const id = readUint(msgEnd);
    if (err != 0) return hole ? S_HOLE : error(s, err, errAt, 0);
    const tid = (id & 1) != 0 ? ~(<i64>(id >> 1)) : <i64>(id >> 1);
    if (tid < 0 && hole) return S_HOLE;
    if (tid < 0) {
      defineFromWire(-tid, idAt);
      if (err == 0 && pos != msgEnd) fail(E_EXTRA);
      if (err != 0) return error(s, err, errAt, errTid);
      s.start = msgEnd - base;
      continue;
    }
    const ep = tid > 0 && tid <= <i64>i32.MAX_VALUE ? lookup(s, <i32>tid) : 0;
    if (ep == 0) return hole ? S_HOLE : error(s, E_BAD_VALUE_ID, hdr, <i32>tid);
    setHole(hole ? s.holeFrom : 0, hole ? s.holeTo : 0);
    topValue(changetype<TypeEntry>(ep));
    if (hole) {
      const covered = holeCovered;
      setHole(0, 0);
      if (err != 0 || !covered) { // (bytes of the hole may have been read)
        truncateTypes(s, marks);
        return S_HOLE;
      }
      s.holeChunk = 0; // decoded without them: the hole is behind the cursor now
      s.holeFrom = 0;
      s.holeTo = 0;
    }
    if (err == E_MORE) {
      truncateTypes(s, marks);
      return S_MORE;
    }
    if (err != 0) {
      truncateTypes(s, marks);
      return error(s, err, errAt, errTid);
    }
    // Go ignores bytes left in a value's message.
    s.start = msgEnd - base;
    s.resultType = <i32>tid;
    s.arenaUnits = arenaUnits;
    return S_OK;
  }
}

/** Number of received types (wire types with ids ≥ 64). */
export function typeCount(h: usize): i32 {
  return entryCount(changetype<DecStream>(h));
}

/** Pointer to the i-th received TypeEntry. */
export function typeAt(h: usize, i: i32): usize {
  return changetype<usize>(entryAt(changetype<DecStream>(h), i));
}

/** Pointer to the TypeEntry of id (built-in or received), 0 when unknown. */
export function typeById(h: usize, id: i32): usize {
  return lookup(changetype<DecStream>(h), id);
}

/** Allocates `n` bytes (for callers that need scratch memory). */
export function alloc(n: usize): usize {
  return heap.alloc(n);
}

/** Frees memory from alloc. */
export function free(p: usize): void {
  heap.free(p);
}

