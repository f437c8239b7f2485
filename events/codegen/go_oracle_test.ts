// Go as the oracle, with AWS_LAMBDA_GO_EVENTS set: a Go program built on the real aws-lambda-go
// types (1) marshals a zero value of every generated struct, and the JSON keys it prints (in
// order) must be exactly the schema's fields that Go does not omit when empty; (2) unmarshals the
// project's generated full sample of every type, which Go must accept (so every field's JSON type
// in the schemas is one Go reads).

import assert from "node:assert/strict";
import { schemas } from "../event_types.ts";
import { resolve, type Schema } from "../runtime/schema.ts";
import { sample } from "../../tests/events_samples.ts";
import { skipGo, skipGoNote } from "../../tests/go.ts";

const srcDir = Deno.env.get("AWS_LAMBDA_GO_EVENTS");

// Go never omits a struct value for omitempty: these hand-written types are structs in Go.
const GO_STRUCTS = new Set([
  "time.Time",
  "RFC3339EpochTime",
  "SecondsEpochTime",
  "MilliSecondsEpochTime",
  "CodeBuildTime",
  "CodeCommitEventTime",
  "DynamoDBAttributeValue",
]);

function omittedWhenZero(schema: Schema): boolean {
  const s = resolve(schema);
  if (s.kind === "struct") return false;
  if (s.kind === "custom") return !GO_STRUCTS.has(s.codec.name);
  return true;
}

Deno.test({
  name: "codegen: Go agrees: struct field names and order, and it reads every generated sample" +
    (srcDir === undefined
      ? " (skipped: set AWS_LAMBDA_GO_EVENTS to aws-lambda-go's events directory)"
      : skipGoNote),
  ignore: srcDir === undefined || skipGo,
  fn: async () => {
    const structs = Object.entries(schemas).filter(([, s]) => {
      const r = resolve(s);
      return r.kind === "struct";
    }).map(([name]) => name);
    const dir = await Deno.makeTempDir({ prefix: "events-oracle-" });
    try {
      await Deno.mkdir(`${dir}/events`);
      for await (const e of Deno.readDir(srcDir!)) {
        if (e.name.endsWith(".go") && !e.name.endsWith("_test.go")) {
          await Deno.copyFile(`${srcDir}/${e.name}`, `${dir}/events/${e.name}`);
        }
      }
      await Deno.writeTextFile(`${dir}/go.mod`, "module oracle\n\ngo 1.19\n");
      const calls = structs.map((n) => `\ttry(${JSON.stringify(n)}, &events.${n}{})`).join("\n");
      const names = Object.keys(schemas);
      const samples = Object.fromEntries(
        names.map((n) => [n, sample(schemas[n as keyof typeof schemas], "full").json]),
      );
      await Deno.writeTextFile(`${dir}/samples.json`, JSON.stringify(samples));
      const reads = names.map((n) => `\tread(${JSON.stringify(n)}, new(events.${n}))`).join("\n");
      await Deno.writeTextFile(
        `${dir}/main.go`,
        `package main

import (
\t"encoding/json"
\t"fmt"
\t"os"

\t"oracle/events"
)

func main() {
\tout := map[string]json.RawMessage{}
\tsamples := map[string]json.RawMessage{}
\tsrc, _ := os.ReadFile("samples.json")
\tif err := json.Unmarshal(src, &samples); err != nil {
\t\tpanic(err)
\t}
\tread := func(name string, v interface{}) {
\t\tif err := json.Unmarshal(samples[name], v); err != nil {
\t\t\tout["read "+name], _ = json.Marshal(err.Error())
\t\t}
\t}
${reads}
\ttry := func(name string, v interface{}) {
\t\tdefer func() {
\t\t\tif r := recover(); r != nil {
\t\t\t\tout[name], _ = json.Marshal(fmt.Sprint("panic: ", r))
\t\t\t}
\t\t}()
\t\tb, err := json.Marshal(v)
\t\tif err != nil {
\t\t\tb, _ = json.Marshal("error: " + err.Error())
\t\t}
\t\tout[name] = b
\t}
${calls}
\tjson.NewEncoder(os.Stdout).Encode(out)
}
`,
      );
      const run = await new Deno.Command("go", {
        args: ["run", "."],
        cwd: dir,
        stdout: "piped",
        stderr: "piped",
        env: { GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" },
      }).output();
      assert.ok(run.success, new TextDecoder().decode(run.stderr));
      const got: Record<string, unknown> = JSON.parse(new TextDecoder().decode(run.stdout));
      const refused = Object.entries(got).filter(([k]) => k.startsWith("read "));
      assert.deepEqual(refused, [], "Go refused generated samples");
      let compared = 0;
      for (const name of structs) {
        const value = got[name];
        assert.equal(typeof value, "object", `${name}: Go printed ${JSON.stringify(value)}`);
        const s = resolve(schemas[name as keyof typeof schemas]);
        assert.ok(s.kind === "struct");
        const want = s.fields.filter((f) => !f.omitempty || !omittedWhenZero(f.type)).map((f) =>
          f.json
        );
        assert.deepEqual(Object.keys(value as object), want, name);
        compared++;
      }
      assert.equal(compared, structs.length);
      assert.ok(compared >= 280, `only ${compared} structs compared`);
      console.log(`compared ${compared} structs with Go; Go read ${names.length} samples`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
