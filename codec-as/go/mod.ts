/**
 * Go semantics in TypeScript, for the gob CLI and the tests that compare us with Go: Go type
 * declarations parsed and turned into codec schemas, `encoding/json` decoding rules and exact
 * output text, `fmt`'s `%v`, `time.Time`'s binary form.
 *
 * @module
 */
export { jsonFields, jsonName } from "./fields.ts";
export { JsonNumber, JsonObject, type JsonValue, parseJsonExact } from "./json_exact.ts";
export { goJSON, type WireDesc } from "./json_print.ts";
export { base64, goFloat, goQuote, goQuoteBytes, goTimeJSON } from "./json_text.ts";
export { jsonToValue } from "./json_to_value.ts";
export { goSchema } from "./schema.ts";
export { timeToGob } from "./time.ts";
export { type GoDecls, type GoField, type GoType, parseGoTypes, underlying } from "./types.ts";
