// The rules ARCHITECTURE.md states, checked on the import graph Deno itself resolves (`deno info`
// over every TypeScript file of the repository): a package is a folder with a `mod.ts`, and a file
// belongs to the nearest such folder above it.
import { deepStrictEqual, ok } from "node:assert/strict";
import { fileURLToPath, pathToFileURL } from "node:url";
import { repoSources, ROOT } from "./repo_sources.ts";

interface Edge {
  from: string;
  to: string;
  dynamic: boolean;
  /** `import type` / `export type`: erased, loads nothing. */
  typeOnly: boolean;
}

/** Local import edges (static, dynamic and type-only) among the repository's own files. */
async function importGraph(files: string[]): Promise<Edge[]> {
  const entry = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    const lines = files.map((f) => `import ${JSON.stringify(pathToFileURL(ROOT + f).href)};`);
    await Deno.writeTextFile(entry, lines.join("\n"));
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", "--config", ROOT + "deno.json", entry],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    ok(out.success, new TextDecoder().decode(out.stderr));
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: {
        specifier: string;
        dependencies?: {
          code?: { specifier: string };
          type?: { specifier: string };
          isDynamic?: boolean;
        }[];
      }[];
    };
    const local = (s: string | undefined) =>
      s?.startsWith("file://") ? fileURLToPath(s).slice(ROOT.length) : undefined;
    const edges: Edge[] = [];
    for (const m of info.modules) {
      const from = local(m.specifier);
      if (from === undefined || !files.includes(from)) continue;
      for (const d of m.dependencies ?? []) {
        const code = local(d.code?.specifier);
        const type = local(d.type?.specifier);
        if (code !== undefined) {
          edges.push({ from, to: code, dynamic: d.isDynamic === true, typeOnly: false });
        }
        if (type !== undefined && type !== code) {
          edges.push({ from, to: type, dynamic: d.isDynamic === true, typeOnly: true });
        }
      }
    }
    return edges;
  } finally {
    await Deno.remove(entry);
  }
}

const files = await repoSources();
const edges = await importGraph(files);
const packages = files.filter((f) => f === "mod.ts" || f.endsWith("/mod.ts"))
  .map((f) => f.slice(0, -"mod.ts".length));

/** The package a file belongs to: the nearest folder above it with a `mod.ts` ("" is the root). */
function packageOf(file: string): string {
  let best = "";
  for (const p of packages) if (file.startsWith(p) && p.length > best.length) best = p;
  return best;
}

const inside = (dir: string) => (file: string) => file.startsWith(dir);

Deno.test("architecture: the graph was read (every package has files and edges)", () => {
  ok(files.length > 200, `${files.length} files`);
  ok(edges.length > 500, `${edges.length} edges`);
  for (
    const p of [
      "codec-as/",
      "codec-as/wasm/",
      "codec-as/go/",
      "server/",
      "server/core/",
      "server/log/",
      "server/go1x/",
      "server/runtime_api/",
      "http/",
      "emulator/",
      "events/",
    ]
  ) {
    ok(packages.includes(p), `${p} is a package (has mod.ts)`);
  }
});

Deno.test("architecture: an import into another package goes through that package's mod.ts", () => {
  const crossings = edges.filter((e) => {
    const target = packageOf(e.to);
    return e.to.endsWith(".ts") && packageOf(e.from) !== target && e.to !== target + "mod.ts";
  }).map((e) => `${e.from} → ${e.to}`);
  deepStrictEqual(crossings, []);
});

Deno.test("architecture: the invoke core imports no transport, logger, adapter or emulator", () => {
  const core = inside("server/core/");
  const bad = edges.filter((e) => core(e.from) && !core(e.to) && !inside("codec-as/")(e.to))
    .filter((e) => !e.from.endsWith("_test.ts"))
    .map((e) => `${e.from} → ${e.to}`);
  deepStrictEqual(bad, []);
});

Deno.test("architecture: the runtime never imports the HTTP adapter; events import no runtime or codec", () => {
  const runtime = (f: string) => inside("server/")(f) && !f.endsWith("_test.ts");
  const events = (f: string) => inside("events/")(f) && !f.endsWith("_test.ts");
  const bad = edges.filter((e) =>
    (runtime(e.from) && inside("http/")(e.to)) ||
    (events(e.from) && ["server/", "http/", "codec-as/", "emulator/"].some((d) => inside(d)(e.to)))
  ).map((e) => `${e.from} → ${e.to}`);
  deepStrictEqual(bad, []);
});

Deno.test("architecture: the deployed runtime (mod.ts, server/main.ts and all they load) carries no emulator, tool or test file", () => {
  const reach = new Set<string>();
  const todo = ["mod.ts", "server/main.ts"];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (reach.has(f)) continue;
    reach.add(f);
    for (const e of edges) if (e.from === f) todo.push(e.to);
  }
  ok(reach.has("server/runtime_api/loop.ts") && reach.has("server/go1x/rpc_server.ts"));
  const bad = [...reach].filter((f) =>
    ["emulator/", "tools/", "tests/", "bench/"].some((d) => inside(d)(f))
  );
  deepStrictEqual(bad, []);
});

Deno.test("architecture: importing the runtime loads neither transport's machinery; start loads the one it serves", () => {
  // what `import ... from "mod.ts"` evaluates before the function's own code runs: static code
  // imports only (a cold start parses every module it loads)
  const loaded = new Set<string>();
  const todo = ["mod.ts"];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (loaded.has(f)) continue;
    loaded.add(f);
    for (const e of edges) if (e.from === f && !e.dynamic && !e.typeOnly) todo.push(e.to);
  }
  ok(loaded.has("server/start.ts") && loaded.has("server/runtime_api/init_error.ts"));
  const heavy = [...loaded].filter((f) =>
    inside("server/go1x/")(f) || inside("codec-as/decode/")(f) || inside("codec-as/encode/")(f) ||
    /^server\/runtime_api\/(loop|client|invocation|post_outcome|_http1_\w+)\.ts$/.test(f)
  );
  deepStrictEqual(heavy, []);
  // and each is one dynamic import away
  const dynamic = edges.filter((e) => e.dynamic).map((e) => `${e.from} → ${e.to}`);
  ok(dynamic.includes("server/start.ts → server/go1x/mod.ts"), dynamic.join("\n"));
  ok(
    dynamic.includes("server/runtime_api/run.ts → server/runtime_api/loop.ts"),
    dynamic.join("\n"),
  );
});

Deno.test("architecture: a hand-written file over 300 lines says at its top why it is long", async () => {
  const unexplained: string[] = [];
  for (const f of files) {
    const text = await Deno.readTextFile(ROOT + f);
    const lines = text.split("\n");
    if (lines.length <= 300 || text.startsWith("// @generated")) continue;
    const top = lines.slice(0, 40).join("\n");
    if (!/^\s*(\/\/|\*)\s*Length: \S/m.test(top)) unexplained.push(`${f} (${lines.length} lines)`);
  }
  deepStrictEqual(unexplained, []);
});
