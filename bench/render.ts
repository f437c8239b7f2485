/**
 * `deno task bench:render`: regenerates every record's table (`.md`) and chart (`.svg`) in
 * `bench/results/` from its JSON alone (`record.ts`), e.g. after the renderers change.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { renderCompare } from "./compare_render.ts";
import { type BenchRecord, type Renderer, writeRecord } from "./record.ts";
import { renderCommand } from "./record_command.ts";
import { renderRuntimeApi } from "./runtime_api_render.ts";

const RENDERERS: Record<BenchRecord["bench"], Renderer> = {
  "compare": renderCompare,
  "runtime-api": renderRuntimeApi,
  "fuzz": renderCommand,
  "soak": renderCommand,
};

/**
 * Re-renders every `*.json` record in a directory.
 *
 * @param dir The directory, with a trailing slash.
 * @returns The base names rendered.
 * @throws {Error} When a record names no known benchmark.
 */
export async function renderAll(dir: string): Promise<string[]> {
  const done: string[] = [];
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".json"))
    .sort();
  for (const name of names) {
    const r: BenchRecord = JSON.parse(await Deno.readTextFile(dir + name));
    const render = RENDERERS[r.bench];
    if (!render) throw new Error(`${name}: unknown bench ${JSON.stringify(r.bench)}`);
    await writeRecord(dir, r, render, name.slice(0, -".json".length));
    done.push(name.slice(0, -".json".length));
  }
  return done;
}

if (import.meta.main) {
  const dir = Deno.args[0] ?? fileURLToPath(new URL("results/", import.meta.url));
  for (const name of await renderAll(dir.replace(/\/?$/, "/"))) {
    console.log(`rendered ${name}`);
  }
}
