/**
 * Test helper: builds `package` zips of functions (once per test file) and unpacks them, so that
 * a suite runs against the deployable artifact as well as from source. Script mode: `deno compile`
 * needs a denort base binary this machine may not have; the Deno binary comes from npm (cached in
 * `target/package-cache`).
 *
 * @module
 */
import { buildPackage } from "../tools/package.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const CACHE = `${ROOT}target/package-cache`;

/** How a function is run: from its source module, or from its unpacked package's `bootstrap`. */
export type Mode = "source" | "packaged";
/** The modes every such suite runs in. */
export const MODES: readonly Mode[] = ["source", "packaged"];

const have = (cmd: string, arg: string) =>
  new Deno.Command(cmd, { args: [arg], stdout: "null", stderr: "null" }).output()
    .then((r) => r.success, () => false);

/**
 * Why packaged tests cannot run here ("" when they can): `unzip` and (for an empty cache) `npm`.
 */
export const packagedSkip: string = !(await have("unzip", "-v"))
  ? " (packaged: skipped, unzip not on PATH)"
  : !(await have("npm", "--version"))
  ? " (packaged: skipped, npm not on PATH)"
  : "";

/** Packages built by one test file: entry → unpacked folder. */
export class Packages {
  #dir: string | undefined;
  #built = new Map<string, Promise<string>>();

  /**
   * The unpacked package of `entry` (built on first use), as the `bootstrap` path to run.
   *
   * @param entry The function module, relative to the repository root or absolute.
   * @returns The `bootstrap` path.
   */
  bootstrap(entry: string): Promise<string> {
    let built = this.#built.get(entry);
    if (built === undefined) {
      built = this.#build(entry);
      this.#built.set(entry, built);
    }
    return built;
  }

  /**
   * The command for a mode: the entry itself from source, its package's `bootstrap` packaged.
   *
   * @param mode The mode.
   * @param entry The function module, relative to the repository root or absolute.
   * @returns What to give `invoke`.
   */
  async entry(mode: Mode, entry: string): Promise<string> {
    return mode === "source" ? entry : await this.bootstrap(entry);
  }

  async #build(entry: string): Promise<string> {
    if (this.#dir === undefined) {
      const dir = this.#dir = await Deno.makeTempDir({ prefix: "lambda-gob-packaged-" });
      globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
    }
    const name = entry.split("/").pop()!.replace(/\.[jt]s$/, "");
    const zip = `${this.#dir}/${name}.zip`;
    await buildPackage({
      entry: entry.startsWith("/") ? entry : `${ROOT}${entry}`,
      output: zip,
      cacheDir: CACHE,
      compile: false,
      log: () => {},
    });
    const task = `${this.#dir}/${name}`;
    const r = await new Deno.Command("unzip", { args: ["-qo", zip, "-d", task] }).output();
    if (!r.success) throw new Error(`unzip ${zip}: ${new TextDecoder().decode(r.stderr)}`);
    await Deno.remove(zip);
    return `${task}/bootstrap`;
  }
}
