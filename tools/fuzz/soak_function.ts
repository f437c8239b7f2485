/**
 * The function the soak drives: `start()` (go1.x) with the soak's handler (`{i, pad}` →
 * `{i, n: pad.length}`).
 *
 * @module
 */
import { start } from "../../mod.ts";

await start((e: { i: number; pad: string }) => ({ i: e.i, n: e.pad.length }), { logger: false });
