/**
 * Gob framing for structure-aware mutation: splits a stream into its messages (length prefix +
 * body) and writes them back with correct (or deliberately wrong) length prefixes.
 *
 * @module
 */

/** One message of a gob stream. */
export interface Frame {
  /** The body (type id and value / definition), without the length prefix. */
  body: Uint8Array;
}

/**
 * Reads a gob uint at `p`.
 * @param b the bytes
 * @param p where the uint starts
 * @returns `[value, next position]`, or undefined when cut short or invalid
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readUint } from "./frames.ts";
 * assert.deepEqual(readUint(new Uint8Array([0xfe, 0x01, 0x00]), 0), [256, 3]);
 * ```
 */
export function readUint(b: Uint8Array, p: number): [number, number] | undefined {
  if (p >= b.length) return undefined;
  const c = b[p];
  if (c < 0x80) return [c, p + 1];
  const n = 256 - c;
  if (n > 8 || p + 1 + n > b.length) return undefined;
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[p + 1 + i];
  return [v, p + 1 + n];
}

/**
 * Encodes a gob uint (minimal form).
 * @param v a non-negative integer (number or bigint up to 2^64-1)
 * @returns the bytes
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeUint } from "./frames.ts";
 * assert.deepEqual(encodeUint(256), [254, 1, 0]);
 * ```
 */
export function encodeUint(v: number | bigint): number[] {
  let x = BigInt(v);
  if (x < 128n) return [Number(x)];
  const out: number[] = [];
  while (x > 0n) {
    out.unshift(Number(x & 0xffn));
    x >>= 8n;
  }
  return [256 - out.length, ...out];
}

/**
 * Splits a stream into messages; bytes after the last complete message are the tail.
 * @param b a gob stream
 * @returns the messages and the unparsed tail
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitFrames } from "./frames.ts";
 * const { frames } = splitFrames(new Uint8Array([0x03, 0x04, 0x00, 0x06]));
 * assert.equal(frames.length, 1);
 * ```
 */
export function splitFrames(b: Uint8Array): { frames: Frame[]; tail: Uint8Array } {
  const frames: Frame[] = [];
  let p = 0;
  for (;;) {
    const u = readUint(b, p);
    if (u === undefined || u[0] === 0 || u[1] + u[0] > b.length) break;
    frames.push({ body: b.slice(u[1], u[1] + u[0]) });
    p = u[1] + u[0];
  }
  return { frames, tail: b.slice(p) };
}

/**
 * Writes messages back with length prefixes that match their bodies.
 * @param frames the messages
 * @param tail bytes appended after them
 * @returns the stream
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { joinFrames } from "./frames.ts";
 * assert.deepEqual(joinFrames([{ body: new Uint8Array([4, 0, 6]) }]), new Uint8Array([3, 4, 0, 6]));
 * ```
 */
export function joinFrames(
  frames: readonly Frame[],
  tail: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const parts: number[] = [];
  for (const f of frames) {
    parts.push(...encodeUint(f.body.length));
    for (const x of f.body) parts.push(x);
  }
  for (const x of tail) parts.push(x);
  return new Uint8Array(parts);
}

/**
 * True when a message body is a type definition (its leading int is negative).
 * @param body a message body
 * @returns whether it defines a type
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isTypeDef } from "./frames.ts";
 * assert.equal(isTypeDef(new Uint8Array([0xff, 0x81])), true); // id -65
 * ```
 */
export function isTypeDef(body: Uint8Array): boolean {
  const u = readUint(body, 0);
  return u !== undefined && (u[0] % 2) === 1;
}
