/**
 * How a request id goes back into a Runtime API path ({@linkcode requestIdSegment}).
 *
 * @module
 */

/**
 * The path segment that carries a request id back: percent-encoded (`/`, `?`, `%`, spaces and
 * non-ASCII escaped, its UTF-8 bytes), so that each id maps to exactly one segment. `.` and `..`
 * would be dot segments (servers resolve them, and `%2E` is a dot too, RFC 3986 §6.2.2.2), and the
 * empty id no segment: those are refused.
 *
 * @param requestId The request id.
 * @returns The segment.
 * @throws {RangeError} For `""`, `"."` and `".."`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { requestIdSegment } from "./_request_id.ts";
 * assert.equal(requestIdSegment("../../init/error"), "..%2F..%2Finit%2Ferror");
 * assert.equal(requestIdSegment("id é"), "id%20%C3%A9");
 * assert.throws(() => requestIdSegment(".."), RangeError);
 * ```
 */
export function requestIdSegment(requestId: string): string {
  if (requestId === "" || requestId === "." || requestId === "..") {
    throw new RangeError(
      `request id ${JSON.stringify(requestId)} cannot be a path segment of the Runtime API`,
    );
  }
  return encodeURIComponent(requestId);
}
