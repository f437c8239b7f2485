/**
 * Deno's module-analysis cache for a packaged function, made at package time. Before Deno runs a
 * module it parses its whole text to find its imports, and keeps what it found in
 * `$DENO_DIR/dep_analysis_cache_v2` (SQLite, keyed by the module's URL and a hash of its text).
 * Every new Lambda execution environment starts with an empty `/tmp`, so without this cache each
 * cold start analyses every bundled module again. The cache is made by `deno info` over the
 * bundle in the package's work folder, its modules' URLs then moved to where Lambda unpacks the
 * zip (`/var/task`, `LAMBDA_TASK_ROOT`); the bootstrap copies it into an empty `DENO_DIR`.
 *
 * Deno checks the cache itself: a row whose text hash differs is analysed again, and a cache made
 * by another Deno version is discarded. So the cache is only made when the Deno shipped is this
 * Deno, and a package unpacked elsewhere just analyses its modules as if it had none.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";

/** Where Lambda unpacks a zip package (`LAMBDA_TASK_ROOT`). */
export const LAMBDA_TASK_ROOT = "/var/task";

/** The cache's file name, in `DENO_DIR` and (under `cache/`) in the zip. */
export const ANALYSIS_CACHE = "dep_analysis_cache_v2";

/**
 * Makes the module-analysis cache of a bundled function.
 *
 * @param appDir The folder holding `main.js` and its chunks.
 * @param taskRoot Where the function will run from (the URLs the cache names).
 * @returns The cache file's bytes, and how many modules it holds.
 * @throws {Error} When `deno info` fails, or the cache does not name every `.js` file of `appDir`.
 * @example
 * ```ts ignore
 * import { moduleAnalysisCache } from "./package_analysis_cache.ts";
 * const { bytes, modules } = await moduleAnalysisCache("/tmp/work/app", "/var/task");
 * ```
 */
export async function moduleAnalysisCache(
  appDir: string,
  taskRoot: string = LAMBDA_TASK_ROOT,
): Promise<{ bytes: Uint8Array; modules: number }> {
  const denoDir = await Deno.makeTempDir({ prefix: "lambda-gob-analysis-" });
  try {
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--no-config", "--json", `${appDir}/main.js`],
      env: { DENO_DIR: denoDir, NO_COLOR: "1" },
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!r.success) {
      throw new Error(`deno info failed:\n${new TextDecoder().decode(r.stderr)}`);
    }
    const from = new URL(`file://${appDir}/`).href;
    const to = new URL(`file://${taskRoot.replace(/\/$/, "")}/`).href;
    const db = new DatabaseSync(`${denoDir}/${ANALYSIS_CACHE}`);
    let modules: number;
    try {
      db.prepare(
        "UPDATE moduleinfocache SET specifier = ? || substr(specifier, ?) WHERE substr(specifier, 1, ?) = ?",
      ).run(to, from.length + 1, from.length, from);
      const names = db.prepare("SELECT specifier FROM moduleinfocache").all()
        .map((row) => String(row.specifier));
      const expected: string[] = [];
      for await (const e of Deno.readDir(appDir)) {
        if (e.isFile && e.name.endsWith(".js")) expected.push(`${to}${encodeURI(e.name)}`);
      }
      const missing = expected.filter((n) => !names.includes(n));
      if (missing.length > 0) throw new Error(`deno info did not analyse ${missing.join(", ")}`);
      modules = names.length;
      db.exec("VACUUM"); // the pages deno info freed
    } finally {
      db.close();
    }
    return { bytes: await Deno.readFile(`${denoDir}/${ANALYSIS_CACHE}`), modules };
  } finally {
    await Deno.remove(denoDir, { recursive: true });
  }
}
