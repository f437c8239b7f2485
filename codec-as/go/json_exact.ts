/**
 * A JSON parser that keeps numbers as their source text (so 64-bit integers stay exact) and
 * objects as ordered key/value lists (so duplicate keys and order are visible, as Go sees them).
 *
 * @module
 */

/** A JSON number, kept as its text. */
export class JsonNumber {
  /**
   * Wraps a number's text.
   *
   * @param text The number exactly as written in the JSON source.
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * assert.ok(new JsonNumber("18446744073709551615").text.length === 20);
   * ```
   */
  constructor(readonly text: string) {}
}

/** A JSON object as its members in source order. */
export class JsonObject {
  /**
   * Wraps an object's members.
   *
   * @param entries The members, in order, duplicates kept.
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * assert.ok(new JsonObject([["a", null]]).entries.length === 1);
   * ```
   */
  constructor(readonly entries: [string, JsonValue][]) {}
}

/** A parsed JSON value. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// deno-lint-ignore no-control-regex -- JSON forbids raw control characters in strings
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WS = /[ \t\n\r]*/y;

/**
 * Parses one JSON text.
 *
 * @param text JSON source.
 * @returns The value, numbers as {@linkcode JsonNumber}, objects as {@linkcode JsonObject}.
 * @throws {SyntaxError} With the character offset of the first error.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const v = parseJsonExact('{"n": 9007199254740993}') as JsonObject;
 * assert.ok((v.entries[0][1] as JsonNumber).text === "9007199254740993");
 * ```
 */
export function parseJsonExact(text: string): JsonValue {
  let i = 0;
  const fail = (msg: string): never => {
    throw new SyntaxError(`JSON at offset ${i}: ${msg}`);
  };
  const ws = () => {
    WS.lastIndex = i;
    WS.test(text);
    i = WS.lastIndex;
  };
  const str = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) fail("invalid string");
    i = STRING.lastIndex;
    return JSON.parse(m![0]);
  };
  const value = (depth: number): JsonValue => {
    if (depth > 10_000) fail("nested too deeply");
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const entries: [string, JsonValue][] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return new JsonObject(entries);
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected object key");
        const k = str();
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        entries.push([k, value(depth + 1)]);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return new JsonObject(entries);
        } else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const items: JsonValue[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return items;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) {
      return fail(c === undefined ? "unexpected end of input" : `unexpected ${JSON.stringify(c)}`);
    }
    i = NUMBER.lastIndex;
    return new JsonNumber(m[0]);
  };
  const v = value(0);
  ws();
  if (i < text.length) fail("unexpected data after the value");
  return v;
}
