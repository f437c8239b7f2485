/**
 * The gob codec: Go's `encoding/gob` wire format, in AssemblyScript compiled to WebAssembly
 * (`gob.wasm`), with a streaming decoder and an encoder. General gob: it knows nothing of Lambda.
 *
 * JavaScript mapping (schema-less `nextAny`, and the types schemas stand for):
 *
 * | Go | JavaScript |
 * |---|---|
 * | bool | boolean |
 * | int*, uint* | number (`gob.int`…; GobError outside ±2^53-1), bigint (`gob.int64`, `gob.uint64`); `nextAny`: number when safe, else bigint |
 * | float32/64 | number |
 * | complex64/128 | [re, im] |
 * | string | string; bytes that are not UTF-8 become U+DC80..U+DCFF and encode back to the same bytes |
 * | []byte | Uint8Array, a view into codec memory valid until the next codec call |
 * | slice, array | Array |
 * | map | Map |
 * | struct | object with every field (absent → zero; `nextAny`: absent slices, maps, structs, []byte, interfaces → null) |
 * | pointer | the pointee; nil ↔ undefined (schemas) |
 * | interface | `{ name, value, typeId }` (typeId: the concrete value's wire type id, set when decoding) or null |
 * | GobEncoder / BinaryMarshaler / TextMarshaler | Uint8Array (schemas); `nextAny`: GobOpaque { kind, name, bytes } |
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert/strict";
 * import { GobDecoder, GobEncoder, gob } from "./mod.ts";
 * const Point = gob.struct("main.Point", { X: gob.int, Y: gob.int });
 * const enc = new GobEncoder();
 * enc.encode(Point, { X: 22, Y: 33 });
 * const dec = new GobDecoder();
 * dec.push(enc.take());
 * deepStrictEqual(dec.next(Point), { X: 22, Y: 33 });
 * ```
 * @module
 */
export { GobError } from "./error.ts";
export { GobDecoder, isCodecMemory } from "./decode/decoder.ts";
export { DEFAULT_LIMITS, type GobLimits } from "./decode/limits.ts";
export { GobEncoder } from "./encode/encoder.ts";
export {
  gob,
  type GobInterfaceValue,
  type Infer,
  type MarshalerKind,
  type Schema,
  type SchemaKind,
} from "./schema.ts";
export { BUILTIN_TYPES, type WireKind, type WireType } from "./wire_type.ts";
export { isReservedFieldName } from "./decode/_values.ts";
export { GobOpaque } from "./opaque.ts";
export { decodeGoString, encodeGoString } from "./strings.ts";
export { decodeTime, encodeTime, type GoTime, timeFromDate, timeToDate } from "./time.ts";
