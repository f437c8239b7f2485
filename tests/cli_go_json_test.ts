/**
 * The CLI's Go-JSON scalar formatting checked against Go itself: thousands of random float64 bit
 * patterns, strings of random (often invalid UTF-8) bytes, and times, printed by a small Go
 * program with `encoding/json` and by our formatter.
 */
import assert from "node:assert/strict";
import { goFloat, goQuoteBytes, goTimeJSON, timeToGob } from "../codec-as/go/mod.ts";
import { skipGo, skipGoNote } from "./support/mod.ts";

const GO_PROGRAM = `package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		parts := strings.Split(in.Text(), " ")
		var b []byte
		var err error
		switch parts[0] {
		case "F":
			bits, _ := strconv.ParseUint(parts[1], 16, 64)
			f := math.Float64frombits(bits)
			switch {
			case math.IsNaN(f):
				b = []byte(\`"NaN"\`)
			case math.IsInf(f, 1):
				b = []byte(\`"+Inf"\`)
			case math.IsInf(f, -1):
				b = []byte(\`"-Inf"\`)
			default:
				b, err = json.Marshal(f)
			}
		case "S":
			raw, _ := hex.DecodeString(parts[1])
			b, err = json.Marshal(string(raw))
		case "T":
			sec, _ := strconv.ParseInt(parts[1], 10, 64)
			nsec, _ := strconv.ParseInt(parts[2], 10, 64)
			off, _ := strconv.Atoi(parts[3])
			loc := time.UTC
			if off != -1 {
				loc = time.FixedZone("", off)
			}
			t := time.Unix(sec, nsec).In(loc)
			g, _ := t.GobEncode()
			b, err = json.Marshal(t)
			b = []byte(hex.EncodeToString(g) + " " + string(b))
		}
		if err != nil {
			b = []byte("ERR " + err.Error())
		}
		fmt.Fprintln(out, string(b))
	}
}
`;

/** Deterministic xorshift PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (x) => parseInt(x, 16));

async function runGo(input: string): Promise<string[]> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/main.go`, GO_PROGRAM);
    const child = new Deno.Command("go", {
      args: ["run", "main.go"],
      cwd: dir,
      env: { GO111MODULE: "off", GOPROXY: "off" },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(input));
    await w.close();
    const out = await child.output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    return new TextDecoder().decode(out.stdout).trimEnd().split("\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "go_json_text: floats, strings and times print exactly as Go's encoding/json" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const next = rng(20261127);
    const lines: string[] = [];
    const floats: number[] = [];
    const special = [
      0,
      -0,
      1e21,
      1e20,
      1e-6,
      1e-7,
      9.999999999999999e20,
      123456789012345680,
      0.1,
      5e-324,
      -1.7976931348623157e308,
      NaN,
      Infinity,
      -Infinity,
      1.5e-7,
      100,
      0.000001234,
    ];
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 3000; i++) {
      let f: number;
      if (i < special.length) f = special[i];
      else if (i % 3 === 0) f = (next() - 2 ** 31) / 2 ** (next() % 40);
      else if (i % 3 === 1) f = Math.fround((next() / 2 ** 32) * 10 ** ((next() % 60) - 30));
      else {
        view.setUint32(0, next());
        view.setUint32(4, next());
        f = view.getFloat64(0);
      }
      floats.push(f);
      view.setFloat64(0, f);
      lines.push(`F ${view.getBigUint64(0).toString(16)}`);
    }
    const strings: Uint8Array[] = [];
    const alphabet = [
      0x00,
      0x1f,
      0x22,
      0x26,
      0x3c,
      0x3e,
      0x5c,
      0x7f,
      0x80,
      0xbf,
      0xc0,
      0xc2,
      0xe0,
      0xe2,
      0x80,
      0xa8,
      0xed,
      0xa0,
      0xef,
      0xbf,
      0xbd,
      0xf0,
      0x9f,
      0x98,
      0x80,
      0xf4,
      0x90,
      0xff,
      0x61,
      0x0a,
      0x09,
      0x0d,
      0x08,
      0x0c,
    ];
    for (let i = 0; i < 2000; i++) {
      const n = next() % 12;
      const b = new Uint8Array(n);
      for (let j = 0; j < n; j++) {
        b[j] = next() % 4 === 0 ? next() % 256 : alphabet[next() % alphabet.length];
      }
      strings.push(b);
      lines.push(`S ${hex(b)}`);
    }
    const times: [number, number, number][] = [];
    for (let i = 0; i < 500; i++) {
      const sec = (next() % 2 === 0 ? -1 : 1) * (next() % 60000000000) + 1600000000;
      const nsec = i % 4 === 0 ? 0 : next() % 1000000000;
      const off = i % 3 === 0 ? -1 : ((next() % 1680) - 840) * 60;
      times.push([sec, nsec, off]);
      lines.push(`T ${sec} ${nsec} ${off}`);
    }
    const got = await runGo(lines.join("\n") + "\n");
    assert.equal(got.length, lines.length);
    let k = 0;
    for (const f of floats) assert.equal(goFloat(f), got[k++], `float ${lines[k - 1]}`);
    for (const s of strings) assert.equal(goQuoteBytes(s), got[k++], `string ${lines[k - 1]}`);
    for (const _t of times) {
      const [gobHex, json] = got[k++].split(" ");
      if (gobHex === "") {
        // Go's GobEncode refuses an offset of exactly −1 minute (its UTC marker): so do we.
        assert.throws(() => timeToGob(JSON.parse(json)), RangeError);
        continue;
      }
      if (json === undefined || json.startsWith("ERR")) continue; // years Go refuses to print
      assert.equal(goTimeJSON(unhex(gobHex)), json, `time ${lines[k - 1]}`);
      // The reverse direction: our RFC 3339 parser gives Go's GobEncode bytes.
      assert.equal(hex(timeToGob(JSON.parse(json))), gobHex, `time ${json}`);
    }
  },
});
