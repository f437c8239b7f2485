import assert from "node:assert/strict";
import {
  jsonLongStrings,
  MAX_LONG_STRINGS,
  MAX_SCANNED_LITERALS,
  scanInWindows,
  WINDOW_BYTES,
} from "./_json_strings.ts";
import { mem, memoryBuffer, wasm } from "../../codec-as/wasm/mod.ts";

const enc = new TextEncoder();

/** A byte-at-a-time reading of the same rule, written apart from the SIMD scanner it checks. */
function reference(utf8: Uint8Array, minBytes: number): number[] {
  const pairs: number[] = [];
  let literals = 0;
  let i = 0;
  while (pairs.length < 2 * MAX_LONG_STRINGS && literals < MAX_SCANNED_LITERALS) {
    while (i < utf8.length && utf8[i] !== 0x22) i++;
    if (i >= utf8.length) break;
    const start = ++i;
    let plain = true;
    while (i < utf8.length && utf8[i] !== 0x22) {
      if (utf8[i] === 0x5c) {
        plain = false;
        i += 2;
      } else {
        if (utf8[i] < 0x20) plain = false;
        i++;
      }
    }
    if (i >= utf8.length) break;
    const end = i++;
    literals++;
    let k = i;
    while (k < utf8.length && " \t\n\r".includes(String.fromCharCode(utf8[k]))) k++;
    const key = k < utf8.length && utf8[k] === 0x3a;
    if (plain && end - start >= minBytes && !key) pairs.push(start, end);
  }
  return pairs;
}

function check(text: string | Uint8Array, minBytes: number, expected?: [number, number][]) {
  const utf8 = typeof text === "string" ? enc.encode(text) : text;
  const got = [...jsonLongStrings(utf8, minBytes)];
  assert.deepEqual(got, reference(utf8, minBytes), typeof text === "string" ? text : "");
  if (expected) assert.deepEqual(got, expected.flat());
  return got;
}

Deno.test("jsonLongStrings: string values long enough, not keys, nothing to unescape", () => {
  check('{"id":"a","body":"0123456789"}', 8, [[18, 28]]);
  check('"0123456789"', 10, [[1, 11]]);
  check('"0123456789"', 11, []);
  check('{"0123456789" :"x", "k":"0123456789"}', 8, [[25, 35]]); // the first is a key
  check('{"0123456789"\n\t\r :1}', 8, []);
  check('["01234\\n6789", "0123456789"]', 8, [[17, 27]]); // an escape: left to JSON.parse
  check('["01234\u00016789"]', 8, []); // a control character: JSON.parse rejects it
  check('["a\\"b", "0123456789"]', 8, [[10, 20]]); // an escaped quote does not end a string
  check('["a\\\\", "0123456789"]', 8, [[9, 19]]); // nor does an escaped backslash hide one
  check('["ƛƛƛƛƛ"]', 10, [[2, 12]]); // bytes, not characters
  check('["0123456789', 8, []); // unterminated
  check("", 1, []);
});

Deno.test("jsonLongStrings: quotes and escapes at every offset around the 16-byte steps", () => {
  for (let pad = 0; pad < 40; pad++) {
    for (let len = 30; len < 50; len++) {
      const filler = "x".repeat(len);
      check(
        `${" ".repeat(pad)}{"k":"${filler}","e":"${filler.slice(3)}\\t",  "v" : "${filler}"}`,
        30,
      );
      check(`[${"1,".repeat(pad)}"${filler}\u0007${filler}", "${"é".repeat(len)}"]`, 30);
    }
  }
});

/**
 * Seeded random text of the pieces a JSON lexer cares about (quotes, backslashes, colons,
 * whitespace, brackets, a control character, multi-byte characters), with a run of `x` of up to
 * `runMax` bytes one piece in `runEvery`.
 */
function lexerSoup(seed: number, runEvery: number, runMax: number) {
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const pieces = ['"', "\\", ":", ",", " ", "\n", "a", "ƛ", "{", "}", "[", "]", "\u0001", "0"];
  const text = (): string => {
    let s = "";
    const n = 1 + rand(300);
    for (let i = 0; i < n; i++) {
      s += rand(runEvery) === 0 ? "x".repeat(rand(runMax)) : pieces[rand(pieces.length)];
    }
    return s;
  };
  return { rand, text };
}

Deno.test("jsonLongStrings: random JSON texts agree with the byte-at-a-time reading", () => {
  const { rand, text } = lexerSoup(7, 8, 40);
  for (let t = 0; t < 2000; t++) check(text(), 1 + rand(24));
});

Deno.test("jsonLongStrings: text in codec memory is scanned in place, with the same answer", () => {
  const text = enc.encode(`{"a":[1,2],"b":"${"z".repeat(5000)}","c":"${"y".repeat(70)}"}`);
  const p = wasm.alloc(text.length);
  try {
    mem().u8.set(text, p);
    const inPlace = mem().u8.subarray(p, p + text.length);
    assert.deepEqual([...jsonLongStrings(inPlace, 64)], [...jsonLongStrings(text, 64)]);
    assert.deepEqual([...jsonLongStrings(text, 64)], [16, 5016, 5023, 5093]);
  } finally {
    wasm.free(p);
  }
});

Deno.test("jsonLongStrings: at most MAX_LONG_STRINGS, within MAX_SCANNED_LITERALS literals", () => {
  const long = `"${"q".repeat(20)}"`;
  const many = `[${Array(MAX_LONG_STRINGS + 5).fill(long).join(",")}]`;
  assert.equal(check(many, 20).length, 2 * MAX_LONG_STRINGS);
  const late = `[${Array(MAX_SCANNED_LITERALS).fill('"s"').join(",")},${long}]`;
  assert.deepEqual(check(late, 20), []);
  const inTime = `[${Array(MAX_SCANNED_LITERALS - 1).fill('"s"').join(",")},${long}]`;
  assert.equal(check(inTime, 20).length, 2);
});

Deno.test("jsonLongStrings: long texts give the same pairs in windows as whole", () => {
  const small = (n: number) => Array(n).fill('"s"').join(",");
  const long = (bytes: number) => `"${"L".repeat(bytes)}"`;
  const upTo = (head: string, tail: string) =>
    // a string whose closing quote ends the prefix
    head + long(WINDOW_BYTES - enc.encode(head).length - 2) + tail;
  const cases: [string, string][] = [
    ["records past the literal limit", `[${small(200_000)}]`],
    ["a long value among them", `[${small(10)},${long(70_000)},${small(200_000)}]`],
    ["a long string across windows", `[${small(10)},${long(2 * WINDOW_BYTES)}]`],
    ["a 4096th literal ending the window, then a key", upTo(`{${small(4095)},`, `   :1}`)],
    ["a 4096th literal ending the window, then a value", upTo(`[${small(4095)},`, `,"x"]`)],
    ["a 4096th literal ending the window, a value", upTo(`[${small(4095)},`, `   ,1]`)],
    [
      "64 long values, the last ending the window, then a key",
      upTo(
        `{${Array(MAX_LONG_STRINGS - 1).fill(long(40)).join(",")},`,
        ` \n:1}`,
      ),
    ],
    ["few literals in the first window", `[${long(20)},${" ".repeat(WINDOW_BYTES)},${long(30)}]`],
  ];
  for (const [label, text] of cases) {
    const utf8 = enc.encode(text);
    assert.ok(utf8.length > WINDOW_BYTES, label);
    assert.deepEqual([...jsonLongStrings(utf8, 20)], reference(utf8, 20), label);
  }
});

Deno.test("jsonLongStrings: long texts are not copied whole into codec memory", () => {
  const before = memoryBuffer().byteLength;
  const records = Array.from({ length: 1 + before / 16 }, (_, i) => `{"id":"m-${i}","n":${i}}`);
  const utf8 = enc.encode(`[${records.join(",")}]`);
  assert.ok(utf8.length > before);
  assert.deepEqual([...jsonLongStrings(utf8, 20)], []);
  const body = "b".repeat(before);
  const string = enc.encode(`{"a":1,"body":"${body}","z":"\\${body}"}`);
  assert.deepEqual([...jsonLongStrings(string, 20)], [15, 15 + before]);
  assert.ok(memoryBuffer().byteLength < before + WINDOW_BYTES * 2, "codec memory did not grow");
});

Deno.test("jsonLongStrings: any window size gives the whole text's pairs", () => {
  const { rand, text } = lexerSoup(11, 6, 60);
  for (let t = 0; t < 1500; t++) {
    const s = text();
    const utf8 = enc.encode(s);
    const minBytes = 1 + rand(24);
    const want = reference(utf8, minBytes);
    for (const size of [1, 2, 3, 7, 16, 17, 64, 1 + rand(80)]) {
      assert.deepEqual([...scanInWindows(utf8, minBytes, size)], want, `${s} / ${size}`);
    }
  }
  // Escapes, keys and strings cut at every offset: each window size from one byte to the whole.
  const crafted = [
    `["a\\"b","${"x".repeat(20)}"]`,
    `["a\\\\","${"x".repeat(20)}", "c\\\\\\"d"  ,"${"y".repeat(21)}"]`,
    `{"${"k".repeat(20)}"  \n :"${"v".repeat(20)}","e":"\\n${"w".repeat(20)}"}`,
    `["${"x".repeat(20)}"   ,   "${"é".repeat(12)}"   ]`,
  ];
  for (const text of crafted) {
    const utf8 = enc.encode(text);
    const want = reference(utf8, 20);
    assert.ok(want.length > 0, text);
    for (let size = 1; size <= utf8.length; size++) {
      assert.deepEqual([...scanInWindows(utf8, 20, size)], want, `${text} / ${size}`);
    }
  }
  // The limits, reached in a window of their own or across several.
  const many = enc.encode(
    `[${Array(MAX_LONG_STRINGS + 3).fill(`"${"q".repeat(20)}" `).join(",")}]`,
  );
  const late = enc.encode(
    `[${Array(MAX_SCANNED_LITERALS).fill('"s"').join(",")},"${"z".repeat(30)}"]`,
  );
  for (const size of [5, 64, 1000]) {
    assert.deepEqual([...scanInWindows(many, 20, size)], reference(many, 20));
    assert.deepEqual([...scanInWindows(late, 20, size)], []);
  }
});
