/**
 * Hand-built hostile gob streams for nesting depth: a recursive struct nested `depth` levels, and a
 * chain of `depth` distinct slice types holding one value nested `depth` levels. Used to check that
 * nesting beyond what the WASM or JavaScript stack holds is a `GobError`, never a trap or a
 * `RangeError`.
 *
 * @module
 */
import { encodeUint } from "./frames.ts";

function gobInt(i: number): number[] {
  return encodeUint(i < 0 ? (~i << 1) | 1 : i << 1);
}

function message(body: number[]): number[] {
  return [...encodeUint(body.length), ...body];
}

/**
 * `type List struct { V int; Next *List }` (id 65) and one value nested `depth` levels.
 * @param depth nesting (≥ 1)
 * @returns the stream
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deepStructs } from "./deep.ts";
 * assert.equal(deepStructs(1).length, 41);
 * ```
 */
export function deepStructs(depth: number): Uint8Array {
  // wireType{StructT: {CommonType{Name: "List", Id: 65}, Field: [{V, int}, {Next, 65}]}}
  const def = [
    0xff,
    0x81,
    0x03,
    0x01,
    0x01,
    0x04,
    0x4c,
    0x69,
    0x73,
    0x74,
    0x01,
    0xff,
    0x82,
    0x00,
    0x01,
    0x02,
    0x01,
    0x01,
    0x56,
    0x01,
    0x04,
    0x00,
    0x01,
    0x04,
    0x4e,
    0x65,
    0x78,
    0x74,
    0x01,
    0xff,
    0x82,
    0x00,
    0x00,
    0x00,
  ];
  const body: number[] = [0xff, 0x82];
  for (let i = 0; i < depth - 1; i++) body.push(0x01, 0x02, 0x01);
  body.push(0x01, 0x02, 0x00);
  for (let i = 0; i < depth - 1; i++) body.push(0x00);
  return new Uint8Array([...message(def), ...message(body)]);
}

/**
 * Types 65…65+depth-1 where each is a slice of the next (the last of int), and one value of type 65
 * with one element at every level.
 * @param depth nesting (≥ 1)
 * @returns the stream
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deepSlices } from "./deep.ts";
 * assert.equal(deepSlices(2).length > 0, true);
 * ```
 */
export function deepSlices(depth: number): Uint8Array {
  const out: number[] = [];
  for (let k = 0; k < depth; k++) {
    const id = 65 + k, elem = k === depth - 1 ? 2 : 66 + k;
    // wireType{SliceT: {CommonType{Id: id}, Elem: elem}}
    out.push(
      ...message([
        ...gobInt(-id),
        0x02,
        0x01,
        0x02,
        ...gobInt(id),
        0x00,
        0x01,
        ...gobInt(elem),
        0x00,
        0x00,
      ]),
    );
  }
  const v: number[] = [...gobInt(65), 0x00];
  for (let k = 0; k < depth; k++) v.push(0x01);
  v.push(0x02); // the innermost int: 1
  out.push(...message(v));
  return new Uint8Array(out);
}
