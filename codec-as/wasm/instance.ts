/**
 * The one place that touches the gob.wasm exports: the instance, its constants (mirroring
 * `assembly/consts.ts`), and views of its memory that are re-taken whenever memory has grown.
 *
 * @module
 */
import * as w from "../gob.wasm";

/** Raw exports of gob.wasm. */
export const wasm = w;

/** Type kinds, as in assembly/consts.ts (also the tape record kinds). */
export const K = {
  BOOL: 1,
  INT: 2,
  UINT: 3,
  FLOAT: 4,
  BYTES: 5,
  STRING: 6,
  COMPLEX: 7,
  IFACE: 8,
  ARRAY: 9,
  SLICE: 10,
  STRUCT: 11,
  MAP: 12,
  GOBENC: 13,
  BINARY: 14,
  TEXT: 15,
} as const;

/** Tape flag: a string that is not valid UTF-8 (lo = pointer, hi = byte length). */
export const F_RAW = 0x100;

/** Statuses returned by decNext / encRun. */
export const S = { OK: 0, MORE: 1, ERROR: 2, HOLE: 3 } as const;

/** Encoder op codes, as in assembly/encode.ts. */
export const O = {
  UINT: 1,
  INT: 2,
  UNUM: 3,
  INUM: 4,
  FLOAT: 5,
  BYTES: 6,
  OPEN: 7,
  CLOSE: 8,
  FLUSH: 9,
  SMALL: 10,
  EXTERN: 11,
} as const;

let buffer = w.memory.buffer as ArrayBuffer;
let u8v = new Uint8Array(buffer);
let i32v = new Int32Array(buffer);
let u32v = new Uint32Array(buffer);
let f64v = new Float64Array(buffer);
let i64v = new BigInt64Array(buffer);

function refresh(): void {
  buffer = w.memory.buffer as ArrayBuffer;
  u8v = new Uint8Array(buffer);
  i32v = new Int32Array(buffer);
  u32v = new Uint32Array(buffer);
  f64v = new Float64Array(buffer);
  i64v = new BigInt64Array(buffer);
}

/** Views of the whole WASM memory, current after any growth. */
export interface MemoryViews {
  u8: Uint8Array;
  i32: Int32Array;
  u32: Uint32Array;
  f64: Float64Array;
  i64: BigInt64Array;
}

const views: MemoryViews = { u8: u8v, i32: i32v, u32: u32v, f64: f64v, i64: i64v };

/** Returns the memory views, re-taken when memory has grown since the last call. */
export function mem(): MemoryViews {
  // Growing a (non-shared) WebAssembly.Memory detaches its old buffer, so a zero-length view
  // means "re-take": cheaper than reading memory.buffer on every call.
  if (u8v.length === 0) {
    refresh();
    views.u8 = u8v;
    views.i32 = i32v;
    views.u32 = u32v;
    views.f64 = f64v;
    views.i64 = i64v;
  }
  return views;
}

/** The memory's current ArrayBuffer. */
export function memoryBuffer(): ArrayBuffer {
  if (u8v.length === 0) mem();
  return buffer;
}
