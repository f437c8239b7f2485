/**
 * JavaScript errors → Lambda errors: a type, a message and stack frames parsed from V8's stack text.
 *
 * @module
 */

import { isUserFrame, parseFrame, type StackFrame, userStack } from "./_handler_error.ts";

export { type StackFrame, userStack };

/** An error as Lambda reports it. */
export interface LambdaError {
  /** The error type: an `Error`'s name (`TypeError`, a custom class's name), else the JS type. */
  type: string;
  /** The message. */
  message: string;
  /** Frames from the stack, innermost first. */
  stackTrace: StackFrame[];
  /** True when the process must exit after reporting (uncaught exception, unhandled rejection). */
  shouldExit: boolean;
}

/**
 * Turns anything thrown into a {@linkcode LambdaError}.
 *
 * - An `Error` (or an object with string `name`, `message` and `stack`): `type` is its `name`, or its
 *   class name when a subclass left `name` as `"Error"`; frames come from `stack`, the user's only
 *   (the runtime's and Deno's own are cut; {@linkcode errorStack} gives the same as text).
 * - Anything else: `type` is its JS type (`"string"`, `"number"`, `"object"`, `"null"`, …) and
 *   `message` its text (JSON for plain objects and arrays); no frames.
 *
 * Never throws, even for values whose getters throw.
 *
 * @param thrown What was thrown.
 * @param shouldExit Whether the process must exit after reporting it.
 * @returns The Lambda error.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toLambdaError } from "./errors.ts";
 * const e = toLambdaError(new RangeError("too big"));
 * assert.deepEqual([e.type, e.message, e.shouldExit], ["RangeError", "too big", false]);
 * ```
 */
export function toLambdaError(thrown: unknown, shouldExit = false): LambdaError {
  try {
    if (isErrorLike(thrown)) {
      const stack = typeof thrown.stack === "string" ? userStack(thrown.stack) : undefined;
      const error: LambdaError = {
        type: errorType(thrown),
        message: String(thrown.message),
        stackTrace: stack === undefined ? [] : parseStack(stack).filter(isUserFrame),
        shouldExit,
      };
      if (stack !== undefined) stacks.set(error, stack);
      return error;
    }
    return {
      type: thrown === null ? "null" : typeof thrown,
      message: text(thrown),
      stackTrace: [],
      shouldExit,
    };
  } catch {
    return {
      type: "Runtime.UnknownError",
      message: "The handler threw a value whose name, message or stack could not be read",
      stackTrace: [],
      shouldExit,
    };
  }
}

const stacks = new WeakMap<LambdaError, string>();

/**
 * The stack text of the error a {@linkcode toLambdaError} call returned, as V8 wrote it (first
 * line `Type: message`, then `    at label (file:///path:line:column)` lines) with the same frames
 * as its `stackTrace`: the user's only. One format for every error the runtime reports.
 *
 * @param error A Lambda error.
 * @returns The text, or undefined when the thrown value had no stack (or `error` was not made by
 *   `toLambdaError`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { errorStack, toLambdaError } from "./errors.ts";
 * const e = toLambdaError(new RangeError("too big"));
 * assert.equal(errorStack(e)?.split("\n")[0], "RangeError: too big");
 * ```
 */
export function errorStack(error: LambdaError): string | undefined {
  return stacks.get(error);
}

function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === "string" && typeof v.message === "string" && typeof v.stack === "string";
}

function errorType(error: Error): string {
  const name = typeof error.name === "string" && error.name !== "" ? error.name : "Error";
  if (name !== "Error") return name;
  const ctor = (error as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === "string" && ctor.name !== "" ? ctor.name : name;
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) {
    try {
      const json = JSON.stringify(value);
      if (
        json !== undefined &&
        (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)
      ) {
        return json;
      }
    } catch {
      // cycles, BigInt: fall through to String()
    }
  }
  return String(value);
}

/**
 * Parses V8's stack text (`error.stack`) into frames. Lines that are not frames (the first line
 * with the message, continuation lines of a multi-line message) are skipped; `file:` URLs become
 * paths.
 *
 * @param stack The stack text.
 * @returns The frames, innermost first.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseStack } from "./errors.ts";
 * const [frame] = parseStack("Error: x\n    at handler (file:///app/main.ts:3:9)");
 * assert.deepEqual(frame, { path: "/app/main.ts", line: 3, label: "handler" });
 * ```
 */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const raw of stack.split("\n")) {
    const frame = parseFrame(raw);
    if (frame !== undefined) frames.push(frame);
  }
  return frames;
}
