/**
 * The memory floor of `deno task bench:compare`: a minimal Deno TCP server doing the same round
 * trips as a function, without gob, net/rpc or lambda-gob. On `127.0.0.1:$_LAMBDA_SERVER_PORT` it
 * reads frames of a 4-byte big-endian length and that many bytes, and writes each frame back
 * whole; the load driver (`driver rss -frame`) sends the same events it sends a function.
 *
 * With `--json-wasm`, the second floor: each event is also parsed and serialised (`JSON.parse`,
 * `JSON.stringify`) and the reply scanned in gob.wasm for characters JSON escapes
 * (`jsonEscapeAt`) — what every JSON invocation of ours also does and a bare echo does not. The
 * difference between the two floors is what using JSON and WebAssembly at all costs a Deno
 * process. Without the flag gob.wasm is not even loaded.
 *
 * @module
 */
const port = Number(Deno.env.get("_LAMBDA_SERVER_PORT"));
const listener = Deno.listen({ hostname: "127.0.0.1", port });
const transform = Deno.args.includes("--json-wasm") ? await jsonAndWasm() : undefined;

/** The `--json-wasm` work on one event: its JSON round trip, the reply scanned in gob.wasm. */
async function jsonAndWasm(): Promise<(event: Uint8Array) => Uint8Array> {
  const { mem, wasm } = await import("../../codec-as/wasm/mod.ts");
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return (event) => {
    const reply = encoder.encode(JSON.stringify(JSON.parse(decoder.decode(event))));
    const p = wasm.alloc(reply.length);
    mem().u8.set(reply, p);
    wasm.jsonEscapeAt(p, reply.length);
    wasm.free(p);
    return reply;
  };
}

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

async function serve(conn: Deno.TcpConn): Promise<void> {
  conn.setNoDelay(true);
  const head = new Uint8Array(4);
  try {
    while (await readFull(conn, head)) {
      const size = new DataView(head.buffer).getUint32(0);
      const frame = new Uint8Array(4 + size);
      frame.set(head);
      if (!await readFull(conn, frame.subarray(4))) break;
      if (transform === undefined) {
        await writeAll(conn, frame);
        continue;
      }
      const reply = transform(frame.subarray(4));
      const out = new Uint8Array(4 + reply.length);
      new DataView(out.buffer).setUint32(0, reply.length);
      out.set(reply, 4);
      await writeAll(conn, out);
    }
  } finally {
    conn.close();
  }
}

for await (const conn of listener) serve(conn).catch(() => {});
