// Internal helpers: field paths and value descriptions for error messages.

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends an object key to a path: `a.b`, or `a["b-c"]` when the key is not an identifier. */
export function keyPath(path: string, key: string): string {
  if (IDENT.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Appends an array index to a path: `a[3]`. */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** Describes a JSON value briefly: `"abc"`, `12`, `null`, `an array`, `an object`. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    const s = JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
    return s;
  }
  return String(value);
}

const PATH = Symbol("path");
const DETAIL = Symbol("detail");
type Pathed = Error & { [PATH]: string; [DETAIL]: string };

function pathed<E extends Error>(e: E, path: string, detail: string): E {
  const p = e as E & Pathed;
  p[PATH] = path;
  p[DETAIL] = detail;
  p.message = `${path || "<root>"}: ${detail}`;
  return e;
}

/** A TypeError naming the path (or `<root>`) and what was expected. */
export function shapeError(path: string, expected: string, got: unknown): TypeError {
  return pathed(new TypeError(), path, `expected ${expected}, got ${describe(got)}`);
}

/** A TypeError naming the path (or `<root>`) with a message of its own. */
export function typeError(path: string, detail: string): TypeError {
  return pathed(new TypeError(), path, detail);
}

/** A RangeError naming the path (or `<root>`). */
export function rangeError(path: string, detail: string): RangeError {
  return pathed(new RangeError(), path, detail);
}

/**
 * Puts a path segment (`key`, `["a-b"]` or `[3]`, as from `keyPath("", …)`/`indexPath("", …)`) in
 * front of the path of an error made by `shapeError`/`rangeError`, and rewrites its message; other
 * errors pass unchanged. Decoders build paths this way only when something fails.
 */
export function prefixError(e: unknown, segment: string): unknown {
  if (e instanceof Error && PATH in e) {
    const p = e as Pathed;
    const rest = p[PATH];
    pathed(
      p,
      rest === "" ? segment : rest[0] === "[" ? segment + rest : `${segment}.${rest}`,
      p[DETAIL],
    );
  }
  return e;
}

/**
 * Whether a struct's unknown JSON key is dropped instead of kept: `__proto__` and the names of
 * `Object.prototype`'s properties (`constructor`, `toString`, …). No AWS event has such a member,
 * Go's `encoding/json` drops every unknown key anyway, and a decoded event object must never carry
 * them. Keys of map-typed values are data and are all kept.
 */
export function isReservedKey(key: string): boolean {
  return key === "__proto__" || Object.hasOwn(Object.prototype, key);
}

/** Sets an own enumerable property, also for the key `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
