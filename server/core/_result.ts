// Internal: a handler's result as the response payload — raw bytes, or JSON written with
// `JSON.stringify` or, for large results, with their large strings as their own bytes — and the
// failures that are results too (`Runtime.MarshalError` and the like).
import { type JsonParts, jsonParts, jsonPartsBytes, LARGE_STRING } from "./_json_result.ts";
import type { InvocationResult, InvokeOptions } from "./invocation.ts";

const encoder = new TextEncoder();

/**
 * Whether the last JSON result was large: a function whose results are large looks for large
 * strings in the next one too, even when its event is small.
 */
let largeResults = false;

/** Whether the last JSON result was large (see above). */
export function resultsWereLarge(): boolean {
  return largeResults;
}

/**
 * The handler's result as the response payload: raw bytes, or JSON. With `large` (a large event
 * or large results before), the result's large strings are written as their own bytes instead of
 * through `JSON.stringify` (json_result.ts); small invocations do not even look. `plain` holds the
 * event's long strings, known to need no escaping.
 */
export function shape<E>(
  value: unknown,
  options: InvokeOptions<E>,
  large: boolean,
  plain: readonly string[] | undefined,
): InvocationResult {
  if (options.raw === true) return rawResult(value);
  let json: string | JsonParts | undefined;
  try {
    const shaped = options.encode === undefined
      ? value
      : (options.encode as (result: unknown) => unknown)(value);
    if (large) json = jsonParts(shaped, plain);
    json ??= JSON.stringify(shaped);
  } catch (e) {
    return failure(
      "Runtime.MarshalError",
      `Could not serialise the handler's result as JSON: ${message(e)}`,
    );
  }
  json ??= "null";
  const payload = options.serialize !== undefined
    ? options.serialize(json)
    : typeof json === "string"
    ? encoder.encode(json)
    : jsonPartsBytes(json);
  largeResults = payload.length >= LARGE_STRING;
  return { ok: true, payload };
}

/** A raw handler's result as the response bytes, or `Runtime.MarshalError` for anything else. */
function rawResult(value: unknown): InvocationResult {
  if (value instanceof Uint8Array) return { ok: true, payload: value };
  if (typeof value === "string") return { ok: true, payload: encoder.encode(value) };
  if (value instanceof ArrayBuffer) return { ok: true, payload: new Uint8Array(value) };
  if (ArrayBuffer.isView(value)) {
    return { ok: true, payload: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) };
  }
  if (value === undefined || value === null) return { ok: true, payload: new Uint8Array(0) };
  return failure(
    "Runtime.MarshalError",
    `A raw handler must return a Uint8Array, ArrayBuffer, string, null or undefined, got ${
      typeof value === "object" ? Object.prototype.toString.call(value) : typeof value
    }`,
  );
}

export function failure(type: string, text: string): InvocationResult {
  return { ok: false, error: { type, message: text, stackTrace: [], shouldExit: false } };
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
