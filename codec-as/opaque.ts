/**
 * `GobOpaque`: how schema-less decoding hands out values of types with their own encoding.
 *
 * @module
 */
import type { MarshalerKind } from "./schema.ts";

/**
 * A GobEncoder / BinaryMarshaler / TextMarshaler value read without a schema
 * (`GobDecoder.nextAny`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GobOpaque } from "./opaque.ts";
 * const t = new GobOpaque("GobEncoder", "Time", new Uint8Array(15));
 * assert.equal(t.name, "Time");
 * ```
 */
export class GobOpaque {
  /** Which marshaler interface the sender's type implements. */
  readonly kind: MarshalerKind;
  /** The wire type's name (e.g. "Time" for time.Time). */
  readonly name: string;
  /** The marshaled bytes (a view into codec memory: copy to keep). */
  readonly bytes: Uint8Array;

  /**
   * Wraps marshaled bytes.
   *
   * @param kind marshaler kind
   * @param name wire type name
   * @param bytes the marshaled bytes
   */
  constructor(kind: MarshalerKind, name: string, bytes: Uint8Array) {
    this.kind = kind;
    this.name = name;
    this.bytes = bytes;
  }
}
