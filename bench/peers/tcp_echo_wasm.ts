/**
 * A second memory floor for `deno task bench:compare`: `tcp_echo.ts`'s Deno TCP echo of
 * length-prefixed frames, with the two things every JSON invocation of ours also does that a bare
 * echo does not — the event parsed and serialised (`JSON.parse`, `JSON.stringify`), and a call
 * into gob.wasm (the reply's bytes scanned for characters JSON escapes, `jsonEscapeAt`) — and
 * still no gob, net/rpc or lambda-gob runtime. The difference between the two floors is what
 * using JSON and WebAssembly at all costs a Deno process.
 *
 * @module
 */
import { mem, wasm } from "../../codec-as/wasm/mod.ts";

const port = Number(Deno.env.get("_LAMBDA_SERVER_PORT"));
const listener = Deno.listen({ hostname: "127.0.0.1", port });
const decoder = new TextDecoder();
const encoder = new TextEncoder();

async function readFull(conn: Deno.TcpConn, buf: Uint8Array): Promise<boolean> {
  for (let at = 0; at < buf.length;) {
    const n = await conn.read(buf.subarray(at));
    if (n === null) return false;
    at += n;
  }
  return true;
}

async function writeAll(conn: Deno.TcpConn, buf: Uint8Array): Promise<void> {
  for (let at = 0; at < buf.length;) at += await conn.write(buf.subarray(at));
}

/** The reply's bytes scanned by gob.wasm, as the runtime scans a long result string. */
function scan(bytes: Uint8Array): void {
  const p = wasm.alloc(bytes.length);
  mem().u8.set(bytes, p);
  wasm.jsonEscapeAt(p, bytes.length);
  wasm.free(p);
}

async function serve(conn: Deno.TcpConn): Promise<void> {
  conn.setNoDelay(true);
  const head = new Uint8Array(4);
  try {
    while (await readFull(conn, head)) {
      const size = new DataView(head.buffer).getUint32(0);
      const event = new Uint8Array(size);
      if (!await readFull(conn, event)) break;
      const reply = encoder.encode(JSON.stringify(JSON.parse(decoder.decode(event))));
      scan(reply);
      const frame = new Uint8Array(4 + reply.length);
      new DataView(frame.buffer).setUint32(0, reply.length);
      frame.set(reply, 4);
      await writeAll(conn, frame);
    }
  } finally {
    conn.close();
  }
}

for await (const conn of listener) serve(conn).catch(() => {});
