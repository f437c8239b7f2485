import assert from "node:assert/strict";
import { LONG_EVENT_STRING, parseJsonEvent } from "./_json_event.ts";
import { mem, wasm } from "../../codec-as/wasm/mod.ts";

const enc = new TextEncoder();
const big = (c: string, n = LONG_EVENT_STRING) => c.repeat(Math.ceil(n / enc.encode(c).length));

/** What `start` did before: the text, then `JSON.parse`. */
function plain(utf8: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(utf8));
}

/** `parseJsonEvent` gives `JSON.parse`'s value: equal, same key order, plain prototypes. */
function same(utf8: Uint8Array, label: string): unknown {
  const want = plain(utf8);
  const got = parseJsonEvent(utf8);
  assert.deepStrictEqual(got, want, label);
  assert.equal(JSON.stringify(got), JSON.stringify(want), label);
  return got;
}

Deno.test("parseJsonEvent: long strings anywhere come back as JSON.parse gives them", () => {
  const body = big("b");
  const cases: [string, unknown][] = [
    ["a top-level string", body],
    ["a field", { id: 1, body, after: [true, null] }],
    ["in arrays", [[body], { x: [1, body] }, body]],
    ["several", { a: body, b: big("ƛ"), c: "short", d: [big("é", LONG_EVENT_STRING + 3)] }],
    ["a long key too", { [body]: body, k: 1 }],
    ["escapes (left to JSON.parse)", { a: body + '"\n\\', b: body }],
    ["__proto__", JSON.parse(`{"__proto__": ${JSON.stringify(body)}, "x": 1}`)],
    ["U+FEFF starting a string", { a: "\ufeff" + body }],
    ["emoji and other planes", { a: big("😀"), b: big("\u0800") }],
  ];
  for (const [label, value] of cases) {
    const got = same(enc.encode(JSON.stringify(value)), label);
    if (label === "__proto__") {
      assert.equal(Object.getPrototypeOf(got), Object.prototype);
      assert.ok(Object.hasOwn(got as object, "__proto__"));
    }
  }
  // Pretty-printed, and with a byte order mark before it all (which TextDecoder drops).
  same(enc.encode(JSON.stringify({ k: body, l: [body] }, null, "\t")), "pretty");
  same(enc.encode("\ufeff" + JSON.stringify({ k: body })), "BOM");
  same(enc.encode(`{"k" :\r\n "${body}" , "d":{"k":"${body}","k":"${body}x"}}`), "duplicate keys");
});

Deno.test("parseJsonEvent: bytes that are not UTF-8 inside a long string decode as in the whole", () => {
  const body = enc.encode(big("a"));
  const bytes = new Uint8Array([
    ...enc.encode('{"b":"'),
    0xff,
    ...body,
    0xe2,
    0x82,
    ...enc.encode('"}'),
  ]);
  same(bytes, "invalid UTF-8");
});

Deno.test("parseJsonEvent: text that is not JSON fails with JSON.parse's own error", () => {
  const body = big("c");
  for (
    const text of [
      `{"a":"${body}",}`,
      `{"a":"${body}" "b"}`,
      `["${body}\u0001"]`,
      `["${body}`,
      `{"a":"${body}"}x`,
      `${"[".repeat(3)}"${body}"]]`,
    ]
  ) {
    const utf8 = enc.encode(text);
    let want: unknown;
    try {
      plain(utf8);
    } catch (e) {
      want = e;
    }
    assert.ok(want instanceof SyntaxError, text.slice(0, 20));
    assert.throws(() => parseJsonEvent(utf8), (e) => {
      assert.ok(e instanceof SyntaxError);
      assert.equal(e.message, want.message);
      return true;
    });
  }
});

Deno.test("parseJsonEvent: an event in codec memory (a go1.x request) parses in place", () => {
  const text = enc.encode(JSON.stringify({ body: big("z", 3 * LONG_EVENT_STRING), n: [1, 2] }));
  const p = wasm.alloc(text.length);
  try {
    mem().u8.set(text, p);
    const view = mem().u8.subarray(p, p + text.length);
    same(view, "in codec memory");
    assert.equal(view.length, text.length); // memory did not grow under the view
  } finally {
    wasm.free(p);
  }
});

Deno.test("parseJsonEvent: small events and long arrays of small strings take JSON.parse", () => {
  same(enc.encode('{"a":"b"}'), "small");
  const records = Array.from({ length: 5000 }, (_, i) => ({ id: `m-${i}`, body: "x".repeat(20) }));
  same(enc.encode(JSON.stringify(records)), "records");
  same(enc.encode(JSON.stringify([...records, { body: big("r") }])), "records, then a long one");
});

Deno.test("parseJsonEvent: the long strings decoded from their bytes are reported, and none needs escaping", () => {
  const body = big("b");
  const cases: [string, unknown, number][] = [
    ["a field", { id: 1, body }, 1],
    ["several", { a: body, b: big("ƛ"), c: [big("😀")] }, 3],
    ["an escape keeps it in the text", { a: body + "\n", b: `"${body}` }, 0],
    ["a long key is not a value", { [body]: 1 }, 0],
    ["small", { a: "x" }, 0],
  ];
  for (const [label, value, count] of cases) {
    const plain: string[] = [];
    same(enc.encode(JSON.stringify(value)), label);
    const got = parseJsonEvent(enc.encode(JSON.stringify(value)), plain);
    assert.equal(plain.length, count, label);
    const values = JSON.stringify(got);
    for (const s of plain) {
      assert.equal(JSON.stringify(s), `"${s}"`, `${label}: needs no escaping`);
      assert.ok(values.includes(`"${s}"`), `${label}: a value of the event`);
    }
  }
  // Bytes that are not UTF-8 decode to U+FFFD, which needs no escaping either.
  const plain: string[] = [];
  parseJsonEvent(
    new Uint8Array([...enc.encode('["'), 0xff, ...enc.encode(body), 0xc3, 0x22, 0x5d]),
    plain,
  );
  assert.equal(plain.length, 1);
  assert.equal(JSON.stringify(plain[0]), `"${plain[0]}"`);
  assert.ok(plain[0].startsWith("\ufffd") && plain[0].endsWith("\ufffd"));
});
