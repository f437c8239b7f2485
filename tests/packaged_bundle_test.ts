/**
 * What `package` bundles: the runtime's entry and the function's module in one graph, so that
 * every module — the runtime's stateful ones above all (the Context store, the logger, init-error
 * reporting, the loop) — exists exactly once in a deployed function, however the function's module
 * is written; and source maps that name the original modules.
 */
import assert from "node:assert/strict";
import { bundleFunction } from "../tools/package.ts";

const ROOT = new URL("../", import.meta.url);
const RUNTIME_STATE = [
  "server/load_module.ts",
  "server/start.ts",
  "server/core/context.ts",
  "server/core/async_store.ts",
  "server/core/invoke.ts",
  "server/core/_handler_error.ts",
  "server/log/logger.ts",
  "server/runtime_api/init_error.ts",
  "server/runtime_api/loop.ts",
  "server/runtime_api/invoke_store.ts",
  "server/go1x/serve.ts",
];

/** Each bundled file's inline source map `sources`, by file. */
function sourcesOf(js: string): string[] {
  const m = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(js);
  assert.ok(m, "an inline source map");
  return JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(m[1]))).sources;
}

for (
  const [example, how] of [
    ["examples/logger.ts", "if (import.meta.main) start(handler)"],
    ["tests/runtime_api_fixtures/exported.ts", "only exports handler"],
    ["tests/runtime_api_fixtures/start_echo.ts", "calls start itself"],
  ]
) {
  Deno.test(`bundle: ${example} (${how}) holds each runtime module exactly once`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const files = await bundleFunction(new URL(example, ROOT).pathname, dir);
      assert.equal(files[0], "main.js");
      const texts = await Promise.all(files.map((f) => Deno.readTextFile(`${dir}/${f}`)));
      // by the source maps: every module is in one file, once
      const all = texts.flatMap(sourcesOf);
      const counts = new Map<string, number>();
      for (const s of all) counts.set(s, (counts.get(s) ?? 0) + 1);
      assert.deepEqual([...counts].filter(([, n]) => n !== 1), []);
      for (const module of [...RUNTIME_STATE, example]) {
        assert.equal(counts.get(new URL(module, ROOT).href), 1, module);
      }
      // by the bundler's own marks (`// path/of/module.ts` above each module's code)
      for (const module of RUNTIME_STATE) {
        const marks = texts.join("\n").split("\n").filter((l) =>
          l === `// ${module}` || (l.startsWith("// ") && l.endsWith(`/${module}`))
        );
        assert.equal(marks.length, 1, `${module}: ${marks.join(", ")}`);
      }
      // the function's module is a chunk of its own, imported by main.js, not the main module
      const own = files.filter((_, i) => sourcesOf(texts[i]).includes(new URL(example, ROOT).href));
      assert.equal(own.length, 1);
      assert.notEqual(own[0], "main.js");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
