import assert from "node:assert/strict";
import { decodeBase64, encodeBase64 } from "./base64.ts";

Deno.test("base64: padded standard alphabet, line breaks ignored, others rejected", () => {
  assert.deepEqual([...decodeBase64("aGk=")!], [104, 105]);
  assert.deepEqual([...decodeBase64("aG\r\nk=")!], [104, 105]);
  assert.deepEqual([...decodeBase64("")!], []);
  for (const bad of ["aGk", "aGk=a", "a-_=", "====", "aG=k"]) {
    assert.equal(decodeBase64(bad), undefined, bad);
  }
  const big = new Uint8Array(100_000).map((_, i) => i * 7);
  assert.deepEqual(decodeBase64(encodeBase64(big)), big);
});
