// The encoding engine: TypeScript writes an op tape (16-byte records [op | delta << 8, a, b, c];
// numbers as f64 or i64 at +8), this file turns it into gob bytes with message framing and the
// nested length-prefixed chunks Go writes for interface values.
//
// Large []byte values can stay where they are (O_EXTERN): the engine writes their length prefix,
// counts them in every enclosing chunk's length, and records a splice (position in the output,
// length, the caller's index) instead of copying them; the caller writes them out between the
// output's pieces. Closing a chunk moves output bytes, so splice positions move with them.
import { Buf, copyBytes, freeBuf, newBuf, reserve } from "./buf";
import { E_MEMORY, E_MSG_SIZE, S_ERROR, S_OK } from "./consts";

export const O_UINT: i32 = 1; // u64 at +8
export const O_INT: i32 = 2; // i64 at +8
export const O_UNUM: i32 = 3; // f64 at +8, a non-negative integer
export const O_INUM: i32 = 4; // f64 at +8, an integer
export const O_FLOAT: i32 = 5; // f64 at +8, written byte-reversed
export const O_BYTES: i32 = 6; // a = pointer or arena offset, b = length, c = 1 if arena offset
export const O_OPEN: i32 = 7; // start a length-prefixed chunk (a message or an interface value)
export const O_CLOSE: i32 = 8; // end the innermost chunk: its length goes in front of it
export const O_FLUSH: i32 = 9; // close and reopen (after a type definition, like Go)
export const O_SMALL: i32 = 10; // a = uint < 2^31
export const O_EXTERN: i32 = 11; // a = the caller's index of the bytes, b = length (not copied)

/** Encoder stream. Layout read by codec-as/wasm/instance.ts (4-byte fields in this order). */
@unmanaged
export class EncStream {
  out: Buf = changetype<Buf>(0); //    0
  tape: Buf = changetype<Buf>(0); //   4
  arena: Buf = changetype<Buf>(0); //  8
  stack: Buf = changetype<Buf>(0); // 12: open chunks (openedAt, contentStart, externAtOpen)
  outStart: usize = 0; //              16: start of pending output in out
  errCode: i32 = 0; //                 20
  splices: Buf = changetype<Buf>(0); //24: (position in out, length, caller's index), u32 each
  externTotal: usize = 0; //           28: bytes referenced by splices so far
}

/** Bytes of one open-chunk record on the stack. */
const ENTRY: usize = 3 * sizeof<usize>();
/** Bytes of one splice record. */
const SPLICE: usize = 3 * sizeof<u32>();
/** Most bytes all splices of the pending output may reference together. */
const MAX_EXTERN: usize = 0x7fffffff;

/** Creates an encoder stream; returns its handle. */
export function encNew(): usize {
  const s = changetype<EncStream>(heap.alloc(offsetof<EncStream>()));
  memory.fill(changetype<usize>(s), 0, offsetof<EncStream>());
  s.out = newBuf();
  s.tape = newBuf();
  s.arena = newBuf();
  s.stack = newBuf();
  s.splices = newBuf();
  return changetype<usize>(s);
}

/** Frees an encoder stream. */
export function encFree(h: usize): void {
  const s = changetype<EncStream>(h);
  freeBuf(s.out);
  freeBuf(s.tape);
  freeBuf(s.arena);
  freeBuf(s.stack);
  freeBuf(s.splices);
  heap.free(h);
}

/** Ensures `bytes` capacity in the tape (which = 0) or arena (1); returns its pointer (0: fail). */
export function encReserve(h: usize, which: i32, bytes: u32): usize {
  const s = changetype<EncStream>(h);
  const b = which == 0 ? s.tape : s.arena;
  b.len = 0;
  if (!reserve(b, <usize>bytes)) return 0;
  return b.ptr;
}

let out: Buf = changetype<Buf>(0);

function uintSize(v: u64): usize {
  if (v < 128) return 1;
  return 1 + ((<usize>71 - <usize>clz<u64>(v)) >> 3);
}

/** Writes uint `v` at `p` (room checked by the caller); returns bytes written. */
function putUint(p: usize, v: u64): usize {
  if (v < 128) {
    store<u8>(p, <u8>v);
    return 1;
  }
  const n = (<usize>71 - <usize>clz<u64>(v)) >> 3;
  store<u8>(p, <u8>(<usize>256 - n));
  for (let i: usize = 0; i < n; i++) store<u8>(p + n - i, <u8>(v >> (i << 3)));
  return n + 1;
}

function wUint(v: u64): bool {
  if (out.len + 9 > out.cap && !reserve(out, 9)) return false;
  out.len += putUint(out.ptr + out.len, v);
  return true;
}

function wBytes(src: usize, n: usize): bool {
  if (!reserve(out, n + 9)) return false;
  out.len += putUint(out.ptr + out.len, <u64>n);
  copyBytes(out.ptr + out.len, src, n);
  out.len += n;
  return true;
}

function open(s: EncStream): bool {
  if (!reserve(s.stack, ENTRY) || !reserve(out, 9)) return false;
  const p = s.stack.ptr + s.stack.len;
  store<usize>(p, out.len);
  store<usize>(p, out.len + 9, sizeof<usize>());
  store<usize>(p, s.externTotal, 2 * sizeof<usize>());
  s.stack.len += ENTRY;
  out.len += 9;
  return true;
}

/** Records `len` bytes of the caller's (index `ext`) at the current output position. */
function splice(s: EncStream, len: usize, ext: u32): bool {
  if (len > MAX_EXTERN - s.externTotal) {
    s.errCode = E_MSG_SIZE;
    return false;
  }
  if (!wUint(<u64>len) || !reserve(s.splices, SPLICE)) return false;
  const p = s.splices.ptr + s.splices.len;
  store<u32>(p, <u32>out.len);
  store<u32>(p, <u32>len, 4);
  store<u32>(p, ext, 8);
  s.splices.len += SPLICE;
  s.externTotal += len;
  return true;
}

/** Moves the splices positioned in [lo, hi] (lo excluded when `open`) by `delta` bytes. */
function moveSplices(s: EncStream, lo: usize, hi: usize, excludeLo: bool, delta: usize): void {
  const end = s.splices.ptr + s.splices.len;
  for (let p = s.splices.ptr; p < end; p += SPLICE) {
    const at = <usize>load<u32>(p);
    if (at < lo || at > hi || (excludeLo && at == lo)) continue;
    store<u32>(p, <u32>(at + delta)); // wraps for a move to the left
  }
}

/** Ends the innermost chunk, closing the gap by moving whichever side is shorter. */
function closeChunk(s: EncStream): bool {
  if (s.stack.len == 0) return true;
  s.stack.len -= ENTRY;
  const sp = s.stack.ptr + s.stack.len;
  const openedAt = load<usize>(sp);
  const cs = load<usize>(sp, sizeof<usize>());
  const P = out.len - cs; // bytes of the chunk in the output
  const L = P + (s.externTotal - load<usize>(sp, 2 * sizeof<usize>())); // and in the stream
  if (s.stack.len == 0 && L > <usize>maxMessage) {
    s.errCode = E_MSG_SIZE; // a whole message over the limit: checked before anything moves
    return false;
  }
  // the enclosing chunk's contentStart (its record's second word), or the pending output's start
  const parentSlot: usize = s.stack.len == 0 ? 0 : sp - ENTRY + sizeof<usize>();
  const parentStart = parentSlot == 0 ? s.outStart : load<usize>(parentSlot);
  const k = uintSize(<u64>L);
  const before = openedAt - parentStart;
  const base = out.ptr;
  if (P <= before) {
    putUint(base + openedAt, <u64>L);
    memory.copy(base + openedAt + k, base + cs, P);
    moveSplices(s, cs, out.len, false, openedAt + k - cs);
    out.len = openedAt + k + P;
  } else {
    const shift = cs - openedAt - k;
    if (before > 0) memory.copy(base + parentStart + shift, base + parentStart, before);
    moveSplices(s, parentStart, openedAt, true, shift);
    putUint(base + cs - k, <u64>L);
    if (parentSlot == 0) s.outStart = parentStart + shift;
    else store<usize>(parentSlot, parentStart + shift);
  }
  return true;
}

let maxMessage: u32 = 0;

/**
 * Serialises `n` tape records into the pending output; a message longer than `maxMsg` fails.
 * On failure all pending output is discarded (errCode says why).
 */
export function encRun(h: usize, n: i32, maxMsg: u32): i32 {
  const s = changetype<EncStream>(h);
  out = s.out;
  maxMessage = maxMsg;
  s.errCode = E_MEMORY;
  const t = s.tape.ptr;
  const arena = s.arena.ptr;
  let ok = true;
  for (let i = 0; i < n && ok; i++) {
    const r = t + (<usize>i << 4);
    const word = load<u32>(r);
    const op = <i32>(word & 0xff);
    // bits 8..31: a struct field delta to write first (0: none)
    if (word > 0xff && !wUint(<u64>(word >> 8))) {
      ok = false;
      break;
    }
    switch (op) {
      case O_SMALL:
        ok = wUint(<u64>load<u32>(r, 4));
        break;
      case O_UINT:
        ok = wUint(load<u64>(r, 8));
        break;
      case O_INT: {
        const v = load<i64>(r, 8);
        ok = wUint(v < 0 ? (<u64>~v << 1) | 1 : <u64>v << 1);
        break;
      }
      case O_UNUM:
        ok = wUint(<u64>load<f64>(r, 8));
        break;
      case O_INUM: {
        const v = <i64>load<f64>(r, 8);
        ok = wUint(v < 0 ? (<u64>~v << 1) | 1 : <u64>v << 1);
        break;
      }
      case O_FLOAT:
        ok = wUint(bswap<u64>(reinterpret<u64>(load<f64>(r, 8))));
        break;
      case O_BYTES: {
        const a = <usize>load<u32>(r, 4);
        const len = <usize>load<u32>(r, 8);
        ok = wBytes(load<i32>(r, 12) != 0 ? arena + a : a, len);
        break;
      }
      case O_EXTERN:
        ok = splice(s, <usize>load<u32>(r, 8), load<u32>(r, 4));
        break;
      case O_OPEN:
        ok = open(s);
        break;
      case O_CLOSE:
        ok = closeChunk(s);
        break;
      case O_FLUSH:
        ok = closeChunk(s) && open(s);
        break;
      default:
        break;
    }
  }
  if (!ok) {
    s.stack.len = 0;
    s.out.len = 0;
    s.outStart = 0;
    s.splices.len = 0;
    s.externTotal = 0;
    return S_ERROR;
  }
  return S_OK;
}

/**
 * Returns the pointer of the pending output (length: encTakeLen) and clears it. Its splices
 * (encTakeSplices of them) stay readable at the stream's splice buffer, with positions made
 * relative to the returned pointer, until the next encRun.
 */
export function encTake(h: usize): usize {
  const s = changetype<EncStream>(h);
  const p = s.out.ptr + s.outStart;
  lastTakeLen = <u32>(s.out.len - s.outStart);
  lastTakeSplices = <u32>(s.splices.len / SPLICE);
  const end = s.splices.ptr + s.splices.len;
  for (let q = s.splices.ptr; q < end; q += SPLICE) {
    store<u32>(q, load<u32>(q) - <u32>s.outStart);
  }
  s.out.len = 0;
  s.outStart = 0;
  s.splices.len = 0;
  s.externTotal = 0;
  return p;
}

let lastTakeLen: u32 = 0;
let lastTakeSplices: u32 = 0;

/** Number of splices in the output returned by the last encTake. */
export function encTakeSplices(): u32 {
  return lastTakeSplices;
}

/** Length of the output returned by the last encTake. */
export function encTakeLen(): u32 {
  return lastTakeLen;
}
