import assert from "node:assert/strict";
import { goBuild, haveGo, skipGo, skipGoNote } from "./support/mod.ts";

Deno.test("go.ts: skipGoNote follows skipGo", () => {
  assert.equal(skipGoNote, skipGo ? " (skipped: go not on PATH)" : "");
  if (haveGo) assert.equal(skipGo, false);
});

Deno.test("go.ts: goBuild rejects a package name that is not a plain directory", async () => {
  await assert.rejects(goBuild("../etc"), TypeError);
  await assert.rejects(goBuild(""), TypeError);
});

Deno.test({
  name: "go.ts: goBuild builds once and the binary runs" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const first = goBuild("lambdaserver");
    assert.equal(goBuild("lambdaserver"), first, "the second call shares the first build");
    const bin = await first;
    assert.match(bin, /target\/go\/lambdaserver$/);
    const child = new Deno.Command(bin, { args: ["-addr", "127.0.0.1:0"], stdout: "piped" })
      .spawn();
    try {
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      const { value } = await reader.read();
      reader.releaseLock();
      assert.match(JSON.parse(value!.split("\n")[0]).addr, /^127\.0\.0\.1:\d+$/);
    } finally {
      child.kill();
      await child.status;
      await child.stdout.cancel().catch(() => {});
    }
  },
});

Deno.test({
  name: "go.ts: a failing build names the package and carries go's message" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    await assert.rejects(goBuild("no_such_pkg"), (e: Error) => {
      assert.match(e.message, /goBuild\(no_such_pkg\): go build \.\/no_such_pkg/);
      assert.match(e.message, /no_such_pkg/);
      return true;
    });
  },
});
