/**
 * `deno task compile`: the command it builds, and — when a denort base binary is available through
 * `DENORT_BIN` — a real compile of examples/hello.ts invoked under the go1.x emulator.
 */
import assert from "node:assert/strict";
import { compileCommand, FUNCTION_PERMISSIONS, parseCompileArgs } from "../tools/compile.ts";
import { invokeLocally } from "../emulator/mod.ts";

function denortAvailable(): boolean {
  const path = Deno.env.get("DENORT_BIN");
  if (path === undefined) return false;
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
const haveDenort = denortAvailable();
const skipNote = haveDenort
  ? ""
  : " (skipped: no denort base binary — DENORT_BIN is unset or missing, and this machine cannot download one)";

Deno.test("compile: arguments, defaults and the deno compile command line", () => {
  assert.deepEqual(parseCompileArgs(["examples/hello.ts"]), {
    entry: "examples/hello.ts",
    output: "dist/hello",
    arch: "x86_64",
  });
  const arm = parseCompileArgs(["--arch", "arm64", "fn.ts", "-o", "/tmp/bootstrap"]);
  assert.deepEqual(arm, { entry: "fn.ts", output: "/tmp/bootstrap", arch: "arm64" });
  assert.deepEqual(compileCommand(arm), [
    "compile",
    "--allow-net",
    "--allow-env",
    "--allow-read",
    "--allow-write=/tmp",
    "--v8-flags=--max-semi-space-size=1",
    "--no-prompt",
    "--target",
    "aarch64-unknown-linux-gnu",
    "--output",
    "/tmp/bootstrap",
    "fn.ts",
  ]);
  assert.deepEqual(FUNCTION_PERMISSIONS, [
    "--allow-net",
    "--allow-env",
    "--allow-read",
    "--allow-write=/tmp",
  ]);
  assert.throws(() => parseCompileArgs([]), /missing the function's entry/);
  assert.throws(
    () => parseCompileArgs(["a.ts", "--arch", "mips"]),
    /--arch must be x86_64 or arm64/,
  );
  assert.throws(() => parseCompileArgs(["a.ts", "--bogus"]), /unknown option --bogus/);
});

Deno.test("compile --memory: the binary's V8 flags cap the old generation for that size", () => {
  const small = parseCompileArgs(["fn.ts", "--memory", "128"]);
  assert.equal(small.memoryMb, 128);
  assert.ok(
    compileCommand(small).includes("--v8-flags=--max-semi-space-size=1,--max-old-space-size=67"),
  );
  const large = compileCommand(parseCompileArgs(["fn.ts", "--memory", "10240"]));
  assert.ok(large.includes("--v8-flags=--max-semi-space-size=1,--max-old-space-size=9168"));
  for (const bad of ["127", "10241", "1e3", "512MB", ""]) {
    assert.throws(() => parseCompileArgs(["fn.ts", "--memory", bad]), /128 to 10240/, bad);
  }
});

Deno.test({
  name: "compile: examples/hello.ts becomes a binary that answers the go1.x emulator" + skipNote,
  ignore: !haveDenort,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const out = `${dir}/hello`;
      const r = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "build.ts", "compile", "examples/hello.ts", "-o", out],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
      const outcome = await invokeLocally({ entry: out, output: () => {} });
      assert.equal(outcome.kind, "ok");
      if (outcome.kind === "ok") {
        assert.equal(new TextDecoder().decode(outcome.payload), '"Hello ƛ!"');
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("compile: gob.wasm is in the static module graph of a function, so deno compile embeds it", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "examples/hello.ts"],
    cwd: new URL("../", import.meta.url).pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const graph = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { specifier: string }[];
  };
  assert.ok(graph.modules.some((m) => m.specifier.endsWith("/codec-as/gob.wasm")));
});
