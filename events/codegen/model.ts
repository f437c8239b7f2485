/**
 * The JSON that `events/codegen/main.go` prints: a Go package's type declarations.
 *
 * @module
 */

/** A Go type expression as a tree. */
export interface Expr {
  /** `ident` (`string`, `S3Object`), `qual` (`time.Time`), `ptr`, `slice`, `array`, `map`,
   * `interface`, `struct` (anonymous), or `other` (func, chan, …). */
  kind: "ident" | "qual" | "ptr" | "slice" | "array" | "map" | "interface" | "struct" | "other";
  name?: string;
  pkg?: string;
  len?: string;
  elem?: Expr;
  key?: Expr;
  fields?: GoField[];
  text?: string;
}

/** The parsed `json:"…"` tag of a field. */
export interface Tag {
  /** A `json` key was present in the tag. */
  present: boolean;
  /** The name part (may be empty). */
  name: string;
  /** `json:"-"`. */
  skip: boolean;
  omitempty: boolean;
  /** The `,string` option. */
  string: boolean;
}

/** A struct field as declared. */
export interface GoField {
  name: string;
  embedded: boolean;
  type: Expr;
  tag: Tag;
}

/** A top-level `type` declaration. */
export interface Decl {
  name: string;
  /** The file it is declared in, e.g. `s3.go`. */
  file: string;
  /** `type A = B`. */
  alias: boolean;
  type: Expr;
  /** Names of methods declared on it (value or pointer receiver). */
  methods: string[];
}

/** The whole dump. */
export interface GoPackage {
  package: string;
  files: string[];
  decls: Decl[];
}
