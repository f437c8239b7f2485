import assert from "node:assert/strict";
import { urlDecodeS3Key } from "./s3_key.ts";

Deno.test("urlDecodeS3Key: + is a space, %XX are UTF-8 bytes, other text is kept", () => {
  assert.equal(urlDecodeS3Key("a+b%2Bc%20d"), "a b+c d");
  assert.equal(urlDecodeS3Key("caf%C3%A9/%E2%9C%93"), "café/✓");
  assert.equal(urlDecodeS3Key("plain/ü.txt"), "plain/ü.txt");
  assert.throws(() => urlDecodeS3Key("bad%2"), TypeError);
  assert.throws(() => urlDecodeS3Key("bad%zz"), TypeError);
});
