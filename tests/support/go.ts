/**
 * Helpers for tests that use Go as the independent reference peer: find `go`, decide whether Go
 * tests skip, and build the programs under `tests/interop/` once per process.
 *
 * @example
 * ```ts ignore
 * import { goBuild, skipGo, skipGoNote } from "./go.ts";
 *
 * Deno.test({ name: "talks to Go" + skipGoNote, ignore: skipGo, fn: async () => {
 *   const server = await goBuild("lambdaserver");
 *   // … run `server` with Deno.Command …
 * } });
 * ```
 *
 * @module
 */

import { fileURLToPath } from "node:url";

const interopDir = fileURLToPath(new URL("../interop/", import.meta.url));
const outDir = fileURLToPath(new URL("../../target/go/", import.meta.url));

function probeGo(): boolean {
  try {
    return new Deno.Command("go", { args: ["version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/**
 * Whether `go version` runs (the `go` tool is on `PATH`).
 *
 * @example
 * ```ts
 * import { haveGo } from "./go.ts";
 * import { equal } from "node:assert/strict";
 * const probe = new Deno.Command("sh", { args: ["-c", "command -v go"], stdout: "null" });
 * equal(haveGo, probe.outputSync().success);
 * ```
 */
export const haveGo: boolean = probeGo();

/**
 * Whether Go tests skip: `go` is missing and `LAMBDA_GOB_REQUIRE_GO` is unset (CI sets it, so
 * that a missing Go fails there instead of skipping).
 *
 * @example
 * ```ts
 * import { haveGo, skipGo } from "./go.ts";
 * import { ok } from "node:assert/strict";
 * ok(!skipGo || !haveGo); // only a machine without Go skips
 * ```
 */
export const skipGo: boolean = !haveGo && !Deno.env.get("LAMBDA_GOB_REQUIRE_GO");

/**
 * `" (skipped: go not on PATH)"` when {@linkcode skipGo}, else `""`: append it to test names.
 *
 * @example
 * ```ts
 * import { skipGo, skipGoNote } from "./go.ts";
 * import { equal } from "node:assert/strict";
 * equal(skipGoNote === "", !skipGo);
 * ```
 */
export const skipGoNote: string = skipGo ? " (skipped: go not on PATH)" : "";

const builds = new Map<string, Promise<string>>();

/**
 * Builds the Go program `tests/interop/<pkg>` into `target/go/<pkg>`, once per process (later
 * calls share the first build). The binary is built under a temporary name and renamed into
 * place, so parallel test processes never run a half-written file. Module downloads are off
 * (`GOPROXY=off`): the programs use only the standard library.
 *
 * @param pkg The package directory under `tests/interop/`, e.g. `"lambdaserver"`.
 * @returns The absolute path of the built binary.
 * @throws {TypeError} If `pkg` is not a plain directory name (`[a-z0-9_]+`).
 * @throws {Error} If `go` cannot be started or the build fails; the message holds go's output.
 *
 * @example
 * ```ts ignore
 * import { goBuild } from "./go.ts";
 * const bin = await goBuild("lambdaclient");
 * const out = await new Deno.Command(bin, { args: ["-h"] }).output();
 * ```
 */
export function goBuild(pkg: string): Promise<string> {
  if (typeof pkg !== "string" || !/^[a-z0-9_]+$/.test(pkg)) {
    return Promise.reject(
      new TypeError(`goBuild: package must be a directory name under tests/interop/, got ${pkg}`),
    );
  }
  let build = builds.get(pkg);
  if (!build) {
    build = runBuild(pkg);
    builds.set(pkg, build);
  }
  return build;
}

async function runBuild(pkg: string): Promise<string> {
  await Deno.mkdir(outDir, { recursive: true });
  const bin = outDir + pkg;
  const tmp = `${bin}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("go", {
      args: ["build", "-o", tmp, "./" + pkg],
      cwd: interopDir,
      env: { GOPROXY: "off", GOFLAGS: "-mod=mod", GOWORK: "off", CGO_ENABLED: "0" },
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (e) {
    throw new Error(`goBuild(${pkg}): cannot run go: ${e instanceof Error ? e.message : e}`);
  }
  if (!out.success) {
    await Deno.remove(tmp).catch(() => {});
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    throw new Error(
      `goBuild(${pkg}): go build ./${pkg} in ${interopDir} failed (exit ${out.code}):\n${text}`,
    );
  }
  await Deno.rename(tmp, bin);
  return bin;
}

/**
 * Starts `tests/interop/lambdaserver` (Go's `net/rpc` server with the Lambda messages) in a mode,
 * once it has printed the address it listens on.
 *
 * @param mode Its `-mode` (`json`, `raw`, …).
 * @returns The address, its port, and a function that stops it.
 * @example
 * ```ts ignore
 * import { startLambdaServer } from "./go.ts";
 * const server = await startLambdaServer("raw");
 * await server.stop();
 * ```
 */
export async function startLambdaServer(
  mode: string,
): Promise<{ addr: string; port: number; stop: () => Promise<void> }> {
  const bin = await goBuild("lambdaserver");
  const child = new Deno.Command(bin, { args: ["-mode", mode], stdout: "piped" }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stop = async () => {
    child.kill();
    await child.status;
    await child.stdout.cancel().catch(() => {});
  };
  try {
    const { value } = await reader.read();
    const addr: string = JSON.parse(value!.split("\n")[0]).addr;
    return { addr, port: Number(addr.split(":").pop()), stop };
  } catch (e) {
    await stop();
    throw e;
  } finally {
    reader.releaseLock();
  }
}
