import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { decodeUtf8, encodeUtf8 } from "./utf8.ts";

const native = new TextDecoder();
const nativeEnc = new TextEncoder();

// Byte strings around the ASCII and size boundaries: empty, ASCII, multi-byte, invalid, a BOM.
const BYTES: number[][] = [
  [],
  [0x7b, 0x7d],
  [0x7f],
  [0xc6, 0x9b],
  [0xef, 0xbb, 0xbf, 0x31], // BOM + "1": TextDecoder drops the BOM
  [0xff, 0x41],
  [0xed, 0xa0, 0x80], // an encoded surrogate: invalid UTF-8
  Array.from({ length: 512 }, (_, i) => 0x20 + (i % 90)),
  Array.from({ length: 513 }, (_, i) => 0x20 + (i % 90)),
  [...Array.from({ length: 300 }, () => 0x61), 0xe2, 0x82, 0xac],
];

for (const b of BYTES) {
  Deno.test(`decodeUtf8 matches TextDecoder on ${b.length} bytes starting ${b.slice(0, 3)}`, () => {
    strictEqual(decodeUtf8(new Uint8Array(b)), native.decode(new Uint8Array(b)));
  });
}

const TEXTS = [
  "",
  "null",
  '{"a":[1,2]}',
  "ƛ",
  "a\u0000b",
  "x".repeat(512),
  "y".repeat(513),
  "\ud800",
];

for (const t of TEXTS) {
  Deno.test(`encodeUtf8 matches TextEncoder on ${JSON.stringify(t.slice(0, 8))} (${t.length})`, () => {
    const buf = new Uint8Array(600);
    deepStrictEqual(encodeUtf8(t, buf), nativeEnc.encode(t));
  });
}

Deno.test("encodeUtf8 writes short ASCII into the given buffer and anything else elsewhere", () => {
  const buf = new Uint8Array(8);
  strictEqual(encodeUtf8("abc", buf).buffer, buf.buffer);
  strictEqual(encodeUtf8("abcdefghi", buf).buffer === buf.buffer, false); // does not fit
  strictEqual(encodeUtf8("aƛ", buf).buffer === buf.buffer, false);
});
