/**
 * Regression inputs of the fuzzer (`tests/fixtures/fuzz/*.bin`, see its README): each is replayed
 * through the decoder in every mode (schema-less and with the Lambda schemas, whole and one byte at
 * a time, default and small limits) and, for `server-*` inputs, into a live server whose
 * well-formed client must still be served; a bystander decoder holding half a message must decode
 * it intact after each. Plus the hand-built nesting cases the fuzzer's mutations cannot reach:
 * nesting deeper than the JavaScript or WASM stack, with `maxDepth` set that high, must be a
 * `GobError`.
 */
import assert from "node:assert/strict";
import { gob, GobDecoder, GobError, type Schema } from "../codec-as/mod.ts";
import { GoClient } from "../emulator/mod.ts";
import {
  DECODE_MODES,
  decodeInput,
  deepSlices,
  deepStructs,
  POINT_STREAM as POINT,
  readSeeds,
  SMALL_LIMITS,
} from "../tools/fuzz/mod.ts";
import { connect, serve, writeAll } from "./support/mod.ts";

const inputs = await readSeeds("fuzz", ".bin");

/** Limits a file name asks for (`…-maxdepth100000-…`). */
function limitsOf(name: string) {
  const m = /maxdepth(\d+)/.exec(name);
  return m ? { maxDepth: Number(m[1]) } : undefined;
}

// A long-lived decoder holds half of doc.go's Point value across every replay: inputs that
// corrupt other streams' memory show when it completes.
const bystander = new GobDecoder();
bystander.push(POINT.subarray(0, 36));

for (const input of inputs.filter((i) => !i.name.startsWith("fuzz/server-"))) {
  Deno.test(`fuzz regression ${input.name}: values, need-more or GobError in every mode`, () => {
    for (const mode of DECODE_MODES) {
      for (const limits of [limitsOf(input.name), SMALL_LIMITS]) {
        // decodeInput throws a FindingError for traps, untyped exceptions and foreign prototypes.
        const whole = decodeInput(input.bytes, mode, [], limits);
        const cuts = input.bytes.length <= 4096
          ? Array.from({ length: input.bytes.length - 1 }, (_, k) => k + 1)
          : [1, 2, 3, input.bytes.length >> 1];
        const split = decodeInput(input.bytes, mode, cuts, limits);
        assert.equal(split.print, whole.print, `${mode}: split differs`);
      }
    }
    bystander.push(POINT.subarray(36));
    assert.deepEqual(bystander.nextAny(), { X: 22, Y: 33 }, "another stream was disturbed");
    bystander.push(POINT.subarray(32, 36));
    assert.equal(bystander.nextAny(), undefined);
  });
}

const serverInputs = inputs.filter((i) => i.name.startsWith("fuzz/server-"));
if (serverInputs.length > 0) {
  Deno.test("fuzz regressions (server): each input on its own connection, the good client still served", async () => {
    await using s = serve((e: unknown) => e);
    const good = await GoClient.connect(s.port);
    try {
      for (const input of serverInputs) {
        const conn = await connect(s.port);
        await writeAll(conn, input.bytes).catch(() => {});
        conn.close();
        const r = await good.invoke({ Payload: new TextEncoder().encode('{"ok":1}') });
        assert.equal(new TextDecoder().decode(r.reply?.Payload), '{"ok":1}', input.name);
      }
    } finally {
      good.close();
    }
  });
}

for (
  const [what, build] of [
    ["a recursive struct", deepStructs],
    ["a chain of slice types", deepSlices],
  ] as const
) {
  Deno.test(`fuzz regression: ${what} nested 6,000 deep with maxDepth 100,000 is a GobError, not a stack overflow`, () => {
    const bytes = build(6000);
    for (const schemaLess of [true, false]) {
      const dec = new GobDecoder({ limits: { maxDepth: 100_000 } });
      dec.push(bytes);
      assert.throws(
        () => schemaLess ? dec.nextAny() : dec.next(deepSchema(what)),
        (e: unknown) => {
          assert.ok(e instanceof GobError, `${schemaLess ? "nextAny" : "next"}: ${e}`);
          return true;
        },
      );
      dec.free();
    }
    // The codec still works for other streams afterwards.
    const ok = new GobDecoder();
    ok.push(build(3));
    assert.ok(ok.nextAny() !== undefined);
    ok.free();
  });

  Deno.test(`fuzz regression: ${what} nested 1,001 deep hits the default depth limit as a GobError`, () => {
    const dec = new GobDecoder();
    dec.push(build(1001));
    assert.throws(() => dec.nextAny(), /nesting deeper than the depth limit/);
    dec.free();
  });
}

type List = { V: number; Next: List | undefined };
const ListSchema: Schema<List> = gob.struct("main.List", {
  V: gob.int,
  Next: gob.ptr(gob.lazy(() => ListSchema)),
});
type Nested = Nested[] | number;
const NestedSchema: Schema<Nested[]> = gob.slice(gob.lazy(() => NestedSchema)) as Schema<
  Nested[]
>;

function deepSchema(what: string): Schema<unknown> {
  return (what === "a recursive struct" ? ListSchema : NestedSchema) as Schema<unknown>;
}
