/**
 * Limits on what a gob stream may make the codec do (message size, nesting, element counts), with
 * their defaults; shared by the decoder and the encoder.
 *
 * @module
 */

/** Limits on what a stream may make the codec do. */
export interface GobLimits {
  /** Largest message accepted, bytes (default 64 MiB, at most 256 MiB). */
  maxMessageBytes?: number;
  /** Deepest nesting of composite values (default 1000; values above 2000 act as 2000). */
  maxDepth?: number;
  /** Most elements in one slice, array, map or struct definition (default 16 Mi). */
  maxElements?: number;
}

/** Default limits. */
export const DEFAULT_LIMITS: Readonly<Required<GobLimits>> = Object.freeze({
  maxMessageBytes: 64 * 1024 * 1024,
  maxDepth: 1000,
  maxElements: 16 * 1024 * 1024,
});

function limit(name: string, v: number | undefined, def: number, max: number): number {
  if (v === undefined) return def;
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new RangeError(`limits.${name} must be an integer in 1..${max}, got ${v}`);
  }
  return v;
}

/** Resolves limits against the defaults. */
export function resolveLimits(l?: GobLimits): Required<GobLimits> {
  return {
    maxMessageBytes: limit(
      "maxMessageBytes",
      l?.maxMessageBytes,
      DEFAULT_LIMITS.maxMessageBytes,
      2 ** 28, // a message's tape and buffers must stay within the engine's 512 MiB per buffer
    ),
    maxDepth: limit("maxDepth", l?.maxDepth, DEFAULT_LIMITS.maxDepth, 100_000),
    maxElements: limit("maxElements", l?.maxElements, DEFAULT_LIMITS.maxElements, 2 ** 31 - 1),
  };
}
