// Start-up cost is part of issue 6: Deno's Node.js compatibility layer costs ~10 ms to load, so
// the go1.x path (`mod.ts` → `start`) must not import any `node:` module statically. The Runtime
// API transport and the `node:async_hooks` fallback are loaded dynamically, where needed.
import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundle } from "../tools/package.ts";

interface InfoDependency {
  code?: { specifier: string };
  isDynamic?: boolean;
}
interface InfoModule {
  specifier: string;
  dependencies?: InfoDependency[];
}

async function staticGraph(entry: string): Promise<Set<string>> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  ok(out.success, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    roots: string[];
    modules: InfoModule[];
  };
  const bySpecifier = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const todo = [...info.roots];
  while (todo.length > 0) {
    const s = todo.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const d of bySpecifier.get(s)?.dependencies ?? []) {
      if (d.code !== undefined && !d.isDynamic) todo.push(d.code.specifier);
    }
  }
  return seen;
}

Deno.test("importing mod.ts loads no node: module (the Node layer stays off the go1.x start-up)", async () => {
  const graph = await staticGraph(fileURLToPath(new URL("../mod.ts", import.meta.url)));
  ok(graph.size > 10, `the graph was read (${graph.size} modules)`);
  deepStrictEqual([...graph].filter((s) => s.startsWith("node:")), []);
});

Deno.test("the deno bundle of mod.ts (what `package` ships) imports node: modules only lazily", async () => {
  // esbuild hoists the static imports of dynamically imported modules to the bundle's top: a
  // `import http from "node:http"` in the Runtime API client once cost every bundled function
  // ~30 ms of start-up. Such imports must be dynamic inside the code that needs them.
  const out = await Deno.makeTempFile({ suffix: ".js" });
  try {
    await bundle(fileURLToPath(new URL("../mod.ts", import.meta.url)), out);
    const text = await Deno.readTextFile(out);
    ok(text.includes("GobDecoder"), "the bundle holds the runtime");
    const eager = text.split("\n").filter((l) => /^\s*import\b[^(]*["']node:/.test(l));
    deepStrictEqual(eager, []);
  } finally {
    await Deno.remove(out);
  }
});

Deno.test("the bundle decodes its inlined gob.wasm with Uint8Array.fromBase64, and it runs", async () => {
  // deno bundle writes `Uint8Array.from(atob("…"), (c) => c.charCodeAt(0))`: ~3.8 ms of start-up
  // for gob.wasm; `package`'s bundle() rewrites it (tools/package.ts fastWasmBytes).
  const out = await Deno.makeTempFile({ suffix: ".js" });
  try {
    await bundle(fileURLToPath(new URL("../codec-as/mod.ts", import.meta.url)), out);
    const text = await Deno.readTextFile(out);
    ok(!text.includes("atob("), "no per-byte base64 decoding left");
    equal(text.match(/Uint8Array\.fromBase64\("[A-Za-z0-9+/=]+"\)/g)?.length, 1);
    const codec = await import(pathToFileURL(out).href);
    const enc = new codec.GobEncoder();
    enc.encode(codec.gob.string, "ƛ");
    const dec = new codec.GobDecoder();
    dec.push(enc.take());
    equal(dec.next(codec.gob.string), "ƛ");
  } finally {
    await Deno.remove(out);
  }
});
