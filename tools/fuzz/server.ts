/**
 * The server fuzz target: a function process running `start()` on loopback; each input is a
 * mutated recorded client session sent on its own connection (in random pieces, then half-closed
 * or dropped). Findings: the process dies, a half-closed connection is never closed by the server
 * (hang), the server's reply stream is not valid gob, or the well-formed client on another
 * connection stops being served correctly.
 *
 * @module
 */
import { freePort, GoClient } from "../../emulator/mod.ts";
import { decodeInput, type Finding } from "./decoder.ts";
import type { Rng } from "./rng.ts";

const ENTRY = new URL("./echo_function.ts", import.meta.url).pathname;
const RAW_ENTRY = new URL("./echo_raw_function.ts", import.meta.url).pathname;
const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { ignoreBOM: true }); // a payload may start with U+FEFF

/**
 * A running function process under fuzz.
 *
 * @example
 * ```ts ignore
 * import { ServerUnderFuzz } from "./server.ts";
 * const s = await ServerUnderFuzz.launch();
 * console.log(await s.check());
 * await s.close();
 * ```
 */
export class ServerUnderFuzz {
  /** The port it listens on. */
  readonly port: number;
  /** Lines the process wrote on standard error (connection-level reasons). */
  logLines = 0;
  #child: Deno.ChildProcess;
  #exited = false;
  #good: GoClient;
  #checks = 0;
  #stderr: Promise<void>;

  private constructor(port: number, child: Deno.ChildProcess, good: GoClient) {
    this.port = port;
    this.#child = child;
    this.#good = good;
    void child.status.then(() => this.#exited = true);
    this.#stderr = (async () => {
      for await (const chunk of child.stderr) {
        for (const b of chunk) if (b === 10) this.logLines++;
      }
    })().catch(() => {});
  }

  /**
   * Starts the function process and connects the well-formed client.
   * @param raw the raw-bytes echo (`echo_raw_function.ts`) instead of the JSON one
   * @param borrowPayload with `raw`: the echo borrows its payloads (`borrowPayload`)
   * @returns the running server
   * @throws {Error} when it never listens
   */
  static async launch(raw = false, borrowPayload = false): Promise<ServerUnderFuzz> {
    const port = freePort();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", raw ? RAW_ENTRY : ENTRY],
      env: {
        _LAMBDA_SERVER_PORT: String(port),
        AWS_LAMBDA_FUNCTION_NAME: "fuzz",
        FUZZ_BORROW_PAYLOAD: borrowPayload ? "1" : "0",
      },
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    for (let i = 0; i < 600; i++) {
      try {
        const good = await GoClient.connect(port);
        return new ServerUnderFuzz(port, child, good);
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    child.kill();
    throw new Error("the fuzzed function never listened");
  }

  /**
   * Sends one input on a new connection.
   * @param bytes the mutated session
   * @param rng chooses pieces, pauses and how the connection ends
   * @param timeoutMs how long the server may take to close a half-closed connection
   * @returns a finding, or undefined
   */
  async feed(bytes: Uint8Array, rng: Rng, timeoutMs = 10_000): Promise<Finding | undefined> {
    let conn: Deno.TcpConn;
    try {
      conn = await Deno.connect({ hostname: "127.0.0.1", port: this.port });
    } catch (e) {
      return { kind: "refused", detail: `cannot connect: ${e}` };
    }
    const abrupt = rng.chance(0.25);
    try {
      let p = 0;
      while (p < bytes.length) {
        const n = rng.chance(0.5) ? bytes.length - p : 1 + rng.int(Math.min(64, bytes.length - p));
        p += await conn.write(bytes.subarray(p, p + n));
        if (rng.chance(0.02)) await new Promise((r) => setTimeout(r, 1));
      }
      if (abrupt) {
        conn.close();
        return this.#alive();
      }
      await conn.closeWrite();
    } catch {
      // the server closed first (it may, on a bad stream): fine
      try {
        conn.close();
      } catch {
        // closed
      }
      return this.#alive();
    }
    const chunks: Uint8Array[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((r) =>
      timer = setTimeout(() => r("timeout"), timeoutMs)
    );
    const read = (async () => {
      const buf = new Uint8Array(65536);
      for (;;) {
        const n = await conn.read(buf).catch(() => null);
        if (n === null) return "eof" as const;
        chunks.push(buf.slice(0, n));
      }
    })();
    const how = await Promise.race([read, timedOut]);
    clearTimeout(timer);
    try {
      conn.close();
    } catch {
      // closed
    }
    if (how === "timeout") {
      return {
        kind: "hang",
        detail: `the server kept a half-closed connection open ${timeoutMs} ms`,
      };
    }
    const reply = concat(chunks);
    const d = decodeInput(reply, "rpc-client-side", []);
    if (d.end === "error") {
      return {
        kind: "bad-reply",
        detail: `the server's reply stream is not valid gob: ${d.print.slice(0, 200)}`,
      };
    }
    return this.#alive();
  }

  #alive(): Finding | undefined {
    return this.#exited ? { kind: "exited", detail: "the function process exited" } : undefined;
  }

  /**
   * The well-formed client (on its own long-lived connection, and on a new one) is served.
   * @returns a finding, or undefined
   */
  async check(): Promise<Finding | undefined> {
    const n = ++this.#checks;
    const payload = JSON.stringify({ check: n, s: "ƛ" });
    try {
      const r = await this.#good.invoke({ Payload: enc.encode(payload), RequestId: `check-${n}` });
      if (r.error !== "" || dec.decode(r.reply?.Payload) !== payload) {
        return { kind: "good-client", detail: `wrong answer ${JSON.stringify(r)}` };
      }
      const fresh = await GoClient.connect(this.port);
      try {
        const p = await fresh.ping();
        if (p.error !== "") return { kind: "good-client", detail: `ping: ${p.error}` };
      } finally {
        fresh.close();
      }
    } catch (e) {
      return { kind: "good-client", detail: `the well-formed client failed: ${e}` };
    }
    return this.#alive();
  }

  /** Stops the process. */
  async close(): Promise<void> {
    this.#good.close();
    if (!this.#exited) {
      try {
        this.#child.kill("SIGTERM");
      } catch {
        // gone
      }
    }
    await this.#child.status;
    await this.#stderr;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
