import assert from "node:assert/strict";
import { Http1Error } from "./_http1_error.ts";
import { bodyFraming, isInterim, parseResponseHead } from "./_http1_response.ts";

Deno.test("http1 response head: status, headers joined without case, keep-alive by version", () => {
  const head = parseResponseHead("HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a:  2 \r\nEmpty:");
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("X-A"), "1, 2");
  assert.equal(head.headers.get("empty"), "");
  assert.equal(head.keepAlive, true);
  assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\nConnection: Close").keepAlive, false);
  assert.equal(parseResponseHead("HTTP/1.0 200 OK").keepAlive, false);
  assert.equal(parseResponseHead("HTTP/1.0 200\r\nConnection: keep-alive").keepAlive, true);
});

Deno.test("http1 response head: bad status and header lines are Http1Errors", () => {
  for (
    const text of [
      "HTTP/2 200 OK",
      "HTTP/1.1 20 OK",
      "HTTP/1.1 200 OK\r\nno colon",
      "HTTP/1.1 200 OK\r\n: empty name",
      "HTTP/1.1 200 OK\r\nBad Name: x",
      "HTTP/1.1 200 OK\r\nX: a\0b",
    ]
  ) {
    assert.throws(() => parseResponseHead(text), Http1Error, text);
  }
});

Deno.test("http1 response head: interim statuses", () => {
  assert.deepEqual([100, 101, 103, 199, 200].map(isInterim), [true, false, true, true, false]);
});

Deno.test("http1 body framing: 204/304 first, then transfer-encoding, then length, else close", () => {
  const framing = (text: string) => bodyFraming(parseResponseHead(text));
  assert.deepEqual(framing("HTTP/1.1 204 No Content\r\nContent-Length: 9"), { kind: "empty" });
  assert.deepEqual(framing("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: x"), {
    kind: "empty",
  });
  assert.deepEqual(
    framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\nContent-Length: 3"),
    {
      kind: "chunked",
    },
  );
  assert.deepEqual(framing("HTTP/1.1 200 OK\r\nContent-Length: 12"), {
    kind: "length",
    length: 12,
  });
  assert.deepEqual(framing("HTTP/1.1 200 OK"), { kind: "close" });
  assert.throws(() => framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip"), Http1Error);
  assert.throws(() => framing("HTTP/1.1 200 OK\r\nContent-Length: -1"), Http1Error);
  assert.throws(() => framing("HTTP/1.1 200 OK\r\nContent-Length: 1, 1"), Http1Error);
});

Deno.test("http1 response head: obs-fold unfolded, only SP/HTAB trimmed, a bare CR refused", () => {
  const head = parseResponseHead(
    "HTTP/1.1 200 OK\r\nX-Folded: one\r\n \t two\r\n\tthree\r\nX-Nbsp: \u00a0id\u00a0 \r\nX-Tab:\tv\t",
  );
  assert.equal(head.headers.get("x-folded"), "one two three");
  assert.equal(head.headers.latin1("x-nbsp"), "\u00a0id\u00a0"); // 0xA0 is obs-text, kept
  assert.equal(head.headers.get("x-tab"), "v");
  // whitespace-led lines before any field are consumed unread (RFC 9112 §2.2)
  assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\n junk\r\nA: 1").headers.get("a"), "1");
  assert.throws(() => parseResponseHead("HTTP/1.1 200 OK\r\nX: a\rb"), Http1Error);
  assert.throws(() => parseResponseHead("HTTP/1.1 200 OK\r\nX: a\r"), Http1Error);
});

Deno.test("http1 response head: values are UTF-8 text when their bytes are UTF-8", () => {
  const utf8 = String.fromCharCode(...new TextEncoder().encode('{"custom":{"k":"é✓"}}'));
  const head = parseResponseHead(`HTTP/1.1 200 OK\r\nX-Ctx: ${utf8}\r\nX-Raw: caf\u00e9`);
  assert.equal(head.headers.get("x-ctx"), '{"custom":{"k":"é✓"}}');
  assert.equal(head.headers.get("x-raw"), "caf\u00e9"); // not UTF-8: Latin-1, no byte replaced
});
