/**
 * Deno's caches for a packaged function, made at package time. Every new Lambda execution
 * environment starts with an empty `/tmp`, where the script bootstrap keeps `DENO_DIR`, so without
 * them each cold start would redo two things a warm `DENO_DIR` saves:
 *
 * - **Module analysis** (`dep_analysis_cache_v2`): before Deno runs a module it parses its whole
 *   text to find its imports. Made by `deno info` over the bundle, every module.
 * - **V8's code cache** (`v8_code_cache_v2`): V8 compiles each module's code before running it.
 *   Made by running an entry that imports the bundle's chunks that hold only the runtime's own
 *   modules (`server/`, `codec-as/`, `http/` of this repository, and the chunks they import): the
 *   function's code, and any chunk a package of the function's shares, is never run at package
 *   time. Their code is compiled when the function starts, as without the cache.
 *
 * Both are SQLite files keyed by the module's URL and a hash of its text. They are made in the
 * package's work folder, then their URLs are moved to where Lambda unpacks the zip (`/var/task`,
 * `LAMBDA_TASK_ROOT`); the bootstrap copies them into a new `DENO_DIR`. Deno checks them itself: a
 * row whose text hash differs is redone, V8 rejects code cached by another V8 or with other flags
 * that change code, and caches made by another Deno version are discarded. So they are only made
 * when the Deno shipped is this Deno, and a package unpacked elsewhere just starts as without
 * them.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";

/** Where Lambda unpacks a zip package (`LAMBDA_TASK_ROOT`). */
export const LAMBDA_TASK_ROOT = "/var/task";

/** The module-analysis cache's file name, in `DENO_DIR` and (under `cache/`) in the zip. */
export const ANALYSIS_CACHE = "dep_analysis_cache_v2";

/** The V8 code cache's file name, in `DENO_DIR` and (under `cache/`) in the zip. */
export const CODE_CACHE = "v8_code_cache_v2";

/** The runtime's own module folders, relative to the repository's root. */
const RUNTIME_DIRS = ["server/", "codec-as/", "http/"];

/** The caches made for a bundle. */
export interface DenoCaches {
  /** Cache file name → bytes. */
  files: Map<string, Uint8Array>;
  /** The bundle files the code cache holds (the runtime's chunks). */
  compiled: string[];
}

/**
 * Makes Deno's caches for a bundled function.
 *
 * @param appDir The folder holding `main.js`, its chunks and their `.map` files.
 * @param options `taskRoot`: where the function will run from (the URLs the caches name);
 *   `runtimeRoot`: the URL of this repository's root, as the source maps name its modules;
 *   `v8Flags`: the V8 flags the function runs with.
 * @returns The cache files and the chunks compiled into the code cache.
 * @throws {Error} When `deno info` or the compile run fails, or the analysis misses a `.js` file.
 * @example
 * ```ts ignore
 * import { denoCaches } from "./package_deno_cache.ts";
 * const caches = await denoCaches("/tmp/work/app", {
 *   taskRoot: "/var/task",
 *   runtimeRoot: "file:///src/lambda-gob/",
 *   v8Flags: "--max-semi-space-size=1",
 * });
 * ```
 */
export async function denoCaches(
  appDir: string,
  options: { taskRoot: string; runtimeRoot: string; v8Flags: string },
): Promise<DenoCaches> {
  const denoDir = await Deno.makeTempDir({ prefix: "lambda-gob-deno-dir-" });
  const entry = `${appDir}/_compile_runtime.js`;
  try {
    await deno(["info", "--no-config", "--json", `${appDir}/main.js`], denoDir);
    const compiled = await runtimeChunks(appDir, options.runtimeRoot);
    await Deno.writeTextFile(entry, compiled.map((f) => `import "./${f}";\n`).join(""));
    await deno([
      "run",
      "--no-config",
      "--cached-only",
      "--no-prompt",
      `--allow-read=${appDir}`,
      `--v8-flags=${options.v8Flags}`,
      entry,
    ], denoDir);
    const from = new URL(`file://${appDir}/`).href;
    const to = new URL(`file://${options.taskRoot.replace(/\/$/, "")}/`).href;
    const expected: string[] = [];
    for await (const e of Deno.readDir(appDir)) {
      if (e.isFile && e.name.endsWith(".js") && `${appDir}/${e.name}` !== entry) {
        expected.push(`${to}${encodeURI(e.name)}`);
      }
    }
    const files = new Map<string, Uint8Array>();
    for (
      const [name, table, want] of [
        [ANALYSIS_CACHE, "moduleinfocache", expected],
        [CODE_CACHE, "codecache", compiled.map((f) => `${to}${encodeURI(f)}`)],
      ] as const
    ) {
      const names = moveUrls(
        `${denoDir}/${name}`,
        table,
        new URL(entry, "file:///").href,
        from,
        to,
      );
      const missing = want.filter((n) => !names.includes(n));
      if (missing.length > 0) throw new Error(`${name} lacks ${missing.join(", ")}`);
      files.set(name, await Deno.readFile(`${denoDir}/${name}`));
    }
    return { files, compiled };
  } finally {
    await Deno.remove(entry).catch(() => {});
    await Deno.remove(denoDir, { recursive: true });
  }
}

/** Runs this Deno with a `DENO_DIR` and nothing else from the environment. */
async function deno(args: string[], denoDir: string): Promise<void> {
  const r = await new Deno.Command(Deno.execPath(), {
    args,
    clearEnv: true,
    env: { DENO_DIR: denoDir, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!r.success) {
    throw new Error(`deno ${args[0]} failed:\n${new TextDecoder().decode(r.stderr)}`);
  }
}

/**
 * The bundle's chunks that hold only the runtime's own modules (by their source maps) and import
 * (statically) only such chunks: running them runs no code of the function's.
 */
async function runtimeChunks(appDir: string, runtimeRoot: string): Promise<string[]> {
  const own = new Map<string, string[]>(); // chunk → the chunks it imports statically
  for await (const e of Deno.readDir(appDir)) {
    if (!e.isFile || !e.name.endsWith(".js") || e.name === "main.js") continue;
    let sources: string[];
    try {
      sources = JSON.parse(await Deno.readTextFile(`${appDir}/${e.name}.map`)).sources;
    } catch {
      continue; // no map: unknown content
    }
    const runtime = sources.every((s) =>
      RUNTIME_DIRS.some((d) => s.startsWith(new URL(d, runtimeRoot).href))
    );
    if (!runtime) continue;
    const text = await Deno.readTextFile(`${appDir}/${e.name}`);
    const imports = [
      ...text.matchAll(/^(?:import|export)\b[^;]*?from\s+"\.\/([^"]+)"|^import\s+"\.\/([^"]+)"/gm),
    ]
      .map((m) => m[1] ?? m[2]);
    own.set(e.name, imports);
  }
  // drop, until none is left to drop, every chunk that imports one that is not the runtime's
  for (let changed = true; changed;) {
    changed = false;
    for (const [chunk, imports] of own) {
      if (imports.some((i) => !own.has(i))) {
        own.delete(chunk);
        changed = true;
      }
    }
  }
  return [...own.keys()].sort();
}

/**
 * Moves a cache's module URLs from `from` to `to`, drops the row of `drop`, compacts the file, and
 * returns the URLs it holds.
 */
function moveUrls(path: string, table: string, drop: string, from: string, to: string): string[] {
  const db = new DatabaseSync(path);
  try {
    db.prepare(`DELETE FROM ${table} WHERE specifier = ?`).run(drop);
    db.prepare(
      `UPDATE ${table} SET specifier = ? || substr(specifier, ?) WHERE substr(specifier, 1, ?) = ?`,
    ).run(to, from.length + 1, from.length, from);
    const names = db.prepare(`SELECT specifier FROM ${table}`).all().map((r) =>
      String(r.specifier)
    );
    db.exec("VACUUM");
    return names;
  } finally {
    db.close();
  }
}
