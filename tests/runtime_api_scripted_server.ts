// A Runtime API server for the conformance tests (runtime_api_conformance_test.ts), on raw TCP so
// that a test scripts every byte: how `next` is answered (framing, pieces, interim responses,
// hostile headers), how each POST is answered (202, 413 before its body, a close without an answer,
// 500…), what happens to an idle connection. It records every request head it reads, with the
// connection it came on, so that a test can count the POSTs for an invocation.

const enc = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** A request head as the server read it. */
export interface RequestHead {
  /** The connection it came on (1, 2, …, in accepting order). */
  conn: number;
  method: string;
  target: string;
  /** Header names in lower case; values as Latin-1 text (one character per byte). */
  headers: Map<string, string>;
}

/** What a handler does with one request's connection. */
export interface Io {
  /** Reads the request body (`Content-Length` bytes); repeated calls give the same bytes. */
  body(): Promise<Uint8Array>;
  /** Writes bytes (strings as UTF-8), in pieces of `piece` bytes when given. */
  write(bytes: string | Uint8Array, piece?: number): Promise<void>;
  /** Sends FIN (no more bytes from the server); reading goes on. */
  closeWrite(): Promise<void>;
  /** Closes the connection (an RST when request bytes are left unread). */
  close(): void;
}

/** A recorded request: its head, and its body once read. */
export interface Recorded extends RequestHead {
  body?: Uint8Array;
}

/** A TCP server that hands each request head to `handler`. */
export class ScriptedServer {
  readonly requests: Recorded[] = [];
  readonly #listener: Deno.Listener;
  readonly #conns = new Set<Deno.Conn>();
  readonly #accepting: Promise<void>;
  #connections = 0;

  /** @param handler Answers one request; the connection goes on unless it closed it. */
  constructor(handler: (head: Recorded, io: Io) => Promise<void>) {
    const listener = this.#listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.#accepting = (async () => {
      try {
        for await (const conn of listener) {
          this.#conns.add(conn);
          this.#serve(conn, ++this.#connections, handler);
        }
      } catch {
        // listener closed
      }
    })();
  }

  /** `host:port`, for `AWS_LAMBDA_RUNTIME_API`. */
  get address(): string {
    return `127.0.0.1:${(this.#listener.addr as Deno.NetAddr).port}`;
  }

  /** Connections accepted so far. */
  get connections(): number {
    return this.#connections;
  }

  /** Stops accepting and closes every connection. */
  async close(): Promise<void> {
    this.#listener.close();
    for (const c of this.#conns) closeQuietly(c);
    await this.#accepting;
  }

  async #serve(
    conn: Deno.Conn,
    id: number,
    handler: (head: Recorded, io: Io) => Promise<void>,
  ): Promise<void> {
    let buf = new Uint8Array(0);
    let closed = false;
    const more = async (): Promise<boolean> => {
      const chunk = new Uint8Array(256 * 1024);
      const n = await conn.read(chunk).catch(() => null);
      if (n === null) return false;
      const grown = new Uint8Array(buf.length + n);
      grown.set(buf);
      grown.set(chunk.subarray(0, n), buf.length);
      buf = grown;
      return true;
    };
    try {
      for (;;) {
        let end: number;
        while ((end = headEnd(buf)) < 0) {
          if (buf.length > 64 * 1024 || !(await more())) return; // no head in 64 KiB: misframed
        }
        const lines = latin1.decode(buf.subarray(0, end)).split("\r\n");
        buf = buf.slice(end + 4);
        const [method, target] = lines[0].split(" ");
        const headers = new Map<string, string>();
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(":");
          headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
        }
        const record: Recorded = { conn: id, method, target, headers };
        this.requests.push(record);
        const length = Number(headers.get("content-length") ?? 0);
        let body: Promise<Uint8Array> | undefined;
        const io: Io = {
          body: () =>
            body ??= (async () => {
              // straight into a buffer of the body's size (a 65 MB body is not grown piece by piece)
              const out = new Uint8Array(length);
              let got = Math.min(length, buf.length);
              out.set(buf.subarray(0, got));
              buf = buf.slice(got);
              while (got < length) {
                const n = await conn.read(out.subarray(got)).catch(() => null);
                if (n === null) throw new Error("body cut short");
                got += n;
              }
              record.body = out;
              return out;
            })(),
          write: async (bytes, piece) => {
            const b = typeof bytes === "string" ? enc.encode(bytes) : bytes;
            const step = piece ?? b.length;
            for (let at = 0; at < b.length;) {
              at += await conn.write(b.subarray(at, Math.min(at + step, b.length)));
            }
          },
          closeWrite: () => conn.closeWrite(),
          close: () => {
            closed = true;
            closeQuietly(conn);
          },
        };
        await handler(record, io);
        if (closed) return;
        await io.body(); // whatever the handler left unread, before the next request
      }
    } catch {
      // the client went away, or the handler closed the connection mid-way
    } finally {
      this.#conns.delete(conn);
      closeQuietly(conn);
    }
  }
}

function headEnd(b: Uint8Array): number {
  for (let i = 3; i < b.length; i++) {
    if (b[i] === 10 && b[i - 1] === 13 && b[i - 2] === 10 && b[i - 3] === 13) return i - 3;
  }
  return -1;
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // closed already
  }
}

/**
 * Waits until `ready()` is true, checking every 5 ms, for at most `ms`.
 *
 * @param ready The condition.
 * @param what What is awaited, for the error.
 * @param ms The bound (default 10 s).
 * @throws {Error} Naming `what` when the bound passes first.
 */
export async function until(ready: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`gave up waiting (${ms} ms) for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Resolves with `p`, or rejects naming `what` when `ms` pass first.
 *
 * @param p The promise.
 * @param what What is awaited.
 * @param ms The bound (default 10 s).
 * @returns What `p` resolved with.
 */
export async function within<T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting (${ms} ms) for ${what}`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
