import assert from "node:assert/strict";
import { jsonEscapeIndex } from "./_json_escape.ts";
import { Rng } from "../../tools/fuzz/mod.ts";

/** The reference: the first byte JSON.stringify would not copy as it is. */
function expected(bytes: Uint8Array): number {
  return bytes.findIndex((b) => b < 0x20 || b === 0x22 || b === 0x5c);
}

Deno.test("jsonEscapeIndex: each byte that needs escaping, at every offset around the 16-byte steps and pieces", () => {
  const specials = [0x00, 0x0a, 0x1f, 0x22, 0x5c];
  const harmless = [0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xc6, 0x9b, 0xff];
  for (const size of [0, 1, 15, 16, 17, 31, 33, 65535, 65536, 65537, 200_000]) {
    const bytes = new Uint8Array(size).map((_, i) => harmless[i % harmless.length]);
    assert.equal(jsonEscapeIndex(bytes), -1, `size ${size}`);
    const offsets = new Set([0, 1, 14, 15, 16, 17, size - 17, size - 16, size - 1, 65535, 65536]);
    for (const at of offsets) {
      if (at < 0 || at >= size) continue;
      for (const b of specials) {
        const copy = bytes.slice();
        copy[at] = b;
        assert.equal(jsonEscapeIndex(copy), at, `size ${size}, byte ${b} at ${at}`);
        if (at + 1 < size) copy[size - 1] = 0x22; // a later one does not hide the first
        assert.equal(jsonEscapeIndex(copy), at);
      }
    }
  }
});

Deno.test("jsonEscapeIndex: agrees with a byte-by-byte scan and with JSON.stringify on random text", () => {
  const rng = new Rng(0x15011);
  const alphabet = ["a", "ƛ", "€", "😀", " ", "~", "\u007f", "\u00e9", '"', "\\", "\n", "\u0001"];
  for (let round = 0; round < 300; round++) {
    const rare = rng.int(4) === 0;
    let s = "";
    const n = rng.int(rng.int(2) === 0 ? 40 : 3000);
    for (let i = 0; i < n; i++) {
      s += alphabet[rare ? rng.int(alphabet.length) : rng.int(alphabet.length - 4)];
    }
    const bytes = new TextEncoder().encode(s);
    const i = jsonEscapeIndex(bytes);
    assert.equal(i, expected(bytes));
    // no escape needed exactly when JSON.stringify only adds the quotes
    assert.equal(i === -1, JSON.stringify(s) === `"${s}"`, JSON.stringify(s).slice(0, 80));
  }
});
