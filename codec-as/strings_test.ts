import assert from "node:assert/strict";
import { decodeGoString, encodeGoString } from "./strings.ts";

Deno.test("strings: valid UTF-8 round-trips unchanged", () => {
  for (const s of ["", "ascii", "ƛ λ 😀", "\u0000\uffff"]) {
    assert.equal(decodeGoString(new TextEncoder().encode(s)), s);
    assert.deepEqual(encodeGoString(s), new TextEncoder().encode(s));
  }
});

Deno.test("strings: invalid bytes map to U+DC80..U+DCFF and back, byte for byte", () => {
  const cases: number[][] = [
    [0xff],
    [0x61, 0xc3], // truncated 2-byte sequence
    [0xed, 0xa0, 0x80], // encoded surrogate (invalid in UTF-8)
    [0xc0, 0xaf], // overlong
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xe2, 0x82, 0xac, 0x80, 0x41], // "€", stray continuation, "A"
  ];
  for (const c of cases) {
    const b = new Uint8Array(c);
    const s = decodeGoString(b);
    assert.ok(!s.isWellFormed() || c.every((x) => x < 0x80), `${c} → ${JSON.stringify(s)}`);
    assert.deepEqual(encodeGoString(s), b);
  }
  assert.equal(decodeGoString(new Uint8Array([0x61, 0xff, 0x62])), "a\udcffb");
});

Deno.test("strings: other lone surrogates encode as U+FFFD like TextEncoder", () => {
  assert.deepEqual(encodeGoString("\ud800"), new Uint8Array([0xef, 0xbf, 0xbd]));
});
