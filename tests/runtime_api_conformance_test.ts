// Runtime API conformance, the transport: our loop against scripted servers that answer `next` and
// the POSTs in unusual but legal ways — chunked bodies with extensions and trailers, 1-byte writes,
// interim responses, HTTP/1.0, connections closed while idle or answered with nothing, a long poll,
// large events. For every event: exactly one POST of the right result, and the loop serving on.
// The harness is runtime_api_conformance.ts; the POST-failure and header scenarios have their own
// runtime_api_conformance_*_test.ts files.
import assert from "node:assert/strict";
import { echo, scenario, sleep, text } from "./runtime_api_conformance.ts";
import { ACCEPTED, nextResponse } from "./runtime_api_scripted_lambda.ts";
import { type Io, until } from "./runtime_api_scripted_server.ts";

const ok = (id: string) => ({ id, payload: `{"id":${JSON.stringify(id)}}` });

scenario("chunked next body with chunk extensions and trailers", echo, async (run) => {
  const response = "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: chunked\r\n" +
    `Lambda-Runtime-Deadline-Ms: ${Date.now() + 60_000}\r\nTransfer-Encoding: chunked\r\n\r\n` +
    '4;name="value";x\r\n{"a"\r\n0000000000000006 ;ext\r\n:"b", \r\n6\r\n"c":1}\r\n' +
    "0;last\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n";
  assert.equal(text(await run.served({ id: "chunked", response })), '{"a":"b","c":1}');
  assert.equal(text(await run.served(ok("after"))), '{"id":"after"}');
});

scenario("every byte of next and of the POST's answer written alone", echo, async (run) => {
  const answerBytewise = {
    post: async (_: unknown, io: Io) => {
      await io.body();
      await io.write(ACCEPTED, 1);
    },
  };
  for (const id of ["b1", "b2"]) {
    const body = await run.served({ ...ok(id), piece: 1, ...answerBytewise });
    assert.equal(text(body), `{"id":"${id}"}`);
  }
});

scenario("100 Continue and 103 Early Hints before the real responses", echo, async (run) => {
  const interim =
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s>; rel=preload\r\n\r\n";
  const spec = ok("interim");
  const response = new Uint8Array([...new TextEncoder().encode(interim), ...nextResponse(spec)]);
  const body = await run.served({
    ...spec,
    response,
    post: async (_, io) => {
      await io.write("HTTP/1.1 100 Continue\r\n\r\n");
      await io.body();
      await io.write(interim + ACCEPTED);
    },
  });
  assert.equal(text(body), '{"id":"interim"}');
  assert.equal(text(await run.served(ok("after"))), '{"id":"after"}');
});

scenario("HTTP/1.0 answers: a body to the end of the stream, then closed", echo, async (run) => {
  const response = "HTTP/1.0 200 OK\r\nLambda-Runtime-Aws-Request-Id: http10\r\n" +
    `Lambda-Runtime-Deadline-Ms: ${Date.now() + 60_000}\r\n\r\n{"v":"1.0"}`;
  const body = await run.served({
    id: "http10",
    response,
    afterNext: (io) => Promise.resolve(io.close()),
    post: async (_, io) => {
      await io.body();
      await io.write("HTTP/1.0 202 Accepted\r\nContent-Type: application/json\r\n\r\n{}");
      io.close();
    },
  });
  assert.equal(text(body), '{"v":"1.0"}');
  assert.equal(text(await run.served(ok("after"))), '{"id":"after"}');
});

scenario("connections closed while idle (after next, after the POST's answer)", async (e) => {
  await sleep(20); // the server closes the idle connection meanwhile
  return e;
}, async (run) => {
  const closing = {
    afterNext: (io: Io) => Promise.resolve(io.close()),
    post: async (_: unknown, io: Io) => {
      await io.body();
      await io.write(ACCEPTED);
      io.close();
    },
  };
  for (const id of ["idle-1", "idle-2", "idle-3"]) {
    assert.equal(text(await run.served({ ...ok(id), ...closing })), `{"id":"${id}"}`);
  }
});

scenario(
  "a reused connection closed on GET next without an answer: GET sent again",
  echo,
  async (run) => {
    // The server drops the connection the first GET on a used connection arrives on (as a server
    // timing it out at that moment would): GET is idempotent, so it goes again on a new connection.
    const seen = new Set<number>();
    let dropped = 0;
    run.lambda.beforeNext = (head, io) => {
      const reused = seen.has(head.conn);
      seen.add(head.conn);
      if (!reused || dropped > 0) return Promise.resolve();
      dropped++;
      io.close();
      return Promise.resolve("dropped");
    };
    run.lambda.server.requests.forEach((r) => seen.add(r.conn)); // the GETs already waiting
    assert.equal(text(await run.served(ok("first"))), '{"id":"first"}');
    await until(() => dropped === 1, "the dropped GET");
    assert.equal(text(await run.served(ok("second"))), '{"id":"second"}');
    assert.equal(text(await run.served(ok("third"))), '{"id":"third"}');
    assert.equal(run.exits.length, 0);
  },
);

scenario("a long poll: next answered after a while", echo, async (run) => {
  await sleep(800); // workers wait in next meanwhile
  assert.equal(text(await run.served(ok("late"))), '{"id":"late"}');
  assert.equal(run.exits.length, 0);
});

scenario("a 7 MB JSON event, echoed", echo, async (run) => {
  const big = JSON.stringify({ s: "x".repeat(7_000_000) });
  const body = await run.served({ id: "big-json", payload: big });
  assert.equal(body.length, big.length);
  assert.equal(text(body), big);
});

scenario(
  "a 65 MB event to a raw handler, echoed byte for byte",
  (bytes: Uint8Array) => bytes,
  async (run) => {
    const big = new Uint8Array(65_000_000);
    for (let i = 0; i < 251; i++) big[i] = i;
    for (let at = 251; at < big.length; at *= 2) {
      big.copyWithin(at, 0, Math.min(at, big.length - at));
    }
    const body = await run.served({ id: "big-raw", payload: big });
    assert.equal(body.length, big.length);
    assert.equal(firstDifference(body, big), -1);
  },
  { raw: true },
);

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
