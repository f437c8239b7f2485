// Internal: the engine's per-stream record (DecStream in assembly/stream.ts) as JavaScript reads
// it: field offsets, where in the stream a message starts, and the error the engine reports.
import { ERROR_TEXT, GobError } from "../error.ts";
import { mem } from "../wasm/mod.ts";

// DecStream field offsets (assembly/stream.ts), in int32 units
export const F_TAPE = 2,
  F_ARENA = 3,
  F_NTYPES = 6,
  F_RESULT = 10,
  F_ERR = 11,
  F_ERRPOS = 12,
  F_ERRTYPE = 13;
export const F_BASELO = 14, F_BASEHI = 15, F_MSGSTART = 16, F_UNITS = 17, F_HOLETO = 21;

/** Stream offset of the first byte the stream `h` still buffers. */
function base(h: number): number {
  const i = mem().i32, b = h >>> 2;
  return (i[b + F_BASEHI] >>> 0) * 4294967296 + (i[b + F_BASELO] >>> 0);
}

/** Stream offset of the message the stream `h` is at (for errors). */
export function messageOffset(h: number): number {
  return base(h) + (mem().i32[(h >>> 2) + F_MSGSTART] >>> 0);
}

/** The error the engine reported for the stream `h`, at its stream offset and type id. */
export function engineError(h: number): GobError {
  const i = mem().i32, b = h >>> 2;
  const code = i[b + F_ERR];
  const at = base(h) + (i[b + F_ERRPOS] >>> 0);
  return new GobError(ERROR_TEXT[code] ?? `error ${code}`, at, i[b + F_ERRTYPE]);
}
