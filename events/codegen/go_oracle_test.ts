// Go as the oracle, with AWS_LAMBDA_GO_EVENTS set: a Go program built on the real aws-lambda-go
// types checks that
// 1. the JSON keys Go prints for a zero value of every generated struct (in order) are exactly
//    the schema's fields that Go does not omit when empty;
// 2. Go reads the project's generated full sample of every type (so each field's JSON type in the
//    schemas is one Go accepts);
// 3. Go's Unmarshal∘Marshal of that sample equals our decode∘encode, apart from the unknown keys
//    we keep and Go drops, S3Object's urlDecodedKey, which Go recomputes from the key, and the last
//    bits of fractional epoch seconds, which Go's SecondsEpochTime loses on the way (it prints
//    1709251198.2499998 for 1709251198.25; we keep the number sent).

import assert from "node:assert/strict";
import { decoders } from "../decoders.ts";
import { schemas } from "../event_types.ts";
import { resolve, type Schema } from "../runtime/schema.ts";
import { sample, skipGo, skipGoNote } from "../../tests/support/mod.ts";
import { oracleProgram } from "./_oracle_go.ts";

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

/** A JSON value without the keys `x-unknown` and `urlDecodedKey`, numbers to the microsecond. */
function strip(v: unknown): unknown {
  if (typeof v === "number") return Math.round(v * 1e6) / 1e6;
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.entries(v).filter(([k]) => k !== "x-unknown" && k !== "urlDecodedKey").map((
      [k, x],
    ) => [k, strip(x)]),
  );
}

async function runOracle(): Promise<Record<string, unknown>> {
  const names = Object.keys(schemas);
  const structs = names.filter((n) =>
    resolve(schemas[n as keyof typeof schemas]).kind === "struct"
  );
  const dir = await Deno.makeTempDir({ prefix: "events-oracle-" });
  try {
    await Deno.mkdir(`${dir}/events`);
    for await (const e of Deno.readDir(srcDir!)) {
      if (e.name.endsWith(".go") && !e.name.endsWith("_test.go")) {
        await Deno.copyFile(`${srcDir}/${e.name}`, `${dir}/events/${e.name}`);
      }
    }
    await Deno.writeTextFile(`${dir}/go.mod`, "module oracle\n\ngo 1.19\n");
    const samples = Object.fromEntries(
      names.map((n) => [n, sample(schemas[n as keyof typeof schemas], "full").json]),
    );
    await Deno.writeTextFile(`${dir}/samples.json`, JSON.stringify(samples));
    await Deno.writeTextFile(`${dir}/main.go`, oracleProgram(structs, names));
    const run = await new Deno.Command("go", {
      args: ["run", "."],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
      env: { GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" },
    }).output();
    assert.ok(run.success, new TextDecoder().decode(run.stderr));
    return JSON.parse(new TextDecoder().decode(run.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "codegen: Go agrees on field names and order, reads every sample, round-trips it alike" +
    (srcDir === undefined
      ? " (skipped: set AWS_LAMBDA_GO_EVENTS to aws-lambda-go's events directory)"
      : skipGoNote),
  ignore: srcDir === undefined || skipGo,
  fn: async () => {
    const got = await runOracle();
    const errors = Object.entries(got).filter(([k]) => k.startsWith("error "));
    assert.deepEqual(errors, [], "Go failed on some types");
    let zeros = 0;
    let echoes = 0;
    for (const [name, schema] of Object.entries(schemas)) {
      const s = resolve(schema);
      if (s.kind === "struct") {
        const want = s.fields.filter((f) => !f.omitempty || !omittedWhenZero(f.type))
          .map((f) => f.json);
        assert.deepEqual(Object.keys(got[`zero ${name}`] as object), want, `zero ${name}`);
        zeros++;
      }
      const d = decoders.empty[name as keyof typeof schemas];
      const json = sample(schema, "full").json;
      const ours = JSON.parse(JSON.stringify(d.encode(d(json) as never)));
      assert.deepEqual(strip(ours), strip(got[`echo ${name}`]), `echo ${name}`);
      echoes++;
    }
    assert.ok(zeros >= 280 && echoes >= 310, `only ${zeros} structs, ${echoes} samples`);
    console.log(`Go agreed on ${zeros} zero structs and ${echoes} sample round trips`);
  },
});
