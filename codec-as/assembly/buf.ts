// Growable byte buffers in linear memory, addressed by a pointer to their header.
import { MAX_BUFFER } from "./consts";

/** Header of a growable buffer: data pointer, used length, capacity (bytes). */
@unmanaged
export class Buf {
  ptr: usize = 0;
  len: usize = 0;
  cap: usize = 0;
}

/** Allocates an empty buffer header. */
export function newBuf(): Buf {
  const b = changetype<Buf>(heap.alloc(offsetof<Buf>()));
  b.ptr = 0;
  b.len = 0;
  b.cap = 0;
  return b;
}

/** Frees a buffer's data and its header. */
export function freeBuf(b: Buf): void {
  release(b);
  heap.free(changetype<usize>(b));
}

/** Ensures room for `extra` more bytes after `len`; returns false when over MAX_BUFFER. */
export function reserve(b: Buf, extra: usize): bool {
  const need = b.len + extra;
  if (need <= b.cap) return true;
  if (need > MAX_BUFFER || need < b.len) return false;
  let cap = b.cap < 256 ? <usize>256 : b.cap;
  while (cap < need) cap <<= 1;
  if (cap > MAX_BUFFER) cap = MAX_BUFFER;
  b.ptr = b.ptr == 0 ? heap.alloc(cap) : heap.realloc(b.ptr, cap);
  b.cap = cap;
  return true;
}

/**
 * Ensures room for exactly `extra` more bytes after `len` when that is more than doubling gives
 * (a size known in advance: no power of two, and no smaller blocks on the way); otherwise as
 * `reserve`. Returns false when over MAX_BUFFER.
 */
export function reserveKnown(b: Buf, extra: usize): bool {
  const need = b.len + extra;
  if (need <= b.cap) return true;
  if (need <= (b.cap < 256 ? <usize>512 : b.cap << 1)) return reserve(b, extra);
  if (need > MAX_BUFFER || need < b.len) return false;
  b.ptr = b.ptr == 0 ? heap.alloc(need) : heap.realloc(b.ptr, need);
  b.cap = need;
  return true;
}

/** Frees the data of a buffer and zeroes its header. */
export function release(b: Buf): void {
  if (b.ptr != 0) heap.free(b.ptr);
  b.ptr = 0;
  b.len = 0;
  b.cap = 0;
}

/** Copies n bytes; short copies inline (a bulk memory.copy has a fixed call cost in engines). */
export function copyBytes(dst: usize, src: usize, n: usize): void {
  if (n > 64) {
    memory.copy(dst, src, n);
    return;
  }
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) store<u64>(dst + i, load<u64>(src + i));
  for (; i < n; i++) store<u8>(dst + i, load<u8>(src + i));
}
