/**
 * The fuzz corpus: every recorded Go gob stream (`tests/fixtures/gob/*.gob`), both directions of
 * every recorded net/rpc session (`tests/fixtures/rpc/*.gob`), and the regression inputs
 * (`tests/fixtures/fuzz/*.bin`).
 *
 * @module
 */
import type { Seed } from "./mutate.ts";

const ROOT = new URL("../../tests/fixtures/", import.meta.url);

/**
 * Reads the seeds of one fixture directory.
 * @param dir directory under tests/fixtures (`gob`, `rpc`, `fuzz`)
 * @param ext file extension to take
 * @returns the seeds, sorted by name
 * @example
 * ```ts ignore
 * import { readSeeds } from "./corpus.ts";
 * console.log((await readSeeds("rpc", ".client.gob")).length > 0);
 * ```
 */
export async function readSeeds(dir: string, ext: string): Promise<Seed[]> {
  const url = new URL(`${dir}/`, ROOT);
  const out: Seed[] = [];
  try {
    for await (const e of Deno.readDir(url)) {
      if (!e.isFile || !e.name.endsWith(ext)) continue;
      out.push({ name: `${dir}/${e.name}`, bytes: await Deno.readFile(new URL(e.name, url)) });
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * The decoder corpus (gob streams, rpc streams, regression inputs).
 * @returns the seeds
 * @example
 * ```ts ignore
 * import { decoderCorpus } from "./corpus.ts";
 * console.log((await decoderCorpus()).length);
 * ```
 */
export async function decoderCorpus(): Promise<Seed[]> {
  return [
    ...await readSeeds("gob", ".gob"),
    ...await readSeeds("rpc", ".gob"),
    ...await readSeeds("fuzz", ".bin"),
  ];
}

/**
 * The server corpus: what Go's net/rpc clients sent (the `*.client.gob` sessions).
 * @returns the seeds
 * @example
 * ```ts ignore
 * import { serverCorpus } from "./corpus.ts";
 * console.log((await serverCorpus()).length);
 * ```
 */
export async function serverCorpus(): Promise<Seed[]> {
  return await readSeeds("rpc", ".client.gob");
}

/** Where regression inputs live. */
export const FUZZ_FIXTURES: URL = new URL("fuzz/", ROOT);
