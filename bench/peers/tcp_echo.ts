/**
 * The memory floor of `deno task bench:compare`: a minimal Deno TCP server doing the same round
 * trips as a function, without gob, net/rpc or lambda-gob. On `127.0.0.1:$_LAMBDA_SERVER_PORT` it
 * reads frames of a 4-byte big-endian length and that many bytes, and writes each frame back
 * whole; the load driver (`driver rss -frame`) sends the same events it sends a function.
 *
 * @module
 */
const port = Number(Deno.env.get("_LAMBDA_SERVER_PORT"));
const listener = Deno.listen({ hostname: "127.0.0.1", port });

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
      await writeAll(conn, frame);
    }
  } finally {
    conn.close();
  }
}

for await (const conn of listener) serve(conn).catch(() => {});
