import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { skipGo, skipGoNote } from "./go.ts";

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
