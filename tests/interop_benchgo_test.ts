import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { skipGo, skipGoNote } from "./support/mod.ts";

const dir = fileURLToPath(new URL("../bench/go/", import.meta.url));

Deno.test({
  name: "bench/go: Go's gob benchmark prints one JSON line per codec benchmark group" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const out = await new Deno.Command("go", {
      args: ["run", ".", "-time", "3x"],
      cwd: dir,
      env: { GOPROXY: "off", GOFLAGS: "-mod=mod", GOWORK: "off" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    const lines = new TextDecoder().decode(out.stdout).trimEnd().split("\n").map((l) =>
      JSON.parse(l)
    );
    const sizes = ["100 B", "10 KB", "1 MB"];
    assert.deepEqual(lines.map((l) => l.group), [
      ...sizes.flatMap((s) => [
        `decode Request+InvokeRequest ${s}`,
        `encode Response+InvokeResponse ${s}`,
      ]),
      "struct-heavy decode",
      "struct-heavy encode",
    ]);
    for (const l of lines) {
      assert.equal(l.n, 3);
      assert.ok(l.ns_per_op > 0, `${l.name} took time`);
      assert.match(l.go, /^go1\./);
    }
  },
});

Deno.test("bench/go/compare.ts: joins Deno and Go results by group and formats ratios", async () => {
  const { denoBenches, join, table } = await import("../bench/go/compare.ts");
  const deno = denoBenches({
    benches: [
      {
        group: "g",
        name: "gob decode",
        baseline: false,
        results: [{ ok: { avg: 500, p75: 400 } }],
      },
      { group: "g", name: "JSON.parse", baseline: true, results: [{ ok: { avg: 2000, p75: 1 } }] },
      { group: "h", name: "gob encode", baseline: false, results: [{ failed: "x" }] },
    ],
  });
  assert.equal(deno.length, 2, "a failed bench is left out");
  const rows = join(deno, [
    { group: "g", name: "go gob decode", ns_per_op: 1000 },
    { group: "h", name: "go gob encode", ns_per_op: 1000 },
  ]);
  assert.deepEqual(rows, [{ group: "g", oursAvg: 500, oursP75: 400, go: 1000, jsonAvg: 2000 }]);
  assert.equal(table(rows).split("\n")[2], "| g | 0.50 | 0.40 | 1.00 | 0.50× | 0.40× | 2.00 |");
  assert.throws(() => denoBenches({}), TypeError);
});
