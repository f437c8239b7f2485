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

/**
 * Extra seeds from the random Go type program (`tests/interop/gobrand`, CONTRACTS §5): one gob
 * stream per random Go type (maps, arrays, interfaces, time.Time, nested structs…), made by Go.
 * Needs `go` on PATH.
 * @param seed gobrand's seed
 * @param types how many types (streams)
 * @param values values per stream
 * @returns the seeds (`gobrand/<seed>/<case>`)
 * @throws {Error} when the program cannot be built or fails
 * @example
 * ```ts ignore
 * import { gobrandSeeds } from "./corpus.ts";
 * console.log((await gobrandSeeds(1, 10, 2)).length); // 10
 * ```
 */
export async function gobrandSeeds(seed: number, types: number, values: number): Promise<Seed[]> {
  const { goBuild } = await import("../../tests/support/mod.ts");
  const bin = await goBuild("gobrand");
  const out = await new Deno.Command(bin, {
    args: ["gen", "-seed", String(seed), "-types", String(types), "-values", String(values)],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`gobrand gen failed: ${new TextDecoder().decode(out.stderr).slice(0, 500)}`);
  }
  const seeds: Seed[] = [];
  for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
    if (line.trim() === "") continue;
    const c = JSON.parse(line) as { case: number; gob: string };
    seeds.push({
      name: `gobrand/${seed}/${c.case}`,
      bytes: Uint8Array.from(atob(c.gob), (ch) => ch.charCodeAt(0)),
    });
  }
  return seeds;
}
