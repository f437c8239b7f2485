/**
 * JavaScript errors → Lambda errors: a type, a message and stack frames parsed from V8's stack text.
 *
 * @module
 */

/** One stack frame, as Lambda's `InvokeResponse_Error_StackFrame` carries it. */
export interface StackFrame {
  /** The file (a path for `file:` URLs, the URL otherwise, `<anonymous>` / `native` as V8 says). */
  path: string;
  /** 1-based line number; 0 when V8 gave none. */
  line: number;
  /** The function label as V8 printed it (`Foo.bar`, `async handler`, `new Thing`, `<anonymous>`). */
  label: string;
}

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
 *   class name when a subclass left `name` as `"Error"`; frames come from `stack`.
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
 * import { toLambdaError } from "./errors.ts";
 * const e = toLambdaError(new RangeError("too big"));
 * console.log(e.type, e.message, e.stackTrace.length > 0); // RangeError too big true
 * ```
 */
export function toLambdaError(thrown: unknown, shouldExit = false): LambdaError {
  try {
    if (isErrorLike(thrown)) {
      return {
        type: errorType(thrown),
        message: String(thrown.message),
        stackTrace: typeof thrown.stack === "string" ? parseStack(thrown.stack) : [],
        shouldExit,
      };
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

// `    at label (location)` or `    at location`; location = `path:line:col`, `path:line`, or a word.
const FRAME = /^\s*at (?:(.+?) \((.*)\)|(async )?(.*))$/;
const LOCATION = /^(.*?)(?::(\d+))?(?::(\d+))?$/;

/**
 * Parses V8's stack text (`error.stack`) into frames. Lines that are not frames (the first line
 * with the message, continuation lines of a multi-line message) are skipped; `file:` URLs become
 * paths.
 *
 * @param stack The stack text.
 * @returns The frames, innermost first.
 * @example
 * ```ts
 * import { parseStack } from "./errors.ts";
 * const [frame] = parseStack("Error: x\n    at handler (file:///app/main.ts:3:9)");
 * console.log(frame); // { path: "/app/main.ts", line: 3, label: "handler" }
 * ```
 */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const raw of stack.split("\n")) {
    const m = FRAME.exec(raw);
    if (m === null) continue;
    // `at async file:///a.ts:1:2` is an anonymous async frame, not a path starting with "async ".
    const label = m[1] ?? (m[3] === undefined ? "" : "async <anonymous>");
    let location = m[2] ?? m[4] ?? "";
    // `eval at f (file:///a.ts:1:2), <anonymous>:1:1`: keep the evaluated code's position.
    const evalAt = location.lastIndexOf("), ");
    if (location.startsWith("eval at ") && evalAt !== -1) location = location.slice(evalAt + 3);
    const loc = LOCATION.exec(location);
    const path = loc?.[1] ?? location;
    const line = loc?.[2] !== undefined ? Number(loc[2]) : 0;
    frames.push({ path: toPath(path), line, label: label === "" ? "<anonymous>" : label });
  }
  return frames;
}

function toPath(location: string): string {
  if (!location.startsWith("file://")) return location;
  try {
    return decodeURIComponent(new URL(location).pathname);
  } catch {
    return location;
  }
}
