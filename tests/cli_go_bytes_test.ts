/**
 * `gob encode` writes the bytes Go writes: the same JSON lines are decoded by Go's encoding/json
 * into the same declared type and encoded by one fresh gob.Encoder in a fresh Go process, and the
 * two streams are compared byte for byte (maps hold at most one key, so Go's order is fixed).
 */
import assert from "node:assert/strict";
import { goEncodeLines, hexBytes, ourEncodeLines } from "./cli_go_run.ts";
import { skipGo, skipGoNote } from "./support/mod.ts";

const DECLS = `type Point struct {
	X, Y int
}

type Item struct {
	ID    uint64
	Name  string
	Tags  []string
	Price float64
	When  time.Time
	Next  *Item
	Meta  map[string]int16
	Raw   []byte
	Small int8
	P     Point
	Arr   [2]Point
	F32   float32
	Ptr   *time.Time
	Keys  map[int32][]Point
}
`;

const LINES = [
  '{"ID":18446744073709551615,"Name":"a","Tags":["x","y"],"Price":1.5,"When":"2020-01-02T03:04:05.0000006Z","Next":{"ID":1,"Small":-3},"Meta":{"k":-7},"Raw":"AQID","Small":-128,"P":{"X":1,"Y":-1},"Arr":[{"X":2},{"Y":3}],"F32":0.1,"Ptr":"0001-01-01T00:00:00Z","Keys":{"-9":[{"X":4}]}}',
  "{}",
  '{"Name":"\\u00e9\\u2028<>","Price":-0,"When":"1969-07-20T20:17:40-05:00","Meta":{},"Tags":[],"Keys":{"5":[]}}',
];

Deno.test({
  name: "gob encode: the stream equals Go's gob.Encoder output byte for byte" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const go = await goEncodeLines(DECLS, "Item", LINES);
    assert.equal(hexBytes(await ourEncodeLines(DECLS, "Item", LINES)), hexBytes(go));
  },
});
