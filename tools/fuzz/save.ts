/**
 * Saves fuzz findings as regression inputs under `tests/fixtures/fuzz/`
 * (`<target>-<kind>-<sha256 prefix>.bin`), replayed by `tests/fuzz_regressions_test.ts`.
 *
 * @module
 */
import { FUZZ_FIXTURES } from "./corpus.ts";
import type { FoundInput } from "./run_decoder.ts";

/**
 * Writes one finding's input (once per content).
 * @param target "decoder" or "server"
 * @param f the finding
 * @param dir where to write (default tests/fixtures/fuzz/)
 * @returns the file's path
 * @example
 * ```ts ignore
 * import { saveFinding } from "./save.ts";
 * await saveFinding("decoder", found);
 * ```
 */
export async function saveFinding(
  target: string,
  f: FoundInput,
  dir: URL = FUZZ_FIXTURES,
): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", f.bytes as Uint8Array<ArrayBuffer>),
  );
  const hex = Array.from(digest.subarray(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
  const kind = f.finding.kind.replace(/[^a-z-]/g, "");
  await Deno.mkdir(dir, { recursive: true });
  const url = new URL(`${target}-${kind}-${hex}.bin`, dir);
  await Deno.writeFile(url, f.bytes);
  return url.pathname;
}
