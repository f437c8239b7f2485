/**
 * A user's function in a project of its own (`tests/fixtures/user_project/`: its own `deno.json`
 * with an import map — `hono` from npm, `lambda-gob`, `@app/` — and its lockfile), run through
 * the `lambda-gob` command by URL (`deno run -A <url>/cli.ts …`; a file: URL stands in for the
 * https one) from the project's folder: `invoke` in both protocols, `package`, and the package
 * invoked in both protocols with the same results and the same error frames.
 */
import assert from "node:assert/strict";
import { packagedSkip } from "./packaged.ts";
import { runCommand } from "./runtime_cli.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const CLI = new URL("../cli.ts", import.meta.url).href;
const PROJECT = `${ROOT}tests/fixtures/user_project`;

/** `deno run -A <cli.ts URL> …args` from the project's folder. */
function lambdaGob(args: string[], stdin?: string) {
  return runCommand(Deno.execPath(), ["run", "-A", CLI, ...args], {
    cwd: PROJECT,
    env: {
      AWS_REGION: "us-east-1",
      LAMBDA_GOB_CACHE: `${ROOT}target/package-cache`,
      NO_COLOR: "1",
    },
    stdin,
  });
}

// Frames inside a bundled npm package (here Hono's, in the error Hono logs) are where the
// bundler's source map puts them: its own line numbers and class names, not the package's.
const NPM_FRAME = /at [^\r\n(]+\(file:\/\/\/[^\r\n)]*\/registry\.npmjs\.org\/[^\r\n)]*\)/g;

const masked = (text: string) =>
  text
    .replace(NPM_FRAME, "at <a frame in an npm package>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, "<time>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
    .replace(/Duration: [\d.]+ ms\tBilled Duration: \d+ ms/g, "<duration>");

const PROTOCOLS = [[], ["--runtime-api"]];
const NAMED = ["--env", "AWS_LAMBDA_FUNCTION_NAME=handler"];

/** What invoking the function with `name` gives, from an entry, in a protocol. */
async function greet(entry: string, protocol: string[], name: string) {
  return await lambdaGob(
    ["invoke", entry, ...protocol, ...NAMED, "--event", "-"],
    JSON.stringify({ name }),
  );
}

Deno.test("user project: invoke by URL uses the project's import map (npm hono, @app/), both protocols", async () => {
  for (const protocol of PROTOCOLS) {
    const r = await greet("handler.ts", protocol, "ƛ");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const requestId = /^START RequestId: (\S+)/m.exec(r.stderr)?.[1];
    assert.deepEqual(out, { greeting: "Hello ƛ!", requestId });
    // console.error taken at import time writes records too: at init, then in the invocation
    const records = r.stderr.split("\n").filter((l) => /^\d{4}-/.test(l)).map((l) =>
      l.split("\t").slice(1)
    );
    assert.deepEqual(records, [
      ["undefined", "ERROR", "cold start"],
      [requestId, "ERROR", "greeting ƛ"],
      [requestId, "INFO", "through the logger"],
    ]);
  }
});

Deno.test({
  name:
    "user project: package by URL; the package answers as the source does, errors and frames alike" +
    packagedSkip,
  ignore: packagedSkip !== "",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const built = await lambdaGob(["package", "handler.ts", "-o", `${dir}/out/handler.zip`]);
      assert.equal(built.code, 0, built.stderr);
      assert.match(built.stdout, /handler\.zip: \d+ bytes/);
      const unzip = await new Deno.Command("unzip", {
        args: ["-q", `${dir}/out/handler.zip`, "-d", `${dir}/task`],
      }).output();
      assert.ok(unzip.success);
      for (const protocol of PROTOCOLS) {
        for (const name of ["ƛ", ""]) {
          const source = await greet("handler.ts", protocol, name);
          const packaged = await greet(`${dir}/task/bootstrap`, protocol, name);
          assert.deepEqual(
            [packaged.code, masked(packaged.stdout), masked(packaged.stderr)],
            [source.code, masked(source.stdout), masked(source.stderr)],
          );
          if (name === "") {
            // the error from the project's own module: the user's frames only, as from source
            assert.equal(source.code, 1);
            assert.match(
              source.stderr,
              new RegExp(
                `^RangeError: a greeting needs a name\n {4}at greeting \\(${PROJECT}/src/greeting\\.ts:3\\)\n {4}at handler \\(${PROJECT}/handler\\.ts:20\\)\nEND `,
                "m",
              ),
            );
          }
        }
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
