/**
 * The peers both side-by-side benchmarks run (`compare.ts` on go1.x, `runtime_api.ts` on the
 * Runtime API): what a peer is, the Go function's three handlers, and our echoes.
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
  /** The same function with the handler that changes its event (the `changed` cases), if any. */
  change?: string[];
}

/**
 * The Go function (`bench/peers/gofunc`, built by `compare_driver.ts`) with its three handlers:
 * `interface{}` ("Go typical"), typed structs ("Go typed"), and the bytes untouched ("Go raw").
 *
 * @param bin The built `gofunc`.
 * @param transport `rpc` (go1.x) or `api` (the Runtime API).
 * @returns The three peers, ids `go-json`, `go-typed` and `go-raw`.
 * @example
 * ```ts
 * import { goPeers } from "./echo_peers.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const peers = goPeers("/bin/gofunc", "rpc");
 * deepStrictEqual(peers.map((p) => p.id), ["go-json", "go-typed", "go-raw"]);
 * deepStrictEqual(peers[1].change, ["/bin/gofunc", "-transport", "rpc", "-handler", "typed", "-change"]);
 * ```
 */
export function goPeers(bin: string, transport: "rpc" | "api"): Peer[] {
  const peer = (id: string, name: string, handler: string, changes: boolean): Peer => {
    const argv = [bin, "-transport", transport, "-handler", handler];
    return { id, name, argv, ...(changes ? { change: [...argv, "-change"] } : {}) };
  };
  return [
    peer("go-json", "Go typical (interface{})", "any", true),
    peer("go-typed", "Go typed (structs)", "typed", true),
    peer("go-raw", "Go raw", "raw", false),
  ];
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
    ["ours-raw", "ours raw (keeps its payload)", "echo_raw.ts"],
    ["ours-raw-borrow", "ours raw, borrowPayload (zero-copy)", "echo_raw_borrow.ts"],
  ].map(([id, name, file]) => ({
    id,
    name,
    argv: [deno, "run", "-A", root + "bench/peers/" + file],
    ...(id === "ours" ? { change: [deno, "run", "-A", root + "bench/peers/change.ts"] } : {}),
  }));
}
