// `deno task package`: the zip is unpacked into a temp dir and its bootstrap invoked under the
// project's emulators.
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { buildPackage } from "../tools/package.ts";
import { invokeRuntimeApi } from "../emulator/mod.ts";

const fixture = (name: string) =>
  new URL(`./runtime_api_fixtures/${name}`, import.meta.url).pathname;
const cacheDir = new URL("../target/package-cache", import.meta.url).pathname;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * Invokes a built package's `bootstrap` once through the go1.x emulator (as the function binary,
 * with `_LAMBDA_SERVER_PORT`) and returns the response payload as text.
 */
async function invokePackagedGo1x(dir: string, event: string): Promise<string> {
  const go1x = "../emulator/go1x_service.ts";
  const { invokeLocally } = await import(go1x);
  const outcome = await invokeLocally({
    entry: `${dir}/task/bootstrap`,
    event: new TextEncoder().encode(event),
    output: () => {},
    startTimeoutMs: 60_000, // a cold bin/deno on a loaded machine can be slow
  });
  assert.equal(outcome.kind, "ok", JSON.stringify(outcome));
  return text(outcome.payload);
}

/** Every file under dir with its size and modification time. */
async function listing(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...await listing(path, `${prefix}${e.name}/`));
    else {
      const s = await Deno.stat(path);
      out.push(`${prefix}${e.name} ${s.size} ${s.mtime?.getTime()}`);
    }
  }
  return out.sort();
}

/** The modules a Deno module-analysis cache holds: URL and text hash, sorted. */
function analysedModules(path: string): string[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare("SELECT specifier, CAST(source_hash AS TEXT) AS hash FROM moduleinfocache")
      .all()
      .map((row) => `${row.specifier} ${row.hash}`).sort();
  } finally {
    db.close();
  }
}

async function unzip(zipPath: string, dir: string): Promise<void> {
  const r = await new Deno.Command("unzip", { args: ["-q", zipPath, "-d", dir] }).output();
  assert.equal(r.success, true, new TextDecoder().decode(r.stderr));
}

const have = (cmd: string, arg: string) =>
  new Deno.Command(cmd, { args: [arg], stdout: "null", stderr: "null" }).output()
    .then((r) => r.success, () => false);
let codecLanded = false;
try {
  await Deno.stat(new URL("../codec-as/mod.ts", import.meta.url));
  codecLanded = true;
} catch {
  // the go1.x transport needs the codec
}
const haveUnzip = await have("unzip", "-v");
// script mode fetches the Deno binary with npm (deno compile needs a denort we may not have)
const haveNpm = await have("npm", "--version");
const skip = !haveUnzip
  ? " (skipped: unzip not on PATH)"
  : !haveNpm
  ? " (skipped: npm not on PATH)"
  : "";

Deno.test({
  name: "package: the zip's bootstrap serves invocations under the Runtime API emulator" + skip,
  ignore: skip !== "",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const zipPath = `${dir}/function.zip`;
      const r = await buildPackage({
        entry: fixture("exported.ts"),
        output: zipPath,
        cacheDir,
        taskRoot: `${dir}/task`,
        log: () => {},
      });
      assert.equal(r.size, (await Deno.stat(zipPath)).size);
      assert.equal(r.files.includes("bootstrap"), true);
      let modules = 0;
      if (r.mode === "script") {
        // the bootstrap script, the bundle's entry and its chunks (the function's among them), each
        // followed by its source map, Deno's analysis of them, Deno
        assert.deepEqual(r.files.slice(0, 3), ["bootstrap", "main.js", "main.js.map"]);
        assert.deepEqual(r.files.slice(-2), ["cache/dep_analysis_cache_v2", "bin/deno"]);
        const chunks = r.files.slice(1, -2);
        assert.ok(
          chunks.every((f, i) =>
            i % 2 === 0 ? /^[\w-]+\.js$/.test(f) : f === `${chunks[i - 1]}.map`
          ),
          r.files.join(", "),
        );
        assert.ok(r.files.some((f) => f.startsWith("exported-")), r.files.join(", "));
        modules = chunks.length / 2;
      }
      await unzip(zipPath, `${dir}/task`);
      assert.equal(((await Deno.stat(`${dir}/task/bootstrap`)).mode ?? 0) & 0o111, 0o111);
      const before = await listing(`${dir}/task`);
      const result = await invokeRuntimeApi({
        command: [`${dir}/task/bootstrap`],
        cwd: `${dir}/task`,
        event: '{"n":5}',
        count: 2,
        output: "piped",
        env: { LAMBDA_TASK_ROOT: `${dir}/task`, DENO_DIR: `${dir}/deno_dir` },
      });
      assert.deepEqual(
        result.outcomes.map((o) => o.type === "response" ? text(o.payload) : o.type),
        ["10", "10"],
        result.stderr,
      );
      assert.deepEqual(result.exitCodes, [0]);
      // Lambda's code directory is read-only: running must not write beside the code
      assert.deepEqual(await listing(`${dir}/task`), before);
      if (r.mode === "script") {
        // the shipped analysis names every module as it ran: Deno analysed none of them again
        const shipped = analysedModules(`${dir}/task/cache/dep_analysis_cache_v2`);
        assert.equal(shipped.length, modules);
        assert.deepEqual(analysedModules(`${dir}/deno_dir/dep_analysis_cache_v2`), shipped);
      }
      if (codecLanded) {
        // go1.x: a module that only exports its handler is started by the package's entry too
        assert.equal(await invokePackagedGo1x(dir, '{"n":8}'), "16");
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "package: the bootstrap caps V8's heap by the function's memory size" + skip,
  ignore: skip !== "",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      await buildPackage({
        entry: fixture("heap_limit.ts"),
        output: `${dir}/f.zip`,
        cacheDir,
        log: () => {},
      });
      await unzip(`${dir}/f.zip`, `${dir}/task`);
      const limit = async (env: Record<string, string>) => {
        const r = await invokeRuntimeApi({
          command: [`${dir}/task/bootstrap`],
          env,
          output: "piped",
        });
        const o = r.outcomes[0];
        assert.equal(o.type, "response", r.stderr);
        return Number(text((o as { payload: Uint8Array }).payload));
      };
      // 128 MB: 128 × 0.9 − 48 = 67 MiB of old generation, plus the 1 MiB semi-spaces
      const small = await limit({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128" });
      assert.ok(small >= 67 && small <= 72, `heap limit at 128 MB: ${small} MiB`);
      const large = await limit({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024" });
      assert.ok(large >= 873 && large <= 880, `heap limit at 1024 MB: ${large} MiB`);
      // no (or a malformed) size: V8's own default, sized from the machine
      const none = await limit({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "12x" });
      assert.ok(none > large || none > 1024, `default heap limit: ${none} MiB`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "package: an init failure inside the packaged function reaches /init/error" + skip,
  ignore: skip !== "",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      await buildPackage({
        entry: fixture("init_throw.ts"),
        output: `${dir}/f.zip`,
        cacheDir,
        log: () => {},
      });
      await unzip(`${dir}/f.zip`, `${dir}/task`);
      const result = await invokeRuntimeApi({
        command: [`${dir}/task/bootstrap`],
        output: "piped",
      });
      assert.equal(result.outcomes[0].type, "init-error");
      // the header is Lambda's category; the document keeps the error's own type
      assert.equal(result.initError?.errorTypeHeader, "Runtime.Unknown");
      assert.equal((result.initError?.body as { errorType: string }).errorType, "RangeError");
      assert.equal(
        (result.initError?.body as { errorMessage: string }).errorMessage,
        "FIXTURE_CONFIG is not set",
      );
      assert.deepEqual(result.exitCodes, [1]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

const skipGo1x = skip !== ""
  ? skip
  : !codecLanded
  ? " (skipped: codec-as/mod.ts not there yet, the go1.x transport needs it)"
  : "";

Deno.test({
  name: "package: one zip serves both protocols (Runtime API and go1.x)" + skipGo1x,
  ignore: skipGo1x !== "",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      await buildPackage({
        entry: fixture("start_echo.ts"),
        output: `${dir}/f.zip`,
        cacheDir,
        log: () => {},
      });
      await unzip(`${dir}/f.zip`, `${dir}/task`);
      const api = await invokeRuntimeApi({
        command: [`${dir}/task/bootstrap`],
        event: '{"p":"api"}',
        output: "piped",
      });
      const o = api.outcomes[0];
      assert.equal(o.type === "response" && text(o.payload), '{"echo":{"p":"api"}}', api.stderr);
      // go1.x: the emulator runs the bootstrap as the function binary with _LAMBDA_SERVER_PORT
      assert.equal(await invokePackagedGo1x(dir, '{"p":"go"}'), '{"echo":{"p":"go"}}');
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
