/**
 * `gob encode`: JSON lines → one gob stream of values of a Go type.
 *
 * @module
 */

import { GobEncoder } from "../mod.ts";
import {
  type GoDecls,
  goSchema,
  type GoType,
  jsonToValue,
  parseGoTypes,
  parseJsonExact,
} from "../go/mod.ts";
import { type ByteWriter, writeAll } from "./_io.ts";

const ROOT = "__gob_root__";

/**
 * Resolves `--type`: a declared name, or a type expression over the declarations
 * (e.g. `[]T` or `map[string]int`).
 *
 * @param declsSrc Go declarations.
 * @param type A type name or expression.
 * @returns The declarations (with the expression declared under a private name) and the type.
 * @throws {TypeError} (`GoSyntaxError`) for bad declarations or an unknown type.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const { type } = resolveRootType("type P struct { X int }", "[]P");
 * assert.ok(type.kind === "named");
 * ```
 */
export function resolveRootType(declsSrc: string, type: string): { decls: GoDecls; type: GoType } {
  const decls = parseGoTypes(declsSrc);
  if (decls.has(type)) {
    const d = decls.get(type)!;
    return { decls, type: { kind: "named", name: type, line: d.line, column: d.column } };
  }
  if (
    /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(type) &&
    !/^(u?int(8|16|32|64)?|uintptr|float(32|64)|complex(64|128)|string|bool|byte|rune|any)$/.test(
      type,
    )
  ) {
    const names = [...decls.keys()];
    throw new TypeError(
      `--type ${type}: no such type in the declarations${
        names.length ? ` (declared: ${names.join(", ")})` : ""
      }`,
    );
  }
  let all: GoDecls;
  try {
    all = parseGoTypes(`${declsSrc}\ntype ${ROOT} ${type}\n`);
  } catch (e) {
    throw new TypeError(`--type ${JSON.stringify(type)}: ${(e as Error).message}`);
  }
  const d = all.get(ROOT)!;
  return { decls: all, type: { kind: "named", name: ROOT, line: d.line, column: d.column } };
}

/** Options of {@linkcode encodeJsonLines}. */
export interface EncodeOptions {
  /** Go declarations (source text). */
  decls: string;
  /** The root type: a declared name or a type expression. */
  type: string;
}

/**
 * Encodes each non-blank JSON line as one value of the root type into one gob stream, written as
 * it goes (type definitions once, then one message per value — what one Go `gob.Encoder` writes).
 *
 * @param lines The JSON lines.
 * @param out Where the stream goes.
 * @param options Declarations and root type.
 * @returns The number of values written.
 * @throws {TypeError} For bad declarations, JSON of the wrong shape, or invalid JSON (the message
 *   names the line).
 * @throws {RangeError} For a number out of range for its Go type.
 * @example
 * ```ts ignore
 * import { readLines } from "./_io.ts";
 * await encodeJsonLines(readLines(Deno.stdin.readable), Deno.stdout, { decls: "", type: "int" });
 * ```
 */
export async function encodeJsonLines(
  lines: AsyncIterable<string>,
  out: ByteWriter,
  options: EncodeOptions,
): Promise<number> {
  const { decls, type } = resolveRootType(options.decls, options.type);
  const schema = goSchema(decls, type);
  const enc = new GobEncoder();
  let n = 0;
  let lineNo = 0;
  // Batch small messages into writes of ≥ 64 KiB.
  let pending: Uint8Array[] = [];
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    const all = new Uint8Array(size);
    let off = 0;
    for (const p of pending) {
      all.set(p, off);
      off += p.length;
    }
    pending = [];
    size = 0;
    await writeAll(out, all);
  };
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === "") continue;
      try {
        enc.encode(schema, jsonToValue(parseJsonExact(line), { decls, type }));
      } catch (e) {
        const err = e as Error;
        err.message = `stdin line ${lineNo}: ${err.message}`;
        await flush(); // the values before the bad line still go out
        throw err;
      }
      const bytes = enc.take().slice();
      pending.push(bytes);
      size += bytes.length;
      n++;
      if (size >= 1 << 16) await flush();
    }
    await flush();
  } finally {
    enc.free();
  }
  return n;
}
