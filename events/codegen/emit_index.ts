/**
 * Emits `event_types.ts` (every type by Go name, with its schema) and `mod.ts` (re-exports).
 *
 * @module
 */

import type { Decl } from "./model.ts";
import type { Pkg } from "./types.ts";
import { tsModule } from "./emit.ts";

/**
 * The text of `event_types.ts`.
 *
 * @param pkg The package.
 * @param decls Every generated or hand-written declaration.
 * @param header The `@generated` first line.
 * @param source `aws/aws-lambda-go@<commit>`.
 * @returns TypeScript source (not yet formatted).
 */
export function emitEventTypes(
  pkg: Pkg,
  decls: readonly Decl[],
  header: string,
  source: string,
): string {
  const sorted = [...decls].sort((a, b) => a.name < b.name ? -1 : 1);
  const byModule = new Map<string, string[]>();
  for (const d of sorted) {
    const m = `./${tsModule(d.file)}`;
    byModule.set(m, [...(byModule.get(m) ?? []), `type ${d.name}`, `${d.name}Schema`]);
  }
  const imports = [...byModule].sort(([a], [b]) => a < b ? -1 : 1).map(([m, names]) =>
    `import { ${names.join(", ")} } from "${m}";`
  );
  return [
    header,
    "",
    "/**",
    " * Every aws-lambda-go event type by its Go name: its TypeScript type under a string strategy",
    " * and its schema. `decoders.ts` builds the decoders from this table.",
    " *",
    " * @module",
    " */",
    "",
    'import type { Schema, Strategy } from "./runtime/schema.ts";',
    ...imports,
    "",
    "/** The source the generated types mirror. */",
    `export const SOURCE = ${JSON.stringify(source)};`,
    "",
    "/** Go type name → its TypeScript type under strategy `S`. */",
    'export interface EventTypes<S extends Strategy = "none"> {',
    ...sorted.map((d) => `  ${d.name}: ${pkg.named(d.name)};`),
    "}",
    "",
    "/** Go type name → its schema. */",
    "export const schemas: { readonly [K in keyof EventTypes]: Schema } = {",
    ...sorted.map((d) => `  ${d.name}: ${d.name}Schema,`),
    "};",
    "",
  ].join("\n");
}

/**
 * The text of `events/mod.ts`.
 *
 * @param files The generated per-Go-file module names, e.g. `s3.ts`.
 * @param header The `@generated` first line.
 * @returns TypeScript source (not yet formatted).
 */
export function emitMod(files: readonly string[], header: string): string {
  return [
    header,
    "",
    "/**",
    " * Typed AWS Lambda events, generated from aws-lambda-go's `events` package, with decoders",
    " * that apply a string strategy chosen per handler:",
    " *",
    ' * - `"none"` (default): Go `string` fields are `string | undefined`; JSON `null` and `""`',
    " *   leave the field absent.",
    ' * - `"empty"`: Go `string` fields are `string`; JSON `null` and absent become `""`.',
    " *",
    " * Go types with their own JSON form (times, durations, DynamoDB attribute values) are written",
    " * by hand in `events/runtime/`.",
    " *",
    " * @example",
    " * ```ts",
    ' * import { decoders, type S3Event } from "./mod.ts";',
    ' * import { ok } from "node:assert/strict";',
    ' * const event: S3Event<"empty"> = decoders.empty.S3Event({',
    ' *   Records: [{ s3: { object: { key: "a.txt", size: 3 } } }],',
    " * });",
    ' * ok(event.Records?.[0].s3?.object?.key === "a.txt");',
    ' * ok(event.Records?.[0].eventName === "");',
    " * ```",
    " *",
    " * @module",
    " */",
    "",
    ...files.map((f) => `export * from "./${f}";`),
    'export * from "./decoders.ts";',
    'export { type EventTypes, schemas, SOURCE } from "./event_types.ts";',
    "// The schema language of `schemas`, for tools that walk event shapes (samples, fuzzers).",
    "export {",
    "  resolve as resolveSchema,",
    "  type Schema as EventSchema,",
    "  type StructSchema as EventStructSchema,",
    '} from "./runtime/schema.ts";',
    'export type { Str, Strategy } from "./runtime/schema.ts";',
    'export type { EventDecoder } from "./runtime/decoder.ts";',
    'export { GoTime, WireTime } from "./runtime/times.ts";',
    'export { urlDecodeS3Key } from "./runtime/s3_key.ts";',
    "",
  ].join("\n");
}
