/**
 * Emits one generated TypeScript file per Go file: interfaces generic over the string strategy,
 * and a schema constant per type.
 *
 * @module
 */

import { flattenFields, type JsonField } from "./fields.ts";
import type { Decl } from "./model.ts";
import { SPECIAL } from "./special.ts";
import type { Pkg } from "./types.ts";

/** Where each generated type lives: Go file → TS module name. */
export function tsModule(goFile: string): string {
  return goFile.replace(/\.go$/, ".ts");
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function prop(json: string): string {
  return IDENT.test(json) ? json : JSON.stringify(json);
}

function fieldDoc(pkg: Pkg, fl: JsonField): string {
  const via = fl.via === undefined ? "" : " (promoted)";
  const omit = fl.omitempty ? ", omitempty" : "";
  return `Go \`${fl.goPath} ${pkg.go(fl.type)}\`${via}; JSON \`${fl.json}\`${omit}: ${
    pkg.wire(fl.type)
  }.`;
}

function emitStruct(pkg: Pkg, d: Decl, fields: JsonField[]): string[] {
  const out: string[] = [];
  out.push(`/** Go struct \`${d.name}\` (${d.file}); decoded by \`decoders.${d.name}\`. */`);
  if (fields.length === 0) out.push("// deno-lint-ignore no-empty-interface");
  out.push(`export interface ${d.name}<S extends Strategy = "none"> {`);
  for (const fl of fields) {
    out.push(`  /** ${fieldDoc(pkg, fl)} */`);
    const optional = pkg.isString(fl.type) ? "" : "?";
    out.push(`  ${prop(fl.json)}${optional}: ${pkg.ts(fl.type)};`);
  }
  out.push("}", "");
  out.push(`/** Schema of Go \`${d.name}\`. */`);
  out.push(`export const ${d.name}Schema: StructSchema = struct(${JSON.stringify(d.name)}, [`);
  for (const fl of fields) {
    const omit = fl.omitempty ? ", true" : "";
    out.push(
      `  f(${JSON.stringify(fl.json)}, ${JSON.stringify(fl.goPath)}, ${
        pkg.schema(fl.type)
      }${omit}),`,
    );
  }
  out.push("]);", "");
  return out;
}

function emitNamed(pkg: Pkg, d: Decl): string[] {
  const generic = pkg.isGeneric(d.name) ? `<S extends Strategy = "none">` : "";
  const what = d.alias
    ? `alias \`${d.name} = ${pkg.go(d.type)}\``
    : `type \`${d.name} ${pkg.go(d.type)}\``;
  return [
    `/** Go ${what} (${d.file}); JSON: ${pkg.wire(d.type)}. */`,
    `export type ${d.name}${generic} = ${pkg.ts(d.type, false)};`,
    "",
    `/** Schema of Go \`${d.name}\`. */`,
    `export const ${d.name}Schema: Schema = ${pkg.schema(d.type)};`,
    "",
  ];
}

function example(decls: readonly Decl[]): string[] {
  const d = decls.find((x) => x.type.kind === "struct" && !(x.name in SPECIAL));
  if (d === undefined) return [];
  return [
    " *",
    " * @example",
    " * ```ts",
    ` * import { decoders, type ${d.name} } from "./mod.ts";`,
    ' * import { ok } from "node:assert/strict";',
    ` * const value: ${d.name}<"empty"> = decoders.empty.${d.name}({});`,
    ' * ok(typeof value === "object");',
    " * ```",
  ];
}

/**
 * The text of one generated file (not yet formatted).
 *
 * @param pkg The package.
 * @param goFile The Go file name, e.g. `s3.go`.
 * @param decls The file's generated declarations (exported, not skipped), in source order.
 * @param header The `@generated` first line.
 * @returns TypeScript source.
 */
export function emitFile(pkg: Pkg, goFile: string, decls: readonly Decl[], header: string): string {
  const body: string[] = [];
  const refs = new Set<string>();
  const specials: Decl[] = [];
  for (const d of decls) {
    if (d.name in SPECIAL) {
      specials.push(d);
      continue;
    }
    if (d.type.kind === "struct") {
      const fields = flattenFields(d.type.fields ?? [], pkg.decls);
      for (const fl of fields) pkg.refs(fl.type, refs);
      body.push(...emitStruct(pkg, d, fields));
    } else {
      pkg.refs(d.type, refs);
      body.push(...emitNamed(pkg, d));
    }
  }
  const text = body.join("\n");
  const imports: string[] = [];
  const schemaNames = [
    ["f", /\bf\(/],
    ["type Schema", /: Schema\b/],
    ["type Str", /\bStr</],
    ["type Strategy", /\bStrategy\b/],
    ["struct", /\bstruct\(/],
    ["type StructSchema", /: StructSchema\b/],
    ["t", /\bt\./],
  ] as const;
  const fromSchema = schemaNames.filter(([, re]) => re.test(text)).map(([n]) => n);
  if (fromSchema.length > 0) {
    imports.push(`import { ${fromSchema.join(", ")} } from "./runtime/schema.ts";`);
  }
  const byModule = new Map<string, string[]>();
  const add = (module: string, names: string[]) =>
    byModule.set(module, [...(byModule.get(module) ?? []), ...names]);
  if (/\bGoTime\b/.test(text)) add("./runtime/specials.ts", ["type GoTime"]);
  if (/\bGoTimeSchema\b/.test(text)) add("./runtime/specials.ts", ["GoTimeSchema"]);
  for (const name of [...refs].sort()) {
    const d = pkg.decls.get(name)!;
    if (d.file === goFile && !(name in SPECIAL)) continue;
    const module = d.file === goFile ? "./runtime/specials.ts" : `./${tsModule(d.file)}`;
    add(module, [`type ${name}`, `${name}Schema`]);
  }
  for (const [module, names] of [...byModule].sort(([a], [b]) => a < b ? -1 : 1)) {
    const sorted = [...new Set(names)].sort((a, b) =>
      a.replace(/^type /, "") < b.replace(/^type /, "") ? -1 : 1
    );
    imports.push(`import { ${sorted.join(", ")} } from "${module}";`);
  }
  const reexports = specials.map((d) =>
    SPECIAL[d.name].value ? `${d.name}, ${d.name}Schema` : `type ${d.name}, ${d.name}Schema`
  );
  const lines = [
    header,
    "",
    "/**",
    ` * TypeScript for the types of aws-lambda-go \`events/${goFile}\`: interfaces generic over the`,
    ' * string strategy `S` (`"none"` or `"empty"`), and one schema per type for the decoders.',
    ...example(decls),
    " *",
    " * @module",
    " */",
    "",
    ...imports,
    ...(reexports.length > 0
      ? ["", `export { ${reexports.join(", ")} } from "./runtime/specials.ts";`]
      : []),
    "",
    text,
  ];
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
