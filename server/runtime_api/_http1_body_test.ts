import assert from "node:assert/strict";
import { type BodySource, readChunkedBody, readLengthBody } from "./_http1_body.ts";
import { Http1Error } from "./_http1_error.ts";

/** A source over fixed text (one byte per character), as a connection's buffer would give it. */
function source(text: string): BodySource & { rest(): string } {
  let at = 0;
  return {
    readInto(target) {
      if (text.length - at < target.length) return Promise.reject(new Http1Error("ended"));
      for (let i = 0; i < target.length; i++) target[i] = text.charCodeAt(at++);
      return Promise.resolve();
    },
    readLine() {
      const end = text.indexOf("\r\n", at);
      if (end < 0) return Promise.reject(new Http1Error("ended"));
      const line = text.slice(at, end);
      at = end + 2;
      return Promise.resolve(line);
    },
    rest: () => text.slice(at),
  };
}

const dec = new TextDecoder();

Deno.test("http1 body: a Content-Length body goes into the caller's buffer when it is long enough", async () => {
  const into = new Uint8Array(8);
  const body = await readLengthBody(source("abcdef"), 3, 100, () => into);
  assert.equal(dec.decode(body), "abc");
  assert.equal(body.buffer, into.buffer);
  const own = await readLengthBody(source("abcdef"), 3, 100, () => new Uint8Array(2));
  assert.notEqual(own.buffer, into.buffer);
  assert.equal(own.length, 3);
  await assert.rejects(readLengthBody(source("abcdef"), 7, 6), Http1Error);
  await assert.rejects(readLengthBody(source("ab"), 3, 6), Http1Error);
});

Deno.test("http1 body: chunks are joined, extensions and trailers skipped, the rest left", async () => {
  const s = source("3;x=y\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\nNEXT");
  assert.equal(dec.decode(await readChunkedBody(s, 100)), "abc0123456789");
  assert.equal(s.rest(), "NEXT");
  assert.equal((await readChunkedBody(source("0\r\n\r\n"), 100)).length, 0);
});

Deno.test("http1 body: bad chunk framing and bodies over the limit are Http1Errors", async () => {
  for (
    const text of ["x\r\n", "3\r\nabcd\r\n0\r\n\r\n", "3\r\nabc\r\n", "123456789\r\n"]
  ) {
    await assert.rejects(readChunkedBody(source(text), 100), Http1Error, JSON.stringify(text));
  }
  await assert.rejects(readChunkedBody(source("5\r\nabcde\r\n0\r\n\r\n"), 4), Http1Error);
});

Deno.test("http1 body: chunk sizes with leading zeros beyond 8 digits, BWS before extensions", async () => {
  const s = source("0000000000000005 ;a=b\r\nhello\r\n000000000000000000000\r\n\r\n");
  assert.equal(dec.decode(await readChunkedBody(s, 100)), "hello");
  await assert.rejects(readChunkedBody(source("1000000000000000\r\n"), 100), Http1Error);
  await assert.rejects(readChunkedBody(source("-1\r\n"), 100), Http1Error);
});
