/**
 * The Deno binary a script-mode package ships as `bin/deno`: the npm package
 * `@deno/linux-x64-glibc` (or `@deno/linux-arm64-glibc`) fetched with `npm pack`, cached on disk.
 *
 * @module
 */
import { compress, type ZipEntry } from "./package_zip.ts";

const NPM_PACKAGES = { x86_64: "@deno/linux-x64-glibc", arm64: "@deno/linux-arm64-glibc" };

/**
 * The Deno binary for `arch` from npm (`npm pack`), cached under `cacheDir`. When `wanted` is
 * not published, the latest version is used instead (and logged).
 *
 * @param arch Lambda architecture.
 * @param wanted The Deno version to ship.
 * @param cacheDir Where downloaded packages are kept.
 * @param log Progress messages.
 * @returns The binary as the zip entry `bin/deno`.
 * @throws {Error} When npm cannot be run or has no such package, or the tarball has no binary.
 */
export async function denoBinary(
  arch: "x86_64" | "arm64",
  wanted: string,
  cacheDir: string,
  log: (m: string) => void,
): Promise<ZipEntry> {
  const path = await denoBinaryPath(arch, wanted, cacheDir, log);
  const data = (await readCached(path))!;
  return { name: "bin/deno", data, mode: 0o755, deflated: await deflatedOnce(data, path) };
}

/**
 * The deflated form of the binary (for the zip) and its CRC-32, kept beside it: deflating 120 MB at
 * the highest level takes seconds, once per binary rather than once per package.
 */
async function deflatedOnce(
  data: Uint8Array,
  path: string,
): Promise<{ crc: number; bytes: Uint8Array }> {
  try {
    const text = await Deno.readTextFile(`${path}.crc32`);
    const crc = /^\d+$/.test(text) ? Number(text) : NaN;
    const bytes = await Deno.readFile(`${path}.deflate-raw`);
    if (Number.isInteger(crc)) return { crc, bytes };
  } catch {
    // not made yet
  }
  const { crc, deflated } = compress(data);
  // each file whole or absent (renamed into place), the CRC first: a reader never pairs a
  // deflated form with a wrong CRC
  const tmp = `.${Deno.pid}.tmp`;
  await Deno.writeTextFile(`${path}.crc32${tmp}`, String(crc));
  await Deno.rename(`${path}.crc32${tmp}`, `${path}.crc32`);
  await Deno.writeFile(`${path}.deflate-raw${tmp}`, deflated);
  await Deno.rename(`${path}.deflate-raw${tmp}`, `${path}.deflate-raw`);
  return { crc, bytes: deflated };
}

async function denoBinaryPath(
  arch: "x86_64" | "arm64",
  wanted: string,
  cacheDir: string,
  log: (m: string) => void,
): Promise<string> {
  const pkg = NPM_PACKAGES[arch];
  let version = wanted;
  // cached already: no need to ask npm (and no network)
  const known = `${cacheDir}/${pkg.replace("/", "+")}@${version}/package/deno`;
  if (await readCached(known) !== undefined) return known;
  if (!(await npmHas(pkg, version))) {
    const latest = await npmLatest(pkg);
    log(`${pkg}@${version} is not published; using ${pkg}@${latest} (--deno-version to choose)`);
    version = latest;
  }
  const dir = `${cacheDir}/${pkg.replace("/", "+")}@${version}`;
  const cached = `${dir}/package/deno`;
  if (await readCached(cached) !== undefined) return cached;
  // Packed and extracted in a folder of this call's own, then moved into place in one rename:
  // packages built at the same time (tests run in parallel) never see a half-written binary.
  await Deno.mkdir(cacheDir, { recursive: true });
  const work = await Deno.makeTempDir({ dir: cacheDir, prefix: ".fetch-" });
  try {
    log(`fetching ${pkg}@${version} with npm pack`);
    const pack = await new Deno.Command("npm", {
      args: ["pack", `${pkg}@${version}`, "--silent", "--pack-destination", work],
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
      args: ["-xzf", `${work}/${tarball}`, "-C", work, "package/deno"],
      stderr: "piped",
    }).output();
    if (!tar.success) {
      throw new Error(
        `Cannot extract deno from ${tarball}: ${new TextDecoder().decode(tar.stderr)}`,
      );
    }
    await Deno.mkdir(dir, { recursive: true });
    try {
      await Deno.rename(`${work}/package`, `${dir}/package`);
    } catch (e) {
      // Another build moved its copy in first: use that one.
      if (await readCached(cached) === undefined) throw e;
    }
  } finally {
    await Deno.remove(work, { recursive: true }).catch(() => {});
  }
  return cached;
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
