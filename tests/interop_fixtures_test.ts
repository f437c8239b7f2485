import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { goBuild, skipGo, skipGoNote } from "./support/mod.ts";

const gobDir = new URL("./fixtures/gob/", import.meta.url);

interface Entry {
  name: string;
  category: string;
  types: string[];
  decls: string;
  values: number;
  bytes: number;
  deterministicBytes: boolean;
}

async function readIndex(dir: URL): Promise<{ fixtures: Entry[] }> {
  return JSON.parse(await Deno.readTextFile(new URL("index.json", dir)));
}

Deno.test("fixtures/gob: index.json lists every file, with matching sizes and line counts", async () => {
  const { fixtures } = await readIndex(gobDir);
  assert.ok(fixtures.length >= 70, `expected ≥ 70 fixtures, found ${fixtures.length}`);
  const names = new Set(fixtures.map((f) => f.name));
  assert.equal(names.size, fixtures.length, "fixture names are unique");
  const files = new Set<string>();
  for await (const e of Deno.readDir(gobDir)) files.add(e.name);
  assert.deepEqual(
    [...files].sort(),
    ["index.json", ...fixtures.flatMap((f) => [f.name + ".gob", f.name + ".json"])].sort(),
  );
  for (const f of fixtures) {
    const gob = await Deno.readFile(new URL(f.name + ".gob", gobDir));
    assert.equal(gob.length, f.bytes, `${f.name}.gob size`);
    assert.equal(f.types.length, f.values, `${f.name}: one type per value`);
    const lines = (await Deno.readTextFile(new URL(f.name + ".json", gobDir))).split("\n");
    assert.equal(lines.pop(), "", `${f.name}.json ends with a newline`);
    assert.equal(lines.length, f.values, `${f.name}.json: one line per value`);
    for (const line of lines) JSON.parse(line);
  }
});

Deno.test({
  name: "fixtures/gob: re-recording with Go gives the committed fixtures" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const bin = await goBuild("gobrecord");
    const out = await Deno.makeTempDir({ prefix: "gobrecord-" });
    try {
      const run = await new Deno.Command(bin, { args: ["-out", out], stderr: "piped" }).output();
      assert.ok(run.success, new TextDecoder().decode(run.stderr));
      const outUrl = pathToFileURL(out + "/");
      const fresh = await readIndex(outUrl);
      assert.deepEqual(fresh, await readIndex(gobDir), "index.json is up to date");
      for (const f of fresh.fixtures) {
        const read = (dir: URL, ext: string) => Deno.readFile(new URL(f.name + ext, dir));
        assert.deepEqual(await read(outUrl, ".json"), await read(gobDir, ".json"), f.name);
        if (f.deterministicBytes) {
          assert.deepEqual(await read(outUrl, ".gob"), await read(gobDir, ".gob"), f.name);
        }
      }
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
