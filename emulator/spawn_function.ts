/**
 * Starting a function the way Lambda does: a child process with Lambda's environment. A `.ts`/`.js`
 * entry runs under this Deno with the permissions a Lambda function has; anything else runs as a
 * binary (the output of `deno task compile`).
 *
 * @module
 */

/** What to start and with which environment. */
export interface FunctionProcessOptions {
  /** The entry file (`.ts`, `.js`, …) or an executable. */
  entry: string;
  /** Variables Lambda sets, plus user additions (they win). */
  env: Record<string, string>;
  /** Where the function's standard output and error go (default: this process's standard error). */
  output?: (chunk: Uint8Array) => void;
}

const SCRIPT = /\.(ts|mts|tsx|js|mjs|jsx)$/;

/**
 * The environment Lambda gives a function (go1.x flavour), for a function named after its entry.
 *
 * @param entry The entry path (its base name names the function).
 * @param extra Additions and overrides (`--env K=V`).
 * @returns The variables to set.
 * @example
 * ```ts
 * import { lambdaEnvironment } from "./spawn_function.ts";
 * console.log(lambdaEnvironment("examples/hello.ts", {}).AWS_LAMBDA_FUNCTION_NAME); // hello
 * ```
 */
export function lambdaEnvironment(
  entry: string,
  extra: Record<string, string>,
): Record<string, string> {
  const name = functionName(entry);
  const region = Deno.env.get("AWS_REGION") ?? "us-east-1";
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  const stream = crypto.randomUUID().replaceAll("-", "");
  return {
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]${stream}`,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: "AWS_Lambda_go1.x",
    _HANDLER: name,
    ...extra,
  };
}

/**
 * The function name for an entry: its base name without extension.
 *
 * @param entry The entry path.
 * @returns The name.
 * @example
 * ```ts
 * import { functionName } from "./spawn_function.ts";
 * console.log(functionName("src/orders.ts")); // orders
 * ```
 */
export function functionName(entry: string): string {
  const base = entry.split(/[\\/]/).pop() ?? entry;
  return base.replace(SCRIPT, "") || "function";
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
    const script = SCRIPT.test(options.entry);
    const command = script ? Deno.execPath() : options.entry;
    const args = script
      ? [
        "run",
        "--no-prompt",
        "--allow-net",
        "--allow-env",
        "--allow-read",
        "--allow-write=/tmp",
        options.entry,
      ]
      : [];
    const child = new Deno.Command(command, {
      args,
      env: options.env,
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
