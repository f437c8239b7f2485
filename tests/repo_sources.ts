/**
 * The repository's own TypeScript files, for the tests that check rules over all of them
 * (architecture, doc examples): everything but build output, fixtures and AssemblyScript.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** The repository's root folder, with a trailing slash. */
export const ROOT: string = fileURLToPath(new URL("../", import.meta.url));

const SKIP = new Set([".git", "target", "dist", "node_modules", "fixtures", "out", "testdata"]);

/**
 * Every `.ts` file of the repository, as paths relative to its root, sorted.
 *
 * @param dir A folder below the root to start from ("" for all).
 * @returns The paths.
 * @example
 * ```ts
 * import { repoSources } from "./repo_sources.ts";
 * import { ok } from "node:assert/strict";
 * const files = await repoSources();
 * ok(files.includes("mod.ts") && !files.some((f) => f.startsWith("codec-as/assembly/")));
 * ```
 */
export async function repoSources(dir = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const e of Deno.readDir(ROOT + dir)) {
    const path = dir + e.name;
    if (e.isDirectory) {
      // `codec-as/assembly/` is AssemblyScript, compiled by asc, not part of Deno's graph.
      if (!SKIP.has(e.name) && path !== "codec-as/assembly") {
        found.push(...await repoSources(path + "/"));
      }
    } else if (e.name.endsWith(".ts")) {
      found.push(path);
    }
  }
  return found.sort();
}
