/**
 * `gob encode` writes the bytes Go writes: the same JSON lines are decoded by Go's encoding/json
 * into the same declared type and encoded by one fresh gob.Encoder in a fresh Go process, and the
 * two streams are compared byte for byte (maps hold at most one key, so Go's order is fixed).
 */
import assert from "node:assert/strict";
import { encodeJsonLines } from "../codec-as/cli/encode.ts";
import { skipGo, skipGoNote } from "./go.ts";

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

async function* lines() {
  yield* LINES;
}

const GO_PROGRAM = `package main

import (
	"bufio"
	"encoding/gob"
	"encoding/json"
	"os"
	"time"
)

${DECLS}

func main() {
	in := bufio.NewScanner(os.Stdin)
	enc := gob.NewEncoder(os.Stdout)
	for in.Scan() {
		var v Item
		if err := json.Unmarshal(in.Bytes(), &v); err != nil {
			panic(err)
		}
		if err := enc.Encode(v); err != nil {
			panic(err)
		}
	}
}

var _ = time.Time{}
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
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/main.go`, GO_PROGRAM);
      const child = new Deno.Command("go", {
        args: ["run", "main.go"],
        cwd: dir,
        env: { GO111MODULE: "off", GOPROXY: "off", TZ: "UTC" },
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const w = child.stdin.getWriter();
      await w.write(new TextEncoder().encode(LINES.join("\n") + "\n"));
      await w.close();
      const out = await child.output();
      assert.ok(out.success, new TextDecoder().decode(out.stderr));

      const parts: Uint8Array[] = [];
      const sink = { write: (p: Uint8Array) => Promise.resolve(parts.push(p.slice()) && p.length) };
      await encodeJsonLines(lines(), sink, { decls: DECLS, type: "Item" });
      const ours = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((off, p) => (ours.set(p, off), off + p.length), 0);
      const hex = (b: Uint8Array) =>
        Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
      assert.equal(hex(ours), hex(out.stdout));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
