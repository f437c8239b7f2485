/**
 * The peers both side-by-side benchmarks run (`compare.ts` on go1.x, `runtime_api.ts` on the
 * Runtime API): what a peer is, and our two echoes.
 *
 * @module
 */

/** A process to benchmark: an id for the samples, a column name, and its command line. */
export interface Peer {
  /** Key of its samples. */
  id: string;
  /** Column heading. */
  name: string;
  /** Command line; the transport comes from the environment. */
  argv: string[];
}

/**
 * Our `start` echo (`bench/peers/echo.ts`), `startRaw` echo (`bench/peers/echo_raw.ts`) and
 * `startRaw` echo that borrows its payload (`bench/peers/echo_raw_borrow.ts`), run from source
 * with all permissions.
 *
 * @param root The checkout's root directory, with a trailing slash.
 * @returns The three peers, ids `ours`, `ours-raw` and `ours-raw-borrow`.
 * @example
 * ```ts
 * import { ourEchoes } from "./echo_peers.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(ourEchoes("/src/lambda-gob/").map((p) => p.id), [
 *   "ours",
 *   "ours-raw",
 *   "ours-raw-borrow",
 * ]);
 * ```
 */
export function ourEchoes(root: string): Peer[] {
  const deno = Deno.execPath();
  return [
    ["ours", "ours start", "echo.ts"],
    ["ours-raw", "ours raw", "echo_raw.ts"],
    ["ours-raw-borrow", "ours raw, borrowPayload", "echo_raw_borrow.ts"],
  ].map(([id, name, file]) => ({
    id,
    name,
    argv: [deno, "run", "-A", root + "bench/peers/" + file],
  }));
}
