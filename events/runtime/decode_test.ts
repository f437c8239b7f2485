import assert from "node:assert/strict";
import { decodeValue } from "./decode.ts";
import { encodeValue } from "./encode.ts";
import { f, struct, t } from "./schema.ts";

const Inner = struct("Inner", [f("v", "V", t.str)]);
const S = struct("S", [
  f("name", "Name", t.str),
  f("opt", "Opt", t.str, true),
  f("ptr", "Ptr", t.ptr(t.str)),
  f("list", "List", t.slice(t.str)),
  f("tags", "Tags", t.map(t.str)),
  f("n", "N", t.num("int64")),
  f("small", "Small", t.num("int8")),
  f("ratio", "Ratio", t.num("float64")),
  f("ok", "Ok", t.bool),
  f("inner", "Inner", t.ref("Inner", () => Inner)),
  f("inners", "Inners", t.slice(t.ref("Inner", () => Inner))),
  f("data", "Data", t.bytes),
  f("any", "Any", t.any),
]);

Deno.test('decode none: null, "" and absent string fields are all absent', () => {
  for (const v of [null, ""]) {
    const out = decodeValue(S, { name: v, opt: v }, "none") as Record<string, unknown>;
    assert.deepEqual(out, {});
    assert.equal(Object.hasOwn(out, "name"), false);
  }
  assert.deepEqual(decodeValue(S, {}, "none"), {});
  assert.deepEqual(decodeValue(S, { name: "x" }, "none"), { name: "x" });
});

Deno.test('decode empty: null and absent string fields become ""', () => {
  assert.deepEqual(decodeValue(S, { name: null }, "empty"), { name: "", opt: "" });
  assert.deepEqual(decodeValue(S, {}, "empty"), { name: "", opt: "" });
  assert.deepEqual(decodeValue(S, { name: "", opt: "o" }, "empty"), { name: "", opt: "o" });
});

Deno.test("decode: string elements and pointers", () => {
  const json = { list: ["a", null, ""], tags: { k: null, e: "" }, ptr: "" };
  assert.deepEqual(decodeValue(S, json, "none"), {
    list: ["a", undefined, ""],
    tags: { k: undefined, e: "" },
    ptr: "",
  });
  const empty = decodeValue(S, { ...json, ptr: null }, "empty") as Record<string, unknown>;
  assert.deepEqual(empty.list, ["a", "", ""]);
  assert.deepEqual(empty.tags, { k: "", e: "" });
  assert.equal(empty.ptr, null);
  // encode writes undefined elements back as null: the "none" round trip is exact here.
  const none = decodeValue(S, json, "none");
  assert.deepEqual(encodeValue(S, none), json);
});

Deno.test("decode: null stays null for slices, maps, pointers, bytes; absent for scalars and structs", () => {
  const json = {
    list: null,
    tags: null,
    ptr: null,
    data: null,
    any: null,
    n: null,
    ok: null,
    inner: null,
  };
  assert.deepEqual(decodeValue(S, json, "none"), {
    list: null,
    tags: null,
    ptr: null,
    data: null,
    any: null,
  });
});

Deno.test("decode: wrong shapes name the path", () => {
  const cases: [unknown, RegExp][] = [
    [5, /^<root>: expected object, got 5$/],
    [{ n: "abc" }, /^n: expected number, got "abc"$/],
    [{ n: 1.5 }, /^n: expected integer \(Go int64\), got 1\.5$/],
    [{ ok: "yes" }, /^ok: expected boolean, got "yes"$/],
    [{ inners: [{ v: "a" }, { v: 3 }] }, /^inners\[1\]\.v: expected string, got 3$/],
    [{ inners: [null] }, /^inners\[0\]: expected object, got null$/],
    [{ tags: { "x-y": 1 } }, /^tags\["x-y"\]: expected string, got 1$/],
    [{ list: {} }, /^list: expected array, got an object$/],
    [{ data: "not base64!" }, /^data: expected base64 string, got "not base64!"$/],
    [{ name: ["x"] }, /^name: expected string, got an array$/],
  ];
  for (const [json, re] of cases) {
    for (const strings of ["none", "empty"] as const) {
      assert.throws(() => decodeValue(S, json, strings), (e: unknown) => {
        assert.ok(e instanceof TypeError, `${JSON.stringify(json)}: ${e}`);
        assert.match(e.message, re);
        return true;
      });
    }
  }
});

Deno.test("decode: integers outside their Go type are RangeErrors", () => {
  assert.throws(() => decodeValue(S, { small: 128 }, "none"), RangeError);
  assert.throws(() => decodeValue(S, { n: 2 ** 60 }, "none"), /n: .* out of range for Go int64/);
  assert.deepEqual(decodeValue(S, { small: -128, ratio: 0.25 }, "none"), {
    small: -128,
    ratio: 0.25,
  });
});

Deno.test("decode: unknown keys are kept as they are, also nested, and come back on encode", () => {
  const json = { name: "a", extra: { deep: [1, null] }, inner: { v: "x", more: true } };
  const out = decodeValue(S, json, "empty");
  assert.deepEqual(out, {
    name: "a",
    extra: { deep: [1, null] },
    inner: { v: "x", more: true },
    opt: "",
  });
  assert.deepEqual(encodeValue(S, decodeValue(S, json, "none")), json);
});

Deno.test("decode: unknown __proto__/constructor keys are dropped; map keys stay data; nothing polluted", () => {
  const json = JSON.parse(
    '{"__proto__": {"polluted": 1}, "constructor": 2, "extra": 3, "tags": {"__proto__": "x"}}',
  );
  const out = decodeValue(S, json, "none") as Record<string, Record<string, unknown>>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepEqual(Object.keys(out), ["extra", "tags"]);
  assert.equal(Object.hasOwn(out, "constructor"), false);
  assert.equal(Object.hasOwn(out.tags, "__proto__"), true);
  assert.equal(Object.getPrototypeOf(out.tags), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const back = encodeValue(S, out) as Record<string, unknown>;
  assert.equal(JSON.stringify(back), '{"extra":3,"tags":{"__proto__":"x"}}');
});

Deno.test("decode/encode: []byte is base64 ↔ Uint8Array", () => {
  const out = decodeValue(S, { data: "AP8Q" }, "none") as { data: Uint8Array };
  assert.deepEqual([...out.data], [0, 255, 16]);
  assert.deepEqual(encodeValue(S, out), { data: "AP8Q" });
});

Deno.test('encode: omitempty "" strings and undefined fields are left out', () => {
  assert.deepEqual(encodeValue(S, { name: "", opt: "", n: undefined }), { name: "" });
  assert.deepEqual(encodeValue(S, decodeValue(S, { opt: null }, "empty")), { name: "" });
});
