/**
 * Go type expressions → TypeScript types, schema expressions, Go text and wire descriptions.
 *
 * @module
 */

import type { Decl, Expr } from "./model.ts";
import { SKIPPED, SPECIAL } from "./special.ts";

const NUMBERS = new Set([
  "int",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "float32",
  "float64",
]);

/** The package being generated: declarations by name, and what each generated file refers to. */
export class Pkg {
  readonly decls: ReadonlyMap<string, Decl>;
  /** @param decls All declarations of the package. */
  constructor(decls: readonly Decl[]) {
    this.decls = new Map(decls.map((d) => [d.name, d]));
  }

  /** @returns Whether `e` is Go `string` or a named type whose underlying type is `string`. */
  isString(e: Expr): boolean {
    if (e.kind !== "ident") return false;
    if (e.name === "string") return true;
    const d = this.decls.get(e.name!);
    return d !== undefined && !(d.name in SPECIAL) && this.isString(d.type);
  }

  /** @returns Whether `e` is `[]byte`. */
  isBytes(e: Expr): boolean {
    return e.kind === "slice" && e.elem!.kind === "ident" &&
      (e.elem!.name === "byte" || e.elem!.name === "uint8");
  }

  /** @returns Whether the TypeScript type of `e` mentions the strategy parameter `S`. */
  usesS(e: Expr): boolean {
    switch (e.kind) {
      case "ident":
        if (this.isString(e)) return true;
        return this.decls.has(e.name!) && this.isGeneric(e.name!);
      case "ptr":
        return !this.isString(e.elem!) && this.usesS(e.elem!);
      case "slice":
        return !this.isBytes(e) && this.usesS(e.elem!);
      case "map":
        return this.usesS(e.elem!);
      default:
        return false;
    }
  }

  /** @returns Whether the named type is generated as generic over the strategy. */
  isGeneric(name: string): boolean {
    const d = this.decls.get(name);
    if (d === undefined || name in SPECIAL) return false;
    if (d.type.kind === "struct") return true;
    if (this.isString(d.type)) return false;
    return this.usesS(d.type);
  }

  /** @returns A reference to the named type `name` in TypeScript. */
  named(name: string): string {
    return this.isGeneric(name) ? `${name}<S>` : name;
  }

  /**
   * The TypeScript type of a Go type expression.
   *
   * @param e The expression.
   * @param stringStrategy Whether Go strings here follow the strategy (false under a pointer).
   * @returns TypeScript type text.
   * @throws {Error} A type the generator does not support.
   */
  ts(e: Expr, stringStrategy = true): string {
    switch (e.kind) {
      case "ident": {
        const name = e.name!;
        if (this.isString(e)) {
          const t = name === "string" ? "string" : name;
          if (!stringStrategy) return t;
          return t === "string" ? "Str<S>" : `Str<S, ${t}>`;
        }
        if (NUMBERS.has(name) || name === "byte" || name === "rune") return "number";
        if (name === "bool") return "boolean";
        if (this.decls.has(name)) {
          if (name in SKIPPED) throw new Error(`refers to the skipped type ${name}`);
          return this.named(name);
        }
        throw new Error(`unknown type ${name}`);
      }
      case "qual":
        if (e.pkg === "time" && e.name === "Time") return "GoTime";
        if (e.pkg === "json" && e.name === "RawMessage") return "unknown";
        throw new Error(`unsupported type ${e.pkg}.${e.name}`);
      case "interface":
        if (e.text!.replace(/\s/g, "") !== "interface{}") throw new Error(`unsupported ${e.text}`);
        return "unknown";
      case "ptr":
        return `${this.ts(e.elem!, false)} | null`;
      case "slice": {
        if (this.isBytes(e)) return "Uint8Array | null";
        const el = this.ts(e.elem!);
        return `${/[ |]/.test(el) ? `Array<${el}>` : `${el}[]`} | null`;
      }
      case "map":
        if (!this.isString(e.key!)) {
          throw new Error("map keys other than strings are not supported");
        }
        return `Record<string, ${this.ts(e.elem!)}> | null`;
      default:
        throw new Error(`unsupported type expression ${this.go(e)}`);
    }
  }

  /**
   * The schema expression (builders of `runtime/schema.ts`) of a Go type expression.
   *
   * @param e The expression.
   * @returns TypeScript expression text.
   */
  schema(e: Expr): string {
    switch (e.kind) {
      case "ident": {
        const name = e.name!;
        if (name === "string") return "t.str";
        if (name === "bool") return "t.bool";
        if (name === "byte") return 't.num("uint8")';
        if (NUMBERS.has(name)) return `t.num("${name}")`;
        return `t.ref("${name}", () => ${name}Schema)`;
      }
      case "qual":
        return e.name === "Time" ? "GoTimeSchema" : "t.any";
      case "interface":
        return "t.any";
      case "ptr":
        return `t.ptr(${this.schema(e.elem!)})`;
      case "slice":
        return this.isBytes(e) ? "t.bytes" : `t.slice(${this.schema(e.elem!)})`;
      case "map":
        return `t.map(${this.schema(e.elem!)})`;
      default:
        throw new Error(`unsupported type expression ${this.go(e)}`);
    }
  }

  /** @returns Go source text of a type expression. */
  go(e: Expr): string {
    switch (e.kind) {
      case "ident":
        return e.name!;
      case "qual":
        return `${e.pkg}.${e.name}`;
      case "ptr":
        return `*${this.go(e.elem!)}`;
      case "slice":
        return `[]${this.go(e.elem!)}`;
      case "array":
        return `[${e.len}]${this.go(e.elem!)}`;
      case "map":
        return `map[${this.go(e.key!)}]${this.go(e.elem!)}`;
      case "struct":
        return "struct{…}";
      default:
        return e.text ?? e.kind;
    }
  }

  /** @returns A short description of the JSON form of a type expression. */
  wire(e: Expr): string {
    switch (e.kind) {
      case "ident": {
        const name = e.name!;
        if (this.isString(e)) return "string";
        if (NUMBERS.has(name) || name === "byte") return "number";
        if (name === "bool") return "boolean";
        if (name in SPECIAL) return SPECIAL[name].wire;
        const d = this.decls.get(name);
        if (d !== undefined && d.type.kind !== "struct") return this.wire(d.type);
        return "object";
      }
      case "qual":
        return e.name === "Time" ? "RFC 3339 string" : "any JSON";
      case "interface":
        return "any JSON";
      case "ptr":
        return `${this.wire(e.elem!)} or null`;
      case "slice":
        return this.isBytes(e) ? "base64 string or null" : "array or null";
      case "map":
        return "object or null";
      default:
        return "?";
    }
  }

  /** @returns The package type names an expression refers to. */
  refs(e: Expr, out: Set<string> = new Set()): Set<string> {
    if (e.kind === "ident" && this.decls.has(e.name!)) out.add(e.name!);
    if (e.elem) this.refs(e.elem, out);
    if (e.key) this.refs(e.key, out);
    return out;
  }
}
