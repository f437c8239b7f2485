/**
 * Starting a function the way Lambda does: a child process with Lambda's environment. A `.ts`/`.js`
 * entry runs under this Deno with the permissions a Lambda function has, through the runtime's
 * entry (`server/main.ts`, which starts a module that only exports `handler` as well as one that
 * calls `start`), with the configuration of the project the entry belongs to; anything else runs
 * as a binary (the output of `compile`, or a package's `bootstrap`).
 *
 * @module
 */
import { inheritedEnv, SCRIPT } from "./function_env.ts";

/** What to start and with which environment. */
export interface FunctionProcessOptions {
  /** The entry file (`.ts`, `.js`, …) or an executable. */
  entry: string;
  /** Variables Lambda sets, plus user additions (they win). */
  env: Record<string, string>;
  /** Where the function's standard output and error go (default: this process's standard error). */
  output?: (chunk: Uint8Array) => void;
}

const MAIN = new URL("../server/main.ts", import.meta.url).href;
/** What a Lambda function may do: network, environment, read anywhere, write only to /tmp. */
const LAMBDA_PERMISSIONS = [
  "--no-prompt",
  "--allow-net",
  "--allow-env",
  "--allow-read",
  "--allow-write=/tmp",
];

/** How Deno is to find the configuration of the project a function's entry belongs to. */
export interface ProjectConfig {
  /** `--config <its deno.json>`, or `--no-config` when the entry's folders have none. */
  args: string[];
  /** The project's folder (the config's, or the entry's own when there is none). */
  dir: string;
}

/**
 * The configuration of the project a module belongs to, as `deno run` of that module from its
 * own folder finds it: the nearest `deno.json` / `deno.jsonc` in the module's folder or above (its
 * import map, its lockfile beside it), whatever the working directory is. A folder with only a
 * `package.json` ends the search too: Deno then runs from that folder and reads it itself.
 *
 * @param entry The entry module's path.
 * @returns The flags to give Deno and the project's folder.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { projectConfig } from "./spawn_function.ts";
 * const root = new URL("../", import.meta.url).pathname;
 * assert.deepEqual(projectConfig(`${root}examples/hello.ts`).args, ["--config", `${root}deno.json`]);
 * ```
 */
export function projectConfig(entry: string): ProjectConfig {
  let dir = absolute(entry);
  dir = dir.slice(0, dir.lastIndexOf("/")) || "/";
  const start = dir;
  for (;;) {
    for (const name of ["deno.json", "deno.jsonc"]) {
      const path = `${dir === "/" ? "" : dir}/${name}`;
      if (isFile(path)) return { args: ["--config", path], dir };
    }
    if (isFile(`${dir === "/" ? "" : dir}/package.json`)) return { args: [], dir };
    if (dir === "/") return { args: ["--no-config"], dir: start };
    dir = dir.slice(0, dir.lastIndexOf("/")) || "/";
  }
}

/**
 * The command line that starts a function: a script entry through the runtime's entry
 * (`server/main.ts`) under this Deno with a Lambda function's permissions and its project's
 * configuration; anything else (a binary, a package's `bootstrap`) as it is.
 *
 * @param entry The entry module or executable.
 * @returns The command and its arguments, and the working directory it needs (if any).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { functionCommand } from "./spawn_function.ts";
 * assert.deepEqual(functionCommand("/tmp/fn/bootstrap").command, ["/tmp/fn/bootstrap"]);
 * assert.ok(functionCommand("examples/hello.ts").command.at(-2)?.endsWith("/server/main.ts"));
 * ```
 */
export function functionCommand(entry: string): { command: string[]; cwd?: string } {
  if (!SCRIPT.test(entry)) return { command: [entry] };
  const project = projectConfig(entry);
  const command = [Deno.execPath(), "run", ...LAMBDA_PERMISSIONS, ...project.args, MAIN, entry];
  // a package.json project: Deno finds it from its folder (given the entry's absolute path)
  if (project.args.length === 0) {
    return { command: [...command.slice(0, -1), absolute(entry)], cwd: project.dir };
  }
  return { command };
}

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * A running function process whose output is forwarded.
 *
 * @example
 * ```ts ignore
 * import { FunctionProcess } from "./spawn_function.ts";
 * const fn = FunctionProcess.spawn({ entry: "examples/hello.ts", env: { _LAMBDA_SERVER_PORT: "9001" } });
 * await fn.stop();
 * ```
 */
export class FunctionProcess {
  /** Resolves with the exit status once the process has exited. */
  readonly status: Promise<Deno.CommandStatus>;
  #child: Deno.ChildProcess;
  #pumps: Promise<void>;
  #exited = false;

  private constructor(child: Deno.ChildProcess, output: (chunk: Uint8Array) => void) {
    this.#child = child;
    this.status = child.status.then((s) => {
      this.#exited = true;
      return s;
    });
    this.#pumps = Promise.all([pump(child.stdout, output), pump(child.stderr, output)]).then(
      () => {},
    );
  }

  /**
   * Spawns the function.
   *
   * @param options Entry, environment, output.
   * @returns The running process.
   * @throws {Deno.errors.NotFound} When the entry (binary) does not exist.
   */
  static spawn(options: FunctionProcessOptions): FunctionProcess {
    const { command, cwd } = functionCommand(options.entry);
    const child = new Deno.Command(command[0], {
      args: command.slice(1),
      cwd,
      env: inheritedEnv(options.env),
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    return new FunctionProcess(child, options.output ?? writeStderr);
  }

  /** Whether the process has exited. */
  get exited(): boolean {
    return this.#exited;
  }

  /**
   * Ends the process (SIGTERM, then SIGKILL after `graceMs`) and waits until its output is
   * forwarded.
   *
   * @param graceMs How long to wait after SIGTERM (default 500 ms).
   * @returns The exit status.
   */
  async stop(graceMs = 500): Promise<Deno.CommandStatus> {
    if (!this.#exited) {
      try {
        this.#child.kill("SIGTERM");
      } catch {
        // already gone
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const killed = await Promise.race([
        this.status.then(() => false),
        new Promise<boolean>((resolve) => timer = setTimeout(() => resolve(true), graceMs)),
      ]);
      clearTimeout(timer);
      if (killed) {
        try {
          this.#child.kill("SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    const status = await this.status;
    // A grandchild could hold the pipes open: do not wait for ever.
    let t: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.#pumps, new Promise((resolve) => t = setTimeout(resolve, 1000))]);
    clearTimeout(t);
    return status;
  }
}

async function pump(
  stream: ReadableStream<Uint8Array>,
  output: (chunk: Uint8Array) => void,
): Promise<void> {
  try {
    for await (const chunk of stream) output(chunk);
  } catch {
    // the stream broke: the process is gone
  }
}

function writeStderr(chunk: Uint8Array): void {
  let offset = 0;
  while (offset < chunk.length) offset += Deno.stderr.writeSync(chunk.subarray(offset));
}
