/**
 * Running the peers of `deno task bench:compare`: the Go `net/rpc` load driver
 * (`bench/peers/driver`), built once and run once per measurement (it prints one JSON line), and
 * the peer processes it drives, each on a free port given in `_LAMBDA_SERVER_PORT`.
 *
 * @module
 */
import type { Peer } from "./echo_peers.ts";

/**
 * One run of the load driver: its arguments (and variables added to its environment, which the
 * process it starts inherits) in, the JSON it printed last out.
 */
// deno-lint-ignore no-explicit-any
export type Drive = (argv: string[], env?: Record<string, string>) => Promise<any>;

/** A peer process and the address it serves on. */
export interface Running {
  /** The process. */
  child: Deno.ChildProcess;
  /** `127.0.0.1:<port>`. */
  addr: string;
}

function dec(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

/**
 * Builds a Go program of `bench/peers/` (offline: `GOPROXY=off`) into `target/bench/<name>`.
 *
 * @param root The repository's root, with a trailing slash.
 * @param name The program's directory under `bench/peers/`: `driver` or `gofunc`.
 * @returns The executable's path.
 * @throws {Error} When `go build` fails.
 */
export async function buildPeer(root: string, name: "driver" | "gofunc"): Promise<string> {
  const bin = root + "target/bench/" + name;
  const out = await new Deno.Command("go", {
    args: ["build", "-o", bin, "./" + name],
    cwd: root + "bench/peers",
    env: { GOPROXY: "off", GOFLAGS: "-mod=mod", GOWORK: "off", CGO_ENABLED: "0" },
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`go build bench/peers/${name}: ` + dec(out.stderr));
  return bin;
}

/**
 * Builds the load driver (offline: `GOPROXY=off`) into `target/bench/driver`.
 *
 * @param root The repository's root, with a trailing slash.
 * @returns A function that runs the driver with some arguments and parses its last line.
 * @throws {Error} When `go build` fails.
 */
export async function buildDriver(root: string): Promise<Drive> {
  const bin = await buildPeer(root, "driver");
  return async (argv, env) => {
    const out = await new Deno.Command(bin, { args: argv, env, stdout: "piped", stderr: "piped" })
      .output();
    if (!out.success) throw new Error(`driver ${argv.join(" ")}: ${dec(out.stderr).trim()}`);
    const lines = dec(out.stdout).trim().split("\n");
    return JSON.parse(lines[lines.length - 1]);
  };
}

/**
 * A free TCP port on 127.0.0.1 (free when asked: the peer binds it a moment later).
 *
 * @returns The port.
 */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/**
 * Starts a peer on a free port, its go1.x server port in `_LAMBDA_SERVER_PORT`.
 *
 * @param peer The peer (its command line).
 * @param env Variables to add to its environment.
 * @returns The process and its address.
 */
export function spawn(peer: Pick<Peer, "argv">, env: Record<string, string> = {}): Running {
  const port = freePort();
  const child = new Deno.Command(peer.argv[0], {
    args: peer.argv.slice(1),
    env: { ...env, _LAMBDA_SERVER_PORT: String(port) },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  return { child, addr: `127.0.0.1:${port}` };
}

/**
 * Kills a peer and waits for it to end.
 *
 * @param r The peer process.
 */
export async function stop(r: { child: Deno.ChildProcess }): Promise<void> {
  try {
    r.child.kill("SIGKILL");
  } catch {
    // already gone
  }
  await r.child.status;
}
