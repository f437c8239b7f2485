/**
 * The digest `examples/raw_digest.ts` answers with, as an independent peer computes it: coreutils'
 * `sha256sum`.
 *
 * @module
 */
import assert from "node:assert/strict";

/**
 * Bytes' length and SHA-256 (lowercase hex), from `sha256sum` reading them on its stdin.
 *
 * @param bytes The bytes.
 * @returns `{ bytes, sha256 }`, the shape of the example's answer.
 * @example
 * ```ts
 * import { sha256sum } from "./sha256sum.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual((await sha256sum(new TextEncoder().encode("abc"))).sha256.slice(0, 8), "ba7816bf");
 * ```
 */
export async function sha256sum(bytes: Uint8Array): Promise<{ bytes: number; sha256: string }> {
  const child = new Deno.Command("sha256sum", { stdin: "piped", stdout: "piped" }).spawn();
  const w = child.stdin.getWriter();
  await w.write(bytes);
  await w.close();
  const out = await child.output();
  assert.ok(out.success, "sha256sum failed");
  return { bytes: bytes.length, sha256: new TextDecoder().decode(out.stdout).split(" ")[0] };
}
