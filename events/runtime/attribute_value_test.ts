import assert from "node:assert/strict";
import {
  decodeAttributeValue,
  DynamoDBAttributeValueCodec,
  encodeAttributeValue,
  MAX_ATTRIBUTE_DEPTH,
} from "./attribute_value.ts";

Deno.test("DynamoDBAttributeValue: every kind decodes and encodes back to the same JSON", () => {
  const json = DynamoDBAttributeValueCodec.sample();
  const v = decodeAttributeValue(json, "");
  assert.ok("M" in v);
  const b = v.M.b;
  assert.ok("B" in b);
  assert.deepEqual([...b.B], [104, 105]);
  const bs = v.M.bs;
  assert.ok("BS" in bs);
  assert.deepEqual(bs.BS.map((x) => [...x]), [[0], [255]]);
  assert.deepEqual(encodeAttributeValue(v), json);
});

Deno.test("DynamoDBAttributeValue: shape errors name the path", () => {
  const cases: [unknown, RegExp][] = [
    [{}, /^TypeError: v: expected one DynamoDB type key, got 0/],
    [{ S: "a", N: "1" }, /^TypeError: v: expected one DynamoDB type key, got 2 \(S, N\)$/],
    [{ X: 1 }, /^TypeError: v: unknown DynamoDB type "X"/],
    [{ N: 1 }, /^TypeError: v\.N: expected string, got 1$/],
    [
      { L: [{ S: "a" }, { BOOL: "no" }] },
      /^TypeError: v\.L\[1\]\.BOOL: expected boolean, got "no"$/,
    ],
    [
      { M: { "a-b": { SS: ["x", 2] } } },
      /^TypeError: v\.M\["a-b"\]\.SS\[1\]: expected string, got 2$/,
    ],
    [{ B: "***" }, /^TypeError: v\.B: expected base64 string/],
    [null, /^TypeError: v: expected DynamoDB attribute value object, got null$/],
  ];
  for (const [json, re] of cases) assert.throws(() => decodeAttributeValue(json, "v"), re);
});

Deno.test("DynamoDBAttributeValue: nesting deeper than the cap is a RangeError", () => {
  let json: unknown = { S: "x" };
  for (let i = 0; i <= MAX_ATTRIBUTE_DEPTH + 1; i++) json = { L: [json] };
  assert.throws(() => decodeAttributeValue(json, ""), RangeError);
});
