/**
 * `GobError`: a corrupt or unsupported gob stream, with the byte offset in the stream and the
 * type id involved.
 *
 * @module
 */

/**
 * Raised for corrupt gob data (never for "need more bytes", which is a state).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GobError } from "./error.ts";
 * const e = new GobError("unknown type id 70", 14, 70);
 * assert.equal(e.message, "Cannot decode gob at byte 14 (type id 70): unknown type id 70");
 * ```
 */
export class GobError extends Error {
  /** Byte offset in the stream where the problem was found. */
  readonly offset: number;
  /** Type id involved, when known. */
  readonly typeId?: number;
  /** What failed, without the offset and type id (Go's own text where we follow Go's). */
  readonly detail: string;

  /**
   * Creates a GobError; the message names the offset and type id.
   *
   * @param detail what failed
   * @param offset byte offset in the stream
   * @param typeId type id involved, if any
   */
  constructor(detail: string, offset: number, typeId?: number) {
    super(
      `Cannot decode gob at byte ${offset}${
        typeId !== undefined && typeId !== 0 ? ` (type id ${typeId})` : ""
      }: ${detail}`,
    );
    this.name = "GobError";
    this.detail = detail;
    this.offset = offset;
    if (typeId !== undefined && typeId !== 0) this.typeId = typeId;
  }
}

/** Messages for the engine's error codes (assembly/consts.ts). */
export const ERROR_TEXT: Readonly<Record<number, string>> = {
  1: "value runs past the end of its message",
  2: "invalid uint length byte",
  3: "bool value is not 0 or 1",
  4: "unknown type id",
  5: "struct field number out of range",
  6: "non-zero field delta for a singleton value",
  7: "array length does not match its type",
  8: "nesting deeper than the depth limit",
  9: "element count over the limit or the remaining bytes",
  10: "message length over the size limit",
  11: "invalid type id in a type definition (below 64, too large, or redefined)",
  12: "type definition sets no variant or several",
  13: "extra bytes after a type definition",
  14: "interface type name longer than 1024 bytes",
  15: "zero-length message",
  16: "out of codec memory",
  17: "value message with an unknown or invalid type id",
  18: "integer in a type definition out of range",
};
