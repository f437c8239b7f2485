/**
 * Go type declarations → codec schemas, for `gob encode --go`. Integers map to the schema of
 * their width (values are bigint: exact over the full range), floats to `gob.float`/`gob.float32`,
 * `[]byte` (any slice whose element's underlying type is uint8) to `gob.bytes`, `time.Time` to the
 * GobEncoder "time.Time", `interface{}` to `gob.interface`; recursion goes through `gob.lazy`.
 *
 * @module
 */

import { gob, type Schema } from "../mod.ts";

export type { Schema };
import { type GoDecls, GoSyntaxError, type GoType, underlying } from "./types.ts";
import { exportedFields, isBytes } from "./fields.ts";

/**
 * The codec schema of a Go type.
 *
 * @param decls The declarations named types refer to.
 * @param type The type, e.g. `{ kind: "named", name: "T", … }`.
 * @returns The schema; values have the shapes `jsonToValue` produces.
 * @throws {TypeError} For a type gob cannot carry (a struct recursive without indirection, an
 *   embedded `time.Time`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseGoTypes } from "./types.ts";
 * const decls = parseGoTypes("type T struct { A int; Next *T }");
 * const schema = goSchema(decls, { kind: "named", name: "T", line: 1, column: 1 });
 * assert.ok(schema !== undefined);
 * ```
 */
export function goSchema(decls: GoDecls, type: GoType): Schema<unknown> {
  return new Builder(decls).build(type, []);
}

class Builder {
  readonly done = new Map<string, Schema<unknown>>();
  constructor(readonly decls: GoDecls) {}

  /** `direct`: names being built whose value contains this one without indirection. */
  build(type: GoType, direct: string[]): Schema<unknown> {
    if (type.kind === "named") {
      const name = type.name;
      const ready = this.done.get(name);
      if (ready) return ready;
      if (direct.includes(name)) {
        throw new GoSyntaxError(`invalid recursive type ${name}`, type.line, type.column);
      }
      if (this.building.has(name)) {
        return gob.lazy(() => this.done.get(name)!) as Schema<unknown>;
      }
      this.building.add(name);
      const decl = this.decls.get(name)!;
      const inner = [...direct, name];
      const s = decl.type.kind === "named"
        ? this.build(decl.type, inner)
        : this.unnamed(decl.type, inner, name);
      this.building.delete(name);
      this.done.set(name, s);
      return s;
    }
    return this.unnamed(type, direct);
  }

  readonly building = new Set<string>();

  unnamed(t: Exclude<GoType, { kind: "named" }>, direct: string[], name?: string): Schema<unknown> {
    switch (t.kind) {
      case "scalar":
        return scalarSchema(t.name);
      case "time":
        return gob.marshaler("time.Time", "GobEncoder", { isZero: isZeroTime }) as Schema<unknown>;
      case "interface":
        return gob.interface as Schema<unknown>;
      case "ptr":
        // Go checks a GobEncoder field for zero through the pointer: a non-nil *time.Time to
        // the zero time is sent (and decodes non-nil), so the pointee is never "zero" here.
        if (underlying(this.decls, t.elem).kind === "time") {
          return gob.ptr(
            gob.marshaler("time.Time", "GobEncoder", { isZero: () => false }),
          ) as Schema<
            unknown
          >;
        }
        return gob.ptr(this.build(t.elem, [])) as Schema<unknown>;
      case "slice":
        if (isBytes(t.elem, this.decls)) return gob.bytes as Schema<unknown>;
        return gob.slice(this.build(t.elem, []), goName(name)) as Schema<unknown>;
      case "array":
        return gob.array(this.build(t.elem, direct), t.len, goName(name)) as Schema<unknown>;
      case "map":
        return gob.map(this.build(t.key, []), this.build(t.elem, []), goName(name)) as Schema<
          unknown
        >;
      case "struct": {
        const fields: Record<string, Schema<unknown>> = {};
        for (const f of exportedFields(t.fields)) fields[f.name] = this.build(f.type, direct);
        const goString = name === undefined ? goTypeString(t, this.decls) : `main.${name}`;
        return gob.struct(goString, fields) as Schema<unknown>;
      }
    }
  }
}

/** Go's name option for a declared (named) composite type in package main. */
function goName(name: string | undefined): { name: string } | undefined {
  return name === undefined || name.startsWith("__") ? undefined : { name: `main.${name}` };
}

/** Whether GobEncode bytes of a time.Time are Go's zero Time (omitted as a struct field). */
function isZeroTime(b: Uint8Array): boolean {
  // version 1, seconds 0, nanoseconds 0, offset -1 (UTC)
  return b.length === 15 && b[0] === 1 && b.subarray(1, 13).every((x) => x === 0) &&
    b[13] === 0xff && b[14] === 0xff;
}

function scalarSchema(name: string): Schema<unknown> {
  // Integer schemas all take bigint values (exact over 64 bits); the width-specific ones give the
  // type definitions Go's names (e.g. "[]uint16") and range-check like Go.
  const byName: Record<string, Schema<unknown>> = {
    bool: gob.bool,
    string: gob.string,
    float32: gob.float32,
    float64: gob.float,
    complex64: gob.complex64,
    complex128: gob.complex,
    int: gob.int,
    int8: gob.int8,
    int16: gob.int16,
    int32: gob.int32,
    int64: gob.int64,
    uint: gob.uint,
    uint8: gob.uint8,
    uint16: gob.uint16,
    uint32: gob.uint32,
    uint64: gob.uint64,
    uintptr: gob.uint64,
  } as Record<string, Schema<unknown>>;
  return byName[name];
}

/**
 * Go's `reflect.Type.String()` of an unnamed type (what gob sends as its name), e.g.
 * `struct { A int; B []string }`.
 *
 * @param t The type.
 * @param decls Declarations (named types print as `main.Name`, as Go would in package main).
 * @returns The type string.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(goTypeString({ kind: "slice", elem: { kind: "scalar", name: "int" } }, new Map()) === "[]int");
 * ```
 */
export function goTypeString(t: GoType, decls: GoDecls): string {
  switch (t.kind) {
    case "scalar":
      return t.name;
    case "named":
      return `main.${t.name}`;
    case "time":
      return "time.Time";
    case "interface":
      return "interface {}";
    case "ptr":
      return `*${goTypeString(t.elem, decls)}`;
    case "slice":
      return `[]${goTypeString(t.elem, decls)}`;
    case "array":
      return `[${t.len}]${goTypeString(t.elem, decls)}`;
    case "map":
      return `map[${goTypeString(t.key, decls)}]${goTypeString(t.elem, decls)}`;
    case "struct":
      if (t.fields.length === 0) return "struct {}";
      return `struct { ${
        t.fields.map((f) =>
          `${f.embedded ? "" : `${f.name} `}${goTypeString(f.type, decls)}${
            f.tag ? ` ${JSON.stringify(f.tag)}` : ""
          }`
        )
          .join("; ")
      } }`;
  }
}
