/**
 * A function that fails while loading, before it ever listens.
 *
 * @module
 */
import { start } from "../../mod.ts";

throw new Error("configuration missing: TABLE_NAME");

// deno-lint-ignore no-unreachable
start(() => "unreachable");
