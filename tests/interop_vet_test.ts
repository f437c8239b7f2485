import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { skipGo, skipGoNote } from "./support/mod.ts";

const modules = ["./interop/", "../bench/go/"].map((p) =>
  fileURLToPath(new URL(p, import.meta.url))
);

async function go(cwd: string, cmd: string, args: string[]) {
  const out = await new Deno.Command(cmd, {
    args,
    cwd,
    env: { GOPROXY: "off", GOFLAGS: "-mod=mod", GOWORK: "off" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { ok: out.success, text: dec.decode(out.stdout) + dec.decode(out.stderr) };
}

for (const dir of modules) {
  const missing = !exists(dir);
  Deno.test({
    name: `go vet and gofmt are clean in ${dir.replace(/.*\/(tests|bench)\//, "$1/")}` +
      (missing ? " (skipped: directory missing)" : skipGoNote),
    ignore: skipGo || missing,
    fn: async () => {
      const vet = await go(dir, "go", ["vet", "./..."]);
      assert.ok(vet.ok, vet.text);
      const fmt = await go(dir, "gofmt", ["-l", "."]);
      assert.ok(fmt.ok, fmt.text);
      assert.equal(fmt.text, "", `gofmt would change: ${fmt.text}`);
    },
  });
}

function exists(dir: string): boolean {
  try {
    return Deno.statSync(dir).isDirectory;
  } catch {
    return false;
  }
}
