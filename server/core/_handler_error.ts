// Internal: which stack frames are the user's. Every error the runtime reports (a handler's, an
// uncaught one, an init failure, a log record's) keeps the user's frames only: the runtime's own
// (`server/`, `http/`) and Deno's (`ext:`, `node:`, builtins such as `Promise.all (index 0)`) are
// cut, wherever they are in the stack.

/** One stack frame, as Lambda's `InvokeResponse_Error_StackFrame` carries it. */
export interface StackFrame {
  /** The file (a path for `file:` URLs, the URL otherwise, `<anonymous>` / `native` as V8 says). */
  path: string;
  /** 1-based line number; 0 when V8 gave none. */
  line: number;
  /** The function label as V8 printed it (`Foo.bar`, `async handler`, `new Thing`, `<anonymous>`). */
  label: string;
}

// `    at label (location)` or `    at location`; location = `path:line:col`, `path:line`, or a word.
const FRAME = /^\s*at (?:(.+?) \((.*)\)|(async )?(.*))$/;
const LOCATION = /^(.*?)(?::(\d+))?(?::(\d+))?$/;

/** One line of V8's stack text as a frame, or undefined when it is not a frame line. */
export function parseFrame(raw: string): StackFrame | undefined {
  const m = FRAME.exec(raw);
  if (m === null) return undefined;
  // `at async file:///a.ts:1:2` is an anonymous async frame, not a path starting with "async ".
  const label = m[1] ?? (m[3] === undefined ? "" : "async <anonymous>");
  let location = m[2] ?? m[4] ?? "";
  // `eval at f (file:///a.ts:1:2), <anonymous>:1:1`: keep the evaluated code's position.
  const evalAt = location.lastIndexOf("), ");
  if (location.startsWith("eval at ") && evalAt !== -1) location = location.slice(evalAt + 3);
  const loc = LOCATION.exec(location);
  const path = loc?.[1] ?? location;
  const line = loc?.[2] !== undefined ? Number(loc[2]) : 0;
  return { path: toPath(path), line, label: label === "" ? "<anonymous>" : label };
}

function toPath(location: string): string {
  if (!location.startsWith("file://")) return location;
  try {
    return decodeURIComponent(new URL(location).pathname);
  } catch {
    return location;
  }
}

// Where the runtime's modules are, as stack frames name them: read off a frame of this very file,
// so that it holds from source, from a URL, in a `deno compile` binary and in a packaged bundle
// (whose source map names the original modules). Found when first needed, not at import: formatting a
// stack costs a start-up that reports no error a few milliseconds.
const SELF = "server/core/_handler_error.ts";
let runtimeDirs: string[] | undefined;

function findRuntimeDirs(): string[] {
  // by now user code may have set Error.stackTraceLimit (to 0, even)
  const limits = Error as { stackTraceLimit?: number };
  const limit = limits.stackTraceLimit;
  limits.stackTraceLimit = 10;
  let stack: string;
  try {
    stack = new Error().stack ?? "";
  } finally {
    limits.stackTraceLimit = limit;
  }
  const here = stack.split("\n").map(parseFrame).find((f) => f !== undefined);
  const root = here !== undefined && here.path.endsWith(SELF)
    ? here.path.slice(0, -SELF.length)
    : decodeURIComponent(new URL("../../", import.meta.url).pathname);
  return [`${root}server/`, `${root}http/`];
}

const WITH_LOCATION = /^(\/|[a-z][a-z0-9+.-]*:\/\/)/i;

/**
 * Whether a frame is the user's: not the runtime's (its `_test.ts` files excepted: their
 * handlers are users'), not Deno's own code, not a builtin without a location.
 */
export function isUserFrame(frame: StackFrame): boolean {
  const path = frame.path;
  if (path.startsWith("ext:") || path.startsWith("node:") || path === "native") return false;
  if (frame.line === 0 && !WITH_LOCATION.test(path)) return false;
  runtimeDirs ??= findRuntimeDirs();
  return !runtimeDirs.some((dir) => path.startsWith(dir)) || path.endsWith("_test.ts");
}

/**
 * V8's stack text with the frame lines that are not the user's removed (the `Type: message` lines
 * and the user's frame lines kept as they are).
 */
export function userStack(stack: string): string {
  return stack.split("\n").filter((line) => {
    const frame = /^\s+at /.test(line) ? parseFrame(line) : undefined;
    return frame === undefined || isUserFrame(frame);
  }).join("\n");
}
