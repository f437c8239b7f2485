import assert from "node:assert/strict";
import { Http1Client } from "./_http1_client.ts";
import { Http1Error } from "./_http1_error.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
/** One character per byte, so that lengths in the server below are byte counts. */
const bytewise = new TextDecoder("latin1");

/**
 * A TCP server that answers each request it reads (head, then `Content-Length` bytes of body) with
 * `answer(request, index)`: bytes written as given, in pieces of `piece` bytes when set. `close`
 * after an answer ends that connection. It records the requests and counts connections.
 */
function scripted(
  answer: (request: string, index: number) => { bytes: string | Uint8Array; close?: boolean },
  piece = 0,
) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const requests: string[] = [];
  let connections = 0;
  const conns = new Set<Deno.Conn>();
  const serve = async (conn: Deno.Conn) => {
    let text = "";
    const buf = new Uint8Array(65536);
    try {
      for (;;) {
        const end = text.indexOf("\r\n\r\n");
        const length = Number(/content-length: (\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
        if (end >= 0 && text.length >= end + 4 + length) {
          const request = text.slice(0, end + 4 + length);
          text = text.slice(request.length);
          requests.push(request);
          const a = answer(request, requests.length - 1);
          const bytes = typeof a.bytes === "string" ? enc.encode(a.bytes) : a.bytes;
          const step = piece > 0 ? piece : bytes.length;
          for (let at = 0; at < bytes.length;) {
            at += await conn.write(bytes.subarray(at, Math.min(at + step, bytes.length)));
          }
          if (a.close) break;
          continue;
        }
        const n = await conn.read(buf);
        if (n === null) break;
        text += bytewise.decode(buf.subarray(0, n));
      }
    } catch {
      // the client went away
    } finally {
      conns.delete(conn);
      try {
        conn.close();
      } catch {
        // closed already
      }
    }
  };
  const accepting = (async () => {
    for await (const conn of listener) {
      connections++;
      conns.add(conn);
      serve(conn);
    }
  })();
  const port = (listener.addr as Deno.NetAddr).port;
  return {
    port,
    requests,
    get connections() {
      return connections;
    },
    async close() {
      listener.close();
      for (const c of conns) c.close();
      await accepting.catch(() => {});
    },
  };
}

const ok = (body: string, extra = "") =>
  `HTTP/1.1 200 OK\r\nContent-Length: ${enc.encode(body).length}\r\n${extra}\r\n${body}`;

Deno.test("Http1Client: the request on the wire, and a Content-Length response", async () => {
  const server = scripted(() => ({ bytes: ok("hello", "X-A: 1\r\nx-a: 2\r\n") }));
  const client = new Http1Client("127.0.0.1", server.port);
  try {
    const res = await client.request("POST", "/p/q?x=1", { "User-Agent": "t" }, enc.encode("ƛ!"));
    assert.equal(res.status, 200);
    assert.equal(dec.decode(res.body), "hello");
    assert.equal(res.headers.get("x-a"), "1, 2");
    assert.equal(
      server.requests[0],
      bytewise.decode(enc.encode(
        `POST /p/q?x=1 HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUser-Agent: t\r\n` +
          "Content-Length: 3\r\n\r\nƛ!",
      )),
    );
    const get = await client.request("GET", "/next");
    assert.equal(dec.decode(get.body), "hello");
    assert.equal(
      server.requests[1],
      `GET /next HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`,
    );
    assert.equal(server.connections, 1); // kept alive
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("Http1Client: chunked, read-to-close and interim responses, byte by byte", async () => {
  const answers = [
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
    "5;ext=1\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\nTrailer-A: x\r\n\r\n",
    "HTTP/1.1 100 Continue\r\n\r\n" + ok("after 100"),
    "HTTP/1.0 200 OK\r\n\r\nuntil the end",
  ];
  const server = scripted((_, i) => ({ bytes: answers[i], close: i === 2 }), 1);
  const client = new Http1Client("127.0.0.1", server.port);
  try {
    const bodies = [];
    for (let i = 0; i < answers.length; i++) {
      bodies.push(dec.decode((await client.request("GET", "/")).body));
    }
    assert.deepEqual(bodies, ["hello world!", "after 100", "until the end"]);
    assert.equal(server.connections, 1);
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("Http1Client: a large body arrives whole, in either framing", async () => {
  const big = new Uint8Array(6 * 1024 * 1024).map((_, i) => i % 251);
  const head = enc.encode(`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\n\r\n`);
  const chunked = [enc.encode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")];
  for (let at = 0; at < big.length; at += 1_000_000) {
    const part = big.subarray(at, at + 1_000_000);
    chunked.push(enc.encode(part.length.toString(16) + "\r\n"), part, enc.encode("\r\n"));
  }
  chunked.push(enc.encode("0\r\n\r\n"));
  const join = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  const server = scripted((_, i) => ({ bytes: i === 0 ? join([head, big]) : join(chunked) }));
  const client = new Http1Client("127.0.0.1", server.port);
  try {
    assert.deepEqual((await client.request("GET", "/a")).body, big);
    assert.deepEqual((await client.request("POST", "/b", {}, big)).body, big);
    assert.equal(
      server.requests[1].length,
      server.requests[1].indexOf("\r\n\r\n") + 4 + big.length,
    );
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("Http1Client: Connection: close and an idle connection the server dropped", async () => {
  // Answer 0 says close; answer 1 closes without saying so (as a server timing out an idle
  // connection would, seen by the client only at its next request).
  const server = scripted((_, i) => ({
    bytes: ok(`r${i}`, i === 0 ? "Connection: close\r\n" : ""),
    close: i <= 1,
  }));
  const client = new Http1Client("127.0.0.1", server.port);
  try {
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push(dec.decode((await client.request("GET", "/")).body));
    assert.deepEqual(bodies, ["r0", "r1", "r2"]);
    assert.equal(server.connections, 3);
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("Http1Client: broken responses fail with Http1Error, limits hold", async () => {
  const cases: [string, RegExp][] = [
    ["HTTP/2 200\r\n\r\n", /bad HTTP status line/],
    ["HTTP/1.1 200 OK\r\nno colon\r\n\r\n", /bad HTTP header line/],
    ["HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", /bad HTTP header line/],
    ["HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", /bad HTTP content-length/],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", /unsupported HTTP transfer-encoding/],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", /bad HTTP chunk size line/],
    ["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", /closed before the HTTP response/],
    ["HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", /more than 1000/],
    [`HTTP/1.1 200 OK\r\nX: ${"x".repeat(3000)}\r\n\r\n`, /head longer than 1024 bytes/],
  ];
  for (const [bytes, message] of cases) {
    const server = scripted(() => ({ bytes, close: true }));
    const client = new Http1Client("127.0.0.1", server.port, {
      maxHeaderBytes: 1024,
      maxBodyBytes: 1000,
    });
    try {
      await assert.rejects(client.request("GET", "/"), (e) => {
        assert.ok(e instanceof Http1Error, String(e));
        assert.match(e.message, message);
        return true;
      });
    } finally {
      client.close();
      await server.close();
    }
  }
});

Deno.test("Http1Client: header injection is refused; an abort ends the wait", async () => {
  const server = scripted(() => ({ bytes: new Uint8Array(0) })); // never answers
  const client = new Http1Client("127.0.0.1", server.port);
  try {
    await assert.rejects(client.request("GET", "/", { "X": "a\r\nEvil: 1" }), TypeError);
    await assert.rejects(client.request("GET", "/a b"), TypeError);
    const stop = new AbortController();
    const pending = client.request("GET", "/next", {}, undefined, { signal: stop.signal });
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await assert.rejects(pending, (e) => e instanceof DOMException && e.name === "AbortError");
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("Http1Client: header bytes are Latin-1, names compare without case", async () => {
  const head = enc.encode("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Name: caf");
  const bytes = new Uint8Array([...head, 0xe9, 0x80, ...enc.encode("\r\nx-NAME: two\r\n\r\n")]);
  const server = scripted(() => ({ bytes }));
  const client = new Http1Client("127.0.0.1", server.port);
  try {
    const res = await client.request("GET", "/");
    assert.equal(res.headers.get("X-Name"), "caf\u00e9\u0080, two");
    assert.equal(res.headers.get("missing"), null);
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("Http1Client: a POST read and left unanswered is not sent again", async () => {
  // Request 0 is answered; the server reads request 1 (on the same, reused connection) and closes.
  const server = scripted((_, i) => ({ bytes: i === 1 ? "" : ok(`r${i}`), close: i === 1 }));
  const client = new Http1Client("127.0.0.1", server.port);
  try {
    await client.request("GET", "/a");
    await assert.rejects(client.request("POST", "/p", {}, enc.encode("x")), (e) => {
      assert.ok(e instanceof Http1Error);
      assert.match(e.message, /POST not sent again: the server may have received it/);
      return true;
    });
    assert.deepEqual(server.requests.map((r) => r.split(" ")[0]), ["GET", "POST"]);
    await client.request("GET", "/b"); // a new connection: answered (request 2)
    assert.equal(server.connections, 2);
  } finally {
    client.close();
    await server.close();
  }
});
