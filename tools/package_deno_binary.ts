/**
 * The Deno binary a script-mode package ships as `bin/deno`: the npm package
 * `@deno/linux-x64-glibc` (or `@deno/linux-arm64-glibc`) fetched with `npm pack`, cached on disk.
 *
 * @module
 */

const NPM_PACKAGES = { x86_64: "@deno/linux-x64-glibc", arm64: "@deno/linux-arm64-glibc" };

/**
 * The Deno binary for `arch` from npm (`npm pack`), cached under `cacheDir`. When `wanted` is
 * not published, the latest version is used instead (and logged).
 *
 * @param arch Lambda architecture.
 * @param wanted The Deno version to ship.
 * @param cacheDir Where downloaded packages are kept.
 * @param log Progress messages.
 * @returns The binary's bytes.
 * @throws {Error} When npm cannot be run or has no such package, or the tarball has no binary.
 */
export async function denoBinary(
  arch: "x86_64" | "arm64",
  wanted: string,
  cacheDir: string,
  log: (m: string) => void,
): Promise<Uint8Array> {
  const pkg = NPM_PACKAGES[arch];
  let version = wanted;
  // cached already: no need to ask npm (and no network); read once per process
  const known = await readCached(`${cacheDir}/${pkg.replace("/", "+")}@${version}/package/deno`);
  if (known !== undefined) return known;
  if (!(await npmHas(pkg, version))) {
    const latest = await npmLatest(pkg);
    log(`${pkg}@${version} is not published; using ${pkg}@${latest} (--deno-version to choose)`);
    version = latest;
  }
  const dir = `${cacheDir}/${pkg.replace("/", "+")}@${version}`;
  const cached = `${dir}/package/deno`;
  try {
    return await Deno.readFile(cached);
  } catch {
    // not cached yet
  }
  await Deno.mkdir(dir, { recursive: true });
  log(`fetching ${pkg}@${version} with npm pack`);
  const pack = await new Deno.Command("npm", {
    args: ["pack", `${pkg}@${version}`, "--silent", "--pack-destination", dir],
    stdout: "piped",
    stderr: "piped",
  }).output().catch((e) => {
    throw new Error(`Cannot run npm to fetch ${pkg}@${version}: ${e}`);
  });
  if (!pack.success) {
    throw new Error(
      `npm pack ${pkg}@${version} failed (try --deno-version with a published version):\n${
        new TextDecoder().decode(pack.stderr)
      }`,
    );
  }
  const tarball = new TextDecoder().decode(pack.stdout).trim().split("\n").pop()!;
  const tar = await new Deno.Command("tar", {
    args: ["-xzf", `${dir}/${tarball}`, "-C", dir, "package/deno"],
    stderr: "piped",
  }).output();
  if (!tar.success) {
    throw new Error(`Cannot extract deno from ${tarball}: ${new TextDecoder().decode(tar.stderr)}`);
  }
  await Deno.remove(`${dir}/${tarball}`);
  return await Deno.readFile(cached);
}

const loaded = new Map<string, Uint8Array>();

async function readCached(path: string): Promise<Uint8Array | undefined> {
  const known = loaded.get(path);
  if (known !== undefined) return known;
  try {
    const bytes = await Deno.readFile(path);
    loaded.set(path, bytes);
    return bytes;
  } catch {
    return undefined;
  }
}

async function npm(args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  try {
    const r = await new Deno.Command("npm", { args, stdout: "piped", stderr: "piped" }).output();
    const d = new TextDecoder();
    return { ok: r.success, out: d.decode(r.stdout).trim(), err: d.decode(r.stderr).trim() };
  } catch (e) {
    return { ok: false, out: "", err: `cannot run npm: ${e}` };
  }
}

/** Whether `pkg@version` is published (false when npm cannot tell: then `npm pack` reports). */
async function npmHas(pkg: string, version: string): Promise<boolean> {
  const r = await npm(["view", `${pkg}@${version}`, "version"]);
  return !r.ok || r.out !== "";
}

async function npmLatest(pkg: string): Promise<string> {
  const r = await npm(["view", pkg, "version"]);
  if (!r.ok || r.out === "") throw new Error(`Cannot find any version of ${pkg} on npm: ${r.err}`);
  return r.out.split("\n").pop()!;
}
