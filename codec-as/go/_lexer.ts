/**
 * A small lexer for the subset of Go source used by type declarations: identifiers, integer
 * literals, string literals (for struct tags and imports), punctuation, comments, and Go's automatic
 * semicolon insertion at line ends.
 *
 * @module
 */

/** The kind of one token. */
export type TokenKind = "ident" | "int" | "string" | "punct" | "eof";

/** One token with its 1-based source position. */
export interface Token {
  /** Token class. */
  kind: TokenKind;
  /** Identifier name, punctuation text, integer digits, or the decoded string literal. */
  text: string;
  /** 1-based line. */
  line: number;
  /** 1-based column (in UTF-16 code units, counted from the line start). */
  column: number;
}

/** A syntax error in Go declarations, with the position it was found at. */
export class GoSyntaxError extends TypeError {
  /** 1-based line of the error. */
  readonly line: number;
  /** 1-based column of the error. */
  readonly column: number;
  /**
   * Makes the error; the message reads `line:column: message`.
   *
   * @param message What is wrong (the position is prepended).
   * @param line 1-based line.
   * @param column 1-based column.
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * const e = new GoSyntaxError("expected type", 3, 7);
   * assert.ok(e.message === "3:7: expected type");
   * ```
   */
  constructor(message: string, line: number, column: number) {
    super(`${line}:${column}: ${message}`);
    this.name = "GoSyntaxError";
    this.line = line;
    this.column = column;
  }
}

const PUNCT2 = new Set(["..."]);
const PUNCT1 = new Set(["(", ")", "[", "]", "{", "}", "*", ",", ";", ".", "="]);
/** Go's other operator characters: tokens of func/const/var declarations the parser skips. */
const OPERATORS = new Set(["+", "-", "/", "%", "&", "|", "^", "<", ">", "!", ":", "~"]);

function isIdentStart(c: string): boolean {
  return /[\p{L}_]/u.test(c);
}

function isIdentPart(c: string): boolean {
  return /[\p{L}\p{Nd}_]/u.test(c);
}

/**
 * Splits Go source into tokens, inserting `;` at line ends as Go's spec requires.
 *
 * @param src Go source text.
 * @returns The tokens, ending with one `eof` token.
 * @throws {GoSyntaxError} On a character or literal Go would reject.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const toks = tokenize("type T int\n");
 * assert.ok(toks.map((t) => t.text).join(" ") === "type T int ; ");
 * ```
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (kind: TokenKind, text: string, start: number) =>
    out.push({ kind, text, line, column: start - lineStart + 1 });
  const needsSemi = () => {
    const last = out[out.length - 1];
    if (!last) return false;
    if (last.kind === "ident" || last.kind === "int" || last.kind === "string") return true;
    return last.kind === "punct" && (last.text === ")" || last.text === "]" || last.text === "}");
  };
  const newline = (at: number) => {
    if (needsSemi()) push("punct", ";", at);
    line++;
    lineStart = at + 1;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") {
      newline(i);
      i++;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      const startLine = line, startCol = i - lineStart + 1;
      let sawNewline = false;
      i += 2;
      while (i < src.length && !(src[i] === "*" && src[i + 1] === "/")) {
        if (src[i] === "\n") {
          if (!sawNewline && needsSemi()) push("punct", ";", i);
          sawNewline = true;
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= src.length) throw new GoSyntaxError("comment not terminated", startLine, startCol);
      i += 2;
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < src.length && isIdentPart(src[i])) i++;
      push("ident", src.slice(start, i), start);
    } else if (c >= "0" && c <= "9") {
      const start = i;
      while (i < src.length && /[0-9a-zA-Z_.]/.test(src[i])) i++;
      push("int", src.slice(start, i), start);
    } else if (c === "`") {
      const start = i, startLine = line, startCol = i - lineStart + 1;
      i++;
      while (i < src.length && src[i] !== "`") {
        if (src[i] === "\n") {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= src.length) {
        throw new GoSyntaxError("raw string not terminated", startLine, startCol);
      }
      out.push({
        kind: "string",
        text: src.slice(start + 1, i).replaceAll("\r", ""),
        line: startLine,
        column: startCol,
      });
      i++;
    } else if (c === '"') {
      const start = i;
      i++;
      while (i < src.length && src[i] !== '"' && src[i] !== "\n") i += src[i] === "\\" ? 2 : 1;
      if (src[i] !== '"') {
        throw new GoSyntaxError("string literal not terminated", line, start - lineStart + 1);
      }
      i++;
      push("string", unquote(src.slice(start, i), line, start - lineStart + 1), start);
    } else if (PUNCT2.has(src.slice(i, i + 3))) {
      push("punct", src.slice(i, i + 3), i);
      i += 3;
    } else if (c === "'") {
      // A rune literal (only inside skipped func/const/var declarations).
      const start = i;
      i++;
      while (i < src.length && src[i] !== "'" && src[i] !== "\n") i += src[i] === "\\" ? 2 : 1;
      if (src[i] !== "'") {
        throw new GoSyntaxError("rune literal not terminated", line, start - lineStart + 1);
      }
      i++;
      push("int", src.slice(start, i), start);
    } else if (PUNCT1.has(c) || OPERATORS.has(c)) {
      push("punct", c, i);
      i++;
    } else {
      throw new GoSyntaxError(`unexpected character ${JSON.stringify(c)}`, line, i - lineStart + 1);
    }
  }
  if (needsSemi()) push("punct", ";", i);
  out.push({ kind: "eof", text: "", line, column: i - lineStart + 1 });
  return out;
}

function unquote(lit: string, line: number, column: number): string {
  // Go's interpreted string escapes that matter for tags and import paths.
  let s = "";
  for (let i = 1; i < lit.length - 1; i++) {
    const c = lit[i];
    if (c !== "\\") {
      s += c;
      continue;
    }
    const e = lit[++i];
    const simple: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      '"': '"',
      "\\": "\\",
      "'": "'",
      a: "\x07",
      b: "\b",
      f: "\f",
      v: "\v",
    };
    if (e in simple) s += simple[e];
    else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = lit.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) {
        throw new GoSyntaxError("invalid escape in string literal", line, column + i);
      }
      s += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else throw new GoSyntaxError("invalid escape in string literal", line, column + i);
  }
  return s;
}
