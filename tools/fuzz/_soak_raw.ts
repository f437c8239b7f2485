/**
 * The raw side of `deno task soak`'s connections phase: one Invoke call encoded once and written
 * as bytes (so the client side uses no codec memory), and reading a connection until the reply
 * shows.
 *
 * @module
 */

const enc = new TextEncoder();

/**
 * The bytes of one Invoke call as a fresh client sends them (type definitions, header, body).
 *
 * @param _port The server's port (unused: the bytes do not depend on it).
 * @returns The call's bytes.
 */
export async function recordCall(_port: number): Promise<Uint8Array> {
  const { GobEncoder } = await import("../../codec-as/mod.ts");
  const { InvokeRequest, RpcRequest } = await import("../../server/go1x/mod.ts");
  const e = new GobEncoder();
  e.encode(RpcRequest, { ServiceMethod: "Function.Invoke", Seq: 0 });
  e.encode(InvokeRequest, {
    Payload: enc.encode('{"i":7,"pad":"abc"}'),
    RequestId: "r",
    XAmznTraceId: "",
    Deadline: { Seconds: Math.floor(Date.now() / 1000) + 3600, Nanos: 0 },
    InvokedFunctionArn: "arn",
    CognitoIdentityId: "",
    CognitoIdentityPoolId: "",
    ClientContext: new Uint8Array(0),
  });
  const bytes = e.take().slice();
  e.free();
  return bytes;
}

/**
 * Reads until `needle` has been seen (true) or the peer closes (false).
 *
 * @param conn The connection.
 * @param needle The bytes to wait for.
 * @returns Whether they came.
 */
export async function readUntil(conn: Deno.Conn, needle: Uint8Array): Promise<boolean> {
  const buf = new Uint8Array(4096);
  let seen = new Uint8Array(0);
  for (;;) {
    const n = await conn.read(buf).catch(() => null);
    if (n === null) return false;
    const next = new Uint8Array(seen.length + n);
    next.set(seen);
    next.set(buf.subarray(0, n), seen.length);
    seen = next;
    outer: for (let i = 0; i + needle.length <= seen.length; i++) {
      for (let j = 0; j < needle.length; j++) if (seen[i + j] !== needle[j]) continue outer;
      return true;
    }
  }
}
