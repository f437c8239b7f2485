/**
 * The side-by-side benchmark's pieces: events that Go and JavaScript print byte-equal, the report
 * arithmetic, and a quick run of `bench/compare.ts` end to end (a smoke test: it checks that every
 * peer answered correctly and every row and target is printed — never a timing).
 */
import assert from "node:assert/strict";
import { makeEvent } from "../bench/compare_payloads.ts";
import { median, row, spread, targetTable } from "../bench/compare_report.ts";
import { skipGo, skipGoNote } from "./support/mod.ts";

Deno.test("bench events: exact sizes, both shapes, and JSON.stringify∘JSON.parse is the identity", () => {
  for (const shape of ["string", "records"] as const) {
    for (const size of [100, 1024, 10_240, 1 << 20]) {
      const bytes = makeEvent(shape, size);
      assert.equal(bytes.length, size, `${shape} ${size}`);
      const text = new TextDecoder().decode(bytes);
      const value = JSON.parse(text);
      assert.equal(JSON.stringify(value), text);
      if (shape === "records") {
        assert.ok(Array.isArray(value) && value.length > 0);
        // keys already in Go's order (sorted), so Go's json.Marshal of a map prints the same
        for (const r of value) assert.deepEqual(Object.keys(r), ["body", "id", "n"]);
      } else assert.deepEqual(Object.keys(value), ["data"]);
    }
  }
  assert.throws(() => makeEvent("string", 0), RangeError);
});

Deno.test("bench report: median, spread, rows and targets", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.equal(spread([90, 100, 110]), 20);
  assert.ok(Number.isNaN(spread([1])));
  assert.equal(
    row("x", ["a", "b"], (p) => (p === "a" ? [1, 2, 3] : undefined)),
    "| x | 2 (±50%) | – |",
  );
  const t = targetTable([
    { what: "fast", ours: 50, ref: 100, limit: 1, unit: "µs" },
    { what: "slow", ours: 150, ref: 100, limit: 1.1, unit: "µs" },
    { what: "missing", ours: NaN, ref: 100, limit: 1, unit: "µs" },
  ]);
  assert.match(t[2], /^\| fast \| 50 µs \| 100 µs \| 0\.5× \| ≤ 1× \| \*\*met\*\* \|$/);
  assert.match(t[3], /^\| slow \| 150 µs \| 100 µs \| 1\.5× \| ≤ 1\.1× \| not met \|$/);
  assert.match(t[4], /\| n\/a \|$/);
});

Deno.test({
  name: "bench:compare --quick runs every peer and prints every row and target" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../bench/compare.ts", import.meta.url).pathname, "--quick"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    // the driver fails a measurement when a peer's reply differs from the event
    assert.doesNotMatch(text, /Failed measurements/);
    for (
      const label of [
        "start → first Invoke, ms",
        "p50 string 100 B",
        "p99 records 6 MB",
        "invokes/s, 32 in flight (100 B)",
        "peak RSS, 10000 × 1 KB, MiB",
        "peak RSS, 6 MB invokes, MiB",
        "start echo / Go typical, p50 string 1 MB",
        "raw echo (borrowPayload) / Go raw, p50 records 100 B",
        "start → first Invoke / bare deno run",
        "peak RSS at 6 MB / Go typical",
      ]
    ) assert.ok(text.includes(`| ${label} |`), label);
    // every peer has a number in the round-trip rows (no "–" cells)
    const p50 = text.split("\n").find((l) => l.startsWith("| p50 records 1 MB |"))!;
    assert.equal(p50.split("|").slice(2, 7).filter((c) => /\d/.test(c)).length, 5, p50);
  },
});

Deno.test({
  name: "bench:runtime-api --quick serves every peer through the local Runtime API" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../bench/runtime_api.ts", import.meta.url).pathname, "--quick"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    // it exits non-zero when a response differs from its event or an invoke fails
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    for (const label of ["p50 string 100 B", "CPU records 1 MB", "p50 string 6 MB"]) {
      const line = text.split("\n").find((l) => l.startsWith(`| ${label} |`));
      assert.ok(line, label);
      assert.equal(line.split("|").slice(2, 8).filter((c) => /\d/.test(c)).length, 6, line);
    }
    assert.match(text, /\| peak RSS after all cases, MiB \|/);
  },
});
