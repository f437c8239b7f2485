/**
 * `gob encode` with embedded struct fields and the `,string` json option, against Go: the same
 * JSON lines decoded by Go's encoding/json (which flattens embedded structs' fields into the
 * parent's JSON object) and gob-encoded by Go (which sends an embedded struct as a field named by
 * its type) give exactly our bytes.
 */
import assert from "node:assert/strict";
import { goEncodeLines, hexBytes, ourEncodeLines } from "./cli_go_run.ts";
import { skipGo, skipGoNote } from "./support/mod.ts";

const DECLS = `type Base struct {
	ID   int
	Name string
}

type Extra struct {
	Name  string
	Score float64
}

type Deep struct {
	Level int
}

type Mid struct {
	Deep
	Note string
}

type inner struct {
	Hidden int
}

type Outer struct {
	Base
	*Extra
	Mid
	Tagged Base \`json:"tagged"\`
	Named  Deep \`json:"named"\`
	inner
	Count  int64   \`json:",string"\`
	Ok     bool    \`json:"ok,string"\`
	Ratio  float32 \`json:"ratio,string"\`
	Label  string  \`json:"label,string"\`
	PCount *int    \`json:"pc,string"\`
	Own    string
}
`;

const LINES = [
  // ID and Level are promoted; Name is at depth 1 in both Base and Extra: ambiguous, ignored
  '{"ID":7,"Name":"ignored","Score":2.5,"Level":3,"Note":"n","tagged":{"ID":1,"Name":"t"},"named":{"Level":9},"Hidden":4,"Count":"-12","ok":"true","ratio":"0.1","label":"\\"quoted\\"","pc":"5","Own":"o"}',
  // nothing of Extra: its pointer stays nil
  '{"id":1,"level":2}',
  // null inside the string leaves the field alone; null for a pointer is nil
  '{"Count":"null","pc":null,"Score":0}',
  "{}",
];

const BAD = ['{"Count":12}', '{"label":"plain"}', '{"ok":" true"}'];

Deno.test({
  name: "gob encode: embedded structs and ,string fields give Go's bytes" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const go = await goEncodeLines(DECLS, "Outer", LINES);
    assert.equal(hexBytes(await ourEncodeLines(DECLS, "Outer", LINES)), hexBytes(go));
    // Go refuses the unquoted and the not-a-literal values the next test expects errors for
    for (const bad of BAD) await assert.rejects(() => goEncodeLines(DECLS, "Outer", [bad]));
  },
});

Deno.test("gob encode: a ,string field given an unquoted value is an error, as in Go", async () => {
  for (const bad of BAD) {
    await assert.rejects(
      () => ourEncodeLines(DECLS, "Outer", [bad]),
      (e: unknown) => e instanceof TypeError && /invalid use of ,string struct tag/.test(e.message),
    );
  }
});
