/**
 * `deno task gob` end to end, as a subprocess: help and usage errors, encode → dump round trips,
 * `--types`, corrupt and truncated streams, large outputs, and error messages with positions.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../codec-as/cli.ts", import.meta.url));
const FIXTURES = fileURLToPath(new URL("./fixtures/gob/", import.meta.url));

interface Run {
  code: number;
  stdout: Uint8Array;
  out: string;
  err: string;
}

async function gob(args: string[], stdin?: Uint8Array | string): Promise<Run> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", CLI, ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Write stdin while reading stdout: a large input would otherwise fill both pipes.
  const writing = stdin === undefined ? Promise.resolve() : (async () => {
    const w = child.stdin.getWriter();
    await w.write(typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin);
    await w.close();
  })();
  const r = await child.output();
  await writing;
  const dec = new TextDecoder();
  return { code: r.code, stdout: r.stdout, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

const DECLS = `package main

import "time"

// Item is one thing.
type Item struct {
	ID    uint64
	Name  string
	Tags  []string
	Price float64
	When  time.Time
	Next  *Item
	Meta  map[string]int
	Any   interface{}
	Raw   []byte
	Small int8
}
`;

const LINES = [
  '{"ID":18446744073709551615,"Name":"a\\u003cb\\u003e","Tags":["x","y"],"Price":1.5,"When":"2020-01-02T03:04:05.0000006Z","Next":{"ID":1,"Name":"","Tags":null,"Price":0,"When":"0001-01-01T00:00:00Z","Next":null,"Meta":null,"Any":null,"Raw":null,"Small":0},"Meta":{"a":1,"b":2},"Any":42,"Raw":"AQID","Small":-128}',
  '{"ID":0,"Name":"","Tags":null,"Price":-0,"When":"0001-01-01T00:00:00Z","Next":null,"Meta":{},"Any":"s","Raw":null,"Small":0}',
  '{"ID":7,"Name":"\\u2028\\u0026","Tags":["only"],"Price":1e+21,"When":"1969-07-20T20:17:40-05:00","Next":null,"Meta":null,"Any":2.5,"Raw":null,"Small":127}',
];

Deno.test("gob --help and no arguments print usage; a bad command is a usage error (status 2)", async () => {
  for (const args of [["--help"], [], ["dump", "--help"]]) {
    const r = await gob(args);
    assert.equal(r.code, 0);
    assert.match(r.out, /gob dump \[file\|-\] \[--types\]/);
    assert.match(r.out, /gob encode --go <decls\|path\.go> --type <Type>/);
  }
  const bad = await gob(["frobnicate"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown command "frobnicate"/);
  const missing = await gob(["encode", "--go", "type T int"]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /encode needs --go .* and --type/);
});

Deno.test("gob encode | gob dump gives back Go's JSON of the same lines (file decls)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/item.go`;
    await Deno.writeTextFile(path, DECLS);
    const enc = await gob(["encode", "--go", path, "--type", "Item"], LINES.join("\n") + "\n");
    assert.equal(enc.code, 0, enc.err);
    const dump = await gob(["dump"], enc.stdout);
    assert.equal(dump.code, 0, dump.err);
    const got = dump.out.trimEnd().split("\n");
    // Pointers do not exist on the wire: the nil Next prints as null because Item is a struct,
    // which gob always sends when present. "Meta":{} stays an empty map; "Price":-0 stays -0.
    // Go's gob omits a zero float field, and -0 == 0: Go too decodes -0 as 0.
    assert.deepEqual(got, LINES.map((l) => l.replace('"Price":-0', '"Price":0')));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("gob encode: inline declarations, a type expression as --type, blank lines skipped", async () => {
  const enc = await gob(
    ["encode", "--go", "type P struct { X, Y int32 }", "--type", "[]P"],
    '[{"X":1,"Y":-2}]\n\n[]\n',
  );
  assert.equal(enc.code, 0, enc.err);
  const dump = await gob(["dump", "-"], enc.stdout);
  assert.equal(dump.out, '[{"X":1,"Y":-2}]\nnull\n');
});

Deno.test("gob dump --types prints the wire types first", async () => {
  const enc = await gob(
    ["encode", "--go", "type P struct { X int; S []string }", "--type", "P"],
    '{"X":1}\n',
  );
  const dump = await gob(["dump", "--types"], enc.stdout);
  assert.equal(dump.code, 0, dump.err);
  const [first, value] = dump.out.trimEnd().split("\n");
  const types = JSON.parse(first).types;
  assert.ok(Object.keys(types).length >= 2, first);
  assert.match(first, /"X"/);
  assert.match(first, /"S"/);
  assert.equal(value, '{"X":1,"S":null}');
});

Deno.test("gob dump: corrupt and truncated streams exit 1 with the GobError message", async () => {
  const gobBytes = await Deno.readFile(`${FIXTURES}struct_many_values.gob`);
  const want = (await Deno.readTextFile(`${FIXTURES}struct_many_values.json`)).trimEnd().split(
    "\n",
  );
  const cut = await gob(["dump"], gobBytes.subarray(0, gobBytes.length - 1));
  assert.equal(cut.code, 1);
  assert.match(cut.err, /^gob dump: .*truncated/m);
  // Every value before the cut is printed.
  assert.deepEqual(cut.out.trimEnd().split("\n"), want.slice(0, -1));
  const corrupt = gobBytes.slice();
  corrupt[1] = 0x80; // a type id byte count 0x80 is invalid
  const bad = await gob(["dump"], corrupt);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /Cannot decode gob at byte \d+/);
  const missing = await gob(["dump", `${FIXTURES}no-such-file.gob`]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /No such file|not found/i);
});

Deno.test("gob encode: bad JSON, values of the wrong type and bad declarations name the place", async () => {
  const j = await gob(
    ["encode", "--go", "type T struct { A uint8 }", "--type", "T"],
    '{"A":1}\n{"A":\n',
  );
  assert.equal(j.code, 1);
  assert.match(j.err, /stdin line 2: JSON at offset \d+/);
  // The values before the bad line are written: the stream holds the first value.
  const partial = await gob(["dump"], j.stdout);
  assert.equal(partial.out, '{"A":1}\n');
  const r = await gob(
    ["encode", "--go", "type T struct { A uint8 }", "--type", "T"],
    '{"A":300}\n',
  );
  assert.equal(r.code, 1);
  assert.match(r.err, /stdin line 1: json: number 300 overflows uint8 at \$\.A/);
  const d = await gob(
    ["encode", "--go", "type T struct {\n  A chan int\n}", "--type", "T"],
    "{}\n",
  );
  assert.equal(d.code, 1);
  assert.match(d.err, /2:5: unsupported type chan/);
  const t = await gob(["encode", "--go", "type T int", "--type", "U"], "1\n");
  assert.equal(t.code, 1);
  assert.match(t.err, /--type U: no such type in the declarations \(declared: T\)/);
});

Deno.test("gob dump writes large outputs completely (partial stdout writes looped)", async () => {
  const n = 20000;
  const lines = Array.from(
    { length: n },
    (_, i) => JSON.stringify({ I: i, S: "x".repeat(i % 200) }),
  );
  const enc = await gob(
    ["encode", "--go", "type T struct { I int; S string }", "--type", "T"],
    lines.join("\n"),
  );
  assert.equal(enc.code, 0, enc.err);
  const dump = await gob(["dump"], enc.stdout);
  assert.equal(dump.code, 0, dump.err);
  assert.ok(dump.stdout.length > 1_000_000);
  assert.deepEqual(dump.out.trimEnd().split("\n"), lines);
});
