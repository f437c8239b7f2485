/**
 * Our `start` echo as users deploy it, for the start-up rows of both side-by-side benchmarks:
 * `deno task package`'s zip of `peers/echo.ts`, unpacked, its `bootstrap` run the way Lambda runs
 * it in a new execution environment — `DENO_DIR` empty at every start (Lambda's `/tmp` is new),
 * the zip's module analysis made for the folder it runs from (as `/var/task` is for Lambda).
 *
 * @module
 */
import { buildPackage } from "../tools/package.ts";
import type { Peer } from "./echo_peers.ts";

/**
 * Packages and unpacks the echo into `<outDir>package/`.
 *
 * @param root The repository's root, with a trailing slash.
 * @param outDir The benchmark's output folder, with a trailing slash.
 * @returns The peer (id `ours-package`), the folder it is unpacked in, and the environment of
 *   each start (Lambda's `LAMBDA_TASK_ROOT`, a new empty `DENO_DIR`), or why it cannot run here.
 */
export async function packagedEcho(
  root: string,
  outDir: string,
): Promise<
  { peer: Peer; dir: string; env: () => Record<string, string> } | { skipped: string }
> {
  const dir = outDir + "package";
  const zipPath = outDir + "echo-package.zip";
  let mode: string;
  try {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    const r = await buildPackage({
      entry: root + "bench/peers/echo.ts",
      output: zipPath,
      cacheDir: root + "target/package-cache",
      taskRoot: dir,
      log: () => {},
    });
    mode = r.mode;
    const out = await new Deno.Command("unzip", { args: ["-q", zipPath, "-d", dir] }).output();
    if (!out.success) throw new Error(`unzip: ${new TextDecoder().decode(out.stderr).trim()}`);
  } catch (e) {
    return { skipped: `packaging failed: ${e instanceof Error ? e.message : e}` };
  }
  const emptyDenoDir = emptyDenoDirs(outDir);
  return {
    peer: {
      id: "ours-package",
      name: `ours start, packaged (${mode} bootstrap), empty DENO_DIR`,
      argv: [dir + "/bootstrap"],
    },
    dir,
    env: () => ({ LAMBDA_TASK_ROOT: dir, DENO_DIR: emptyDenoDir() }),
  };
}

/**
 * New, empty `DENO_DIR` paths under `<outDir>deno_dir/`, one per start (each removed before the
 * next is handed out).
 *
 * @param outDir The benchmark's output folder, with a trailing slash.
 * @returns A function giving the next path.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { emptyDenoDirs } from "./packaged_peer.ts";
 * const next = emptyDenoDirs("/tmp/out/");
 * assert.notEqual(next(), next());
 * ```
 */
export function emptyDenoDirs(outDir: string): () => string {
  let n = 0;
  let last: string | undefined;
  return () => {
    // their parent exists, as /tmp does in Lambda (a bootstrap cannot copy its caches otherwise)
    Deno.mkdirSync(`${outDir}deno_dir`, { recursive: true });
    if (last !== undefined) {
      try {
        Deno.removeSync(last, { recursive: true });
      } catch {
        // never created (the process did not start) or already gone
      }
    }
    last = `${outDir}deno_dir/${Deno.pid}-${n++}`;
    return last;
  };
}
