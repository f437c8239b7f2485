// deno-lint-ignore-file no-import-prefix -- user code names its pinned npm packages itself
/**
 * The Hono app through `hono/aws-lambda`'s `handle(app)`, passed to `start` unchanged.
 *
 * @module
 */
import { handle } from "npm:hono@4.13.19/aws-lambda";
import { start } from "../../mod.ts";
import { app } from "./hono_app.ts";

export const handler = handle(app);

start(handler);
