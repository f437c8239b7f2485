// Golden tests of the generator: small Go packages in testdata/<case>/ → expected TypeScript in
// testdata/<case>/expected/<file>.ts.golden. Re-record with UPDATE_GOLDEN=1 (then review the diff).
// Also: the committed events/*.ts equal a regeneration when AWS_LAMBDA_GO_EVENTS names the
// aws-lambda-go events directory of the commit they record.

import assert from "node:assert/strict";
import { dumpGoPackage, formatAll, generate } from "./generate.ts";
import { flattenFields } from "./fields.ts";
import type { GoPackage } from "./model.ts";
import { skipGo, skipGoNote as goNote } from "../../tests/support/mod.ts";

const here = new URL(".", import.meta.url).pathname;
const update = Deno.env.get("UPDATE_GOLDEN") === "1";
const GOLDEN_SOURCE = "example/golden@0000000";

for (const name of ["basic", "embed", "named", "special"]) {
  Deno.test({
    name: `codegen golden: ${name}${goNote}`,
    ignore: skipGo,
    fn: async () => {
      const dir = `${here}testdata/${name}`;
      const { files } = generate(await dumpGoPackage(dir), GOLDEN_SOURCE);
      const got = await formatAll(files);
      const expectedDir = `${dir}/expected`;
      if (update) {
        await Deno.remove(expectedDir, { recursive: true }).catch(() => {});
        await Deno.mkdir(expectedDir, { recursive: true });
        for (const [f, text] of got) await Deno.writeTextFile(`${expectedDir}/${f}.golden`, text);
      }
      const want = new Map<string, string>();
      for await (const e of Deno.readDir(expectedDir)) {
        want.set(
          e.name.replace(/\.golden$/, ""),
          await Deno.readTextFile(`${expectedDir}/${e.name}`),
        );
      }
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
      for (const [f, text] of got) assert.equal(text, want.get(f), `${name}/${f} differs`);
    },
  });
}

Deno.test({
  name: `codegen: flattening of testdata/embed agrees with Go's encoding/json${goNote}`,
  ignore: skipGo,
  fn: async () => {
    const dump = await dumpGoPackage(`${here}testdata/embed`);
    const decls = new Map(dump.decls.map((d) => [d.name, d]));
    const structs = dump.decls.filter((d) => d.type.kind === "struct");
    const dir = await Deno.makeTempDir({ prefix: "events-embed-" });
    try {
      const src = await Deno.readTextFile(`${here}testdata/embed/embed.go`);
      await Deno.writeTextFile(`${dir}/embed.go`, src.replace("package events", "package main"));
      await Deno.writeTextFile(`${dir}/go.mod`, "module embedcheck\n\ngo 1.19\n");
      // Zero values with every embedded pointer allocated: Go prints every field's key, in order.
      const values = structs.map((d) =>
        `\t\t${JSON.stringify(d.name)}: ${d.name}{${
          d.name === "Event" ? "PtrEmb: &PtrEmb{}" : ""
        }},`
      ).join("\n");
      await Deno.writeTextFile(
        `${dir}/main.go`,
        `package main\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\nfunc main() {\n` +
          `\tjson.NewEncoder(os.Stdout).Encode(map[string]interface{}{\n${values}\n\t})\n}\n`,
      );
      const run = await new Deno.Command("go", {
        args: ["run", "."],
        cwd: dir,
        stdout: "piped",
        stderr: "piped",
        env: { GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" },
      }).output();
      assert.ok(run.success, new TextDecoder().decode(run.stderr));
      const got = JSON.parse(new TextDecoder().decode(run.stdout));
      for (const d of structs) {
        const ours = flattenFields(d.type.fields ?? [], decls).map((f) => f.json);
        assert.deepEqual(ours, Object.keys(got[d.name]), d.name);
      }
      assert.deepEqual(Object.keys(got.Event), ["note", "deeper", "level", "version", "inner"]);
      assert.deepEqual(Object.keys(got.TagWins), ["Name"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("codegen: a type with its own JSON methods that no table lists stops the generator", () => {
  const pkg: GoPackage = {
    package: "events",
    files: ["x.go"],
    decls: [{
      name: "Odd",
      file: "x.go",
      alias: false,
      type: { kind: "ident", name: "string" },
      methods: ["UnmarshalJSON"],
    }],
  };
  assert.throws(() => generate(pkg, "x@0"), /x\.go: Odd has its own JSON methods/);
});

Deno.test("codegen: unsupported types are named in the error", () => {
  const tag = { present: true, name: "f", skip: false, omitempty: false, string: false };
  const pkg: GoPackage = {
    package: "events",
    files: ["x.go"],
    decls: [{
      name: "Bad",
      file: "x.go",
      alias: false,
      type: {
        kind: "struct",
        fields: [{ name: "F", embedded: false, tag, type: { kind: "other", text: "chan int" } }],
      },
      methods: [],
    }],
  };
  assert.throws(() => generate(pkg, "x@0"), /unsupported type expression chan int/);
});

Deno.test('codegen: the json ",string" option is refused, not silently mistyped', () => {
  const tag = { present: true, name: "n", skip: false, omitempty: false, string: true };
  const pkg: GoPackage = {
    package: "events",
    files: ["x.go"],
    decls: [{
      name: "Quoted",
      file: "x.go",
      alias: false,
      type: {
        kind: "struct",
        fields: [{ name: "N", embedded: false, tag, type: { kind: "ident", name: "int" } }],
      },
      methods: [],
    }],
  };
  assert.throws(() => generate(pkg, "x@0"), /field N: the json ",string" option is not supported/);
});

const srcDir = Deno.env.get("AWS_LAMBDA_GO_EVENTS");
Deno.test({
  name: "codegen: committed events/*.ts equal a regeneration" +
    (srcDir === undefined
      ? " (skipped: set AWS_LAMBDA_GO_EVENTS to aws-lambda-go's events directory)"
      : goNote),
  ignore: srcDir === undefined || skipGo,
  fn: async () => {
    const { SOURCE } = await import("../event_types.ts");
    const { files } = generate(await dumpGoPackage(srcDir!), SOURCE);
    const got = await formatAll(files);
    for (const [f, text] of got) {
      const committed = await Deno.readTextFile(`${here}../${f}`);
      assert.equal(text, committed, `events/${f} differs from a regeneration`);
    }
  },
});
