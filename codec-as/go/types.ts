/**
 * Parses Go type declarations (the schema language of `gob encode --go`) into a small type tree.
 * A package clause and imports are allowed and ignored; only `type` declarations are accepted.
 * The tree's types and `underlying` are in type_tree.ts (exported from here too).
 *
 * Length: one recursive-descent parser (declarations, type expressions, struct bodies and tags,
 * with Go's error positions and wording), whose methods share the token cursor.
 *
 * @module
 */

import { GoSyntaxError, type Token, tokenize } from "./_lexer.ts";
import {
  type GoDecls,
  type GoField,
  type GoScalar,
  type GoType,
  type GoTypeDecl,
  underlying,
} from "./type_tree.ts";

export { GoSyntaxError } from "./_lexer.ts";
export type { GoDecls, GoField, GoScalar, GoType, GoTypeDecl } from "./type_tree.ts";
export { underlying } from "./type_tree.ts";

const SCALARS = new Set<string>([
  "bool",
  "string",
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
  "uintptr",
  "float32",
  "float64",
  "complex64",
  "complex128",
]);

const UNSUPPORTED = new Set(["chan", "func", "error", "unsafe"]);

class Parser {
  #toks: Token[];
  #i = 0;
  constructor(toks: Token[]) {
    this.#toks = toks;
  }
  get tok(): Token {
    return this.#toks[this.#i];
  }
  next(): Token {
    return this.#toks[this.#i++];
  }
  is(text: string): boolean {
    const t = this.tok;
    return (t.kind === "punct" || t.kind === "ident") && t.text === text;
  }
  fail(msg: string, t: Token = this.tok): never {
    throw new GoSyntaxError(msg, t.line, t.column);
  }
  found(t: Token = this.tok): string {
    if (t.kind === "eof") return "end of input";
    if (t.kind === "punct" && t.text === ";" && t.text.length === 1) return "newline or ;";
    return JSON.stringify(t.text);
  }
  expect(text: string): Token {
    if (!this.is(text)) this.fail(`expected ${JSON.stringify(text)}, found ${this.found()}`);
    return this.next();
  }
  ident(what: string): Token {
    if (this.tok.kind !== "ident") this.fail(`expected ${what}, found ${this.found()}`);
    return this.next();
  }
  semi(ctx: string) {
    if (this.is(";")) this.next();
    else if (!this.is(")") && !this.is("}") && this.tok.kind !== "eof") {
      this.fail(`expected newline or ; after ${ctx}, found ${this.found()}`);
    }
  }

  file(): Map<string, GoTypeDecl> {
    const decls = new Map<string, GoTypeDecl>();
    while (this.is(";")) this.next();
    if (this.is("package")) {
      this.next();
      this.ident("package name");
      this.semi("package clause");
    }
    while (this.is(";")) this.next();
    while (this.is("import")) {
      this.next();
      if (this.is("(")) {
        this.next();
        while (!this.is(")")) {
          this.importSpec();
          this.semi("import");
        }
        this.next();
      } else this.importSpec();
      this.semi("import");
    }
    while (this.tok.kind !== "eof") {
      if (this.is(";")) {
        this.next();
        continue;
      }
      if (this.is("func") || this.is("const") || this.is("var")) {
        this.skipDecl();
        continue;
      }
      if (!this.is("type")) {
        this.fail(`expected a declaration, found ${this.found()}`);
      }
      this.next();
      if (this.is("(")) {
        this.next();
        while (!this.is(")")) {
          if (this.is(";")) {
            this.next();
            continue;
          }
          this.typeSpec(decls);
          this.semi("type declaration");
        }
        this.next();
      } else this.typeSpec(decls);
      this.semi("type declaration");
    }
    return decls;
  }

  /** Skips a func, const or var declaration: up to the first `;` outside brackets. */
  skipDecl() {
    const start = this.next();
    let depth = 0;
    for (;;) {
      const t = this.tok;
      if (t.kind === "eof") {
        if (depth > 0) this.fail(`unterminated ${start.text} declaration`, start);
        return;
      }
      if (t.kind === "punct") {
        if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
        else if (t.text === ")" || t.text === "]" || t.text === "}") depth--;
        else if (t.text === ";" && depth === 0) return;
        if (depth < 0) this.fail(`unbalanced ${JSON.stringify(t.text)}`, t);
      }
      this.next();
    }
  }

  importSpec() {
    if (this.tok.kind === "ident" || this.is(".")) this.next();
    if (this.tok.kind !== "string") this.fail(`expected import path, found ${this.found()}`);
    this.next();
  }

  typeSpec(decls: Map<string, GoTypeDecl>) {
    const name = this.ident("type name");
    if (this.is("[")) {
      // `type T[P any] …` is generic; `type T [N]E` is an array: look for an identifier then a type.
      const after = this.#toks[this.#i + 1];
      const after2 = this.#toks[this.#i + 2];
      if (after?.kind === "ident" && after2 && !(after2.kind === "punct" && after2.text === "]")) {
        this.fail("generic types are not supported");
      }
    }
    if (decls.has(name.text)) this.fail(`${name.text} redeclared`, name);
    if (name.text === "_") this.fail("blank type name is not supported", name);
    let alias = false;
    if (this.is("=")) {
      this.next();
      alias = true;
    }
    const type = this.type();
    decls.set(name.text, { name: name.text, type, alias, line: name.line, column: name.column });
  }

  type(): GoType {
    const t = this.tok;
    if (t.kind === "ident") {
      this.next();
      if (this.is(".")) {
        this.next();
        const sel = this.ident("type name after '.'");
        if (t.text === "time" && sel.text === "Time") return { kind: "time" };
        this.fail(`unsupported type ${t.text}.${sel.text} (only time.Time is known)`, t);
      }
      if (t.text === "map") {
        this.expect("[");
        const key = this.type();
        this.expect("]");
        return { kind: "map", key, elem: this.type() };
      }
      if (t.text === "struct") return this.structBody();
      if (t.text === "interface") {
        this.expect("{");
        while (this.is(";")) this.next();
        if (!this.is("}")) this.fail("only the empty interface{} is supported");
        this.next();
        return { kind: "interface" };
      }
      if (t.text === "any") return { kind: "interface" };
      if (t.text === "byte") return { kind: "scalar", name: "uint8" };
      if (t.text === "rune") return { kind: "scalar", name: "int32" };
      if (SCALARS.has(t.text)) return { kind: "scalar", name: t.text as GoScalar };
      if (UNSUPPORTED.has(t.text)) this.fail(`unsupported type ${t.text}`, t);
      if (t.text === "type" || t.text === "package" || t.text === "import") {
        this.fail(`expected type, found keyword ${t.text}`, t);
      }
      return { kind: "named", name: t.text, line: t.line, column: t.column };
    }
    if (this.is("*")) {
      this.next();
      return { kind: "ptr", elem: this.type() };
    }
    if (this.is("(")) {
      this.next();
      const inner = this.type();
      this.expect(")");
      return inner;
    }
    if (this.is("[")) {
      this.next();
      if (this.is("]")) {
        this.next();
        return { kind: "slice", elem: this.type() };
      }
      if (this.is("...")) this.fail("[...] array length is not allowed in a type");
      const n = this.tok;
      if (n.kind !== "int") this.fail(`expected array length (an integer), found ${this.found()}`);
      this.next();
      const len = parseGoInt(n.text);
      if (len === undefined) this.fail(`invalid array length ${n.text}`, n);
      this.expect("]");
      return { kind: "array", len, elem: this.type() };
    }
    this.fail(`expected type, found ${this.found()}`);
  }

  structBody(): GoType {
    this.expect("{");
    const fields: GoField[] = [];
    const seen = new Set<string>();
    const add = (f: GoField, at: Token) => {
      if (f.name !== "_" && seen.has(f.name)) this.fail(`duplicate field ${f.name}`, at);
      seen.add(f.name);
      fields.push(f);
    };
    while (!this.is("}")) {
      if (this.is(";")) {
        this.next();
        continue;
      }
      const first = this.tok;
      if (this.is("*")) {
        // Embedded pointer field: *T or *pkg.T.
        this.next();
        const type = this.type();
        add({
          name: embeddedName(type, first),
          type: { kind: "ptr", elem: type },
          tag: this.tag(),
          embedded: true,
        }, first);
      } else {
        const name = this.ident("field name");
        if (this.is(";") || this.is("}") || this.tok.kind === "string" || this.is(".")) {
          // Embedded field: T or pkg.T.
          this.#i--;
          const type = this.type();
          add({ name: embeddedName(type, first), type, tag: this.tag(), embedded: true }, first);
        } else {
          const names = [name];
          while (this.is(",")) {
            this.next();
            names.push(this.ident("field name"));
          }
          const type = this.type();
          const tag = this.tag();
          for (const n of names) add({ name: n.text, type, tag, embedded: false }, n);
        }
      }
      this.semi("struct field");
    }
    this.next();
    return { kind: "struct", fields };
  }

  tag(): string {
    if (this.tok.kind !== "string") return "";
    return this.next().text;
  }
}

function embeddedName(t: GoType, at: Token): string {
  if (t.kind === "named") return t.name;
  if (t.kind === "time") return "Time";
  if (t.kind === "scalar") return t.name;
  if (t.kind === "interface") return "any";
  throw new GoSyntaxError("embedded field must be a type name", at.line, at.column);
}

function parseGoInt(text: string): number | undefined {
  const s = text.replaceAll("_", "");
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) v = parseInt(s.slice(2), 16);
  else if (/^0[bB][01]+$/.test(s)) v = parseInt(s.slice(2), 2);
  else if (/^0[oO]?[0-7]+$/.test(s)) v = parseInt(s.replace(/^0[oO]?/, ""), 8);
  else if (/^(0|[1-9][0-9]*)$/.test(s)) v = parseInt(s, 10);
  else return undefined;
  return Number.isSafeInteger(v) && v <= 0x7fffffff ? v : undefined;
}

/**
 * Parses Go source holding type declarations, then checks every referenced name is declared and
 * that no declaration is an invalid (unbounded) recursion. `func`, `const` and `var`
 * declarations (e.g. methods in a real source file) are skipped.
 *
 * @param src Go source: an optional package clause and imports, then `type` declarations.
 * @returns The declarations by name, in source order.
 * @throws {GoSyntaxError} With `line:column:` for a syntax error, an undeclared name, or an
 *   unsupported construct.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * const decls = parseGoTypes("type T struct { A, B int; C []string `json:\"c\"` }");
 * equal(decls.get("T")?.type.kind, "struct");
 * ```
 */
export function parseGoTypes(src: string): GoDecls {
  const decls = new Parser(tokenize(src)).file();
  for (const d of decls.values()) checkRefs(d.type, decls);
  for (const d of decls.values()) {
    underlying(decls, { kind: "named", name: d.name, line: d.line, column: d.column });
  }
  return decls;
}

function checkRefs(t: GoType, decls: GoDecls): void {
  switch (t.kind) {
    case "named":
      if (!decls.has(t.name)) throw new GoSyntaxError(`undefined type ${t.name}`, t.line, t.column);
      return;
    case "ptr":
    case "slice":
    case "array":
      return checkRefs(t.elem, decls);
    case "map":
      checkRefs(t.key, decls);
      return checkRefs(t.elem, decls);
    case "struct":
      for (const f of t.fields) checkRefs(f.type, decls);
      return;
    default:
      return;
  }
}
