/**
 * The side-by-side benchmarks' pieces: events that Go and JavaScript print byte-equal, the report
 * arithmetic, the records and their rendering, and a quick run of `bench/compare.ts` and
 * `bench/runtime_api.ts` end to end (smoke tests: every peer answered correctly, every row is
 * printed and the record is written — never a timing).
 */
import assert from "node:assert/strict";
import { changeRecords, makeEvent } from "../bench/compare_payloads.ts";
import { median, row, spread } from "../bench/compare_report.ts";
import { renderAll } from "../bench/render.ts";
import { skipGo, skipGoNote } from "./support/mod.ts";

/** Reads the record a quick run says it wrote (`written to bench/out/<name>.{json,md,svg}`). */
async function writtenRecord(stderr: string): Promise<Record<string, unknown>> {
  const m = /written to (bench\/out\/[^\s{]+)\.\{json,md,svg\}/.exec(stderr);
  assert.ok(m, stderr);
  const base = new URL("../" + m[1], import.meta.url).pathname;
  const record = JSON.parse(await Deno.readTextFile(base + ".json"));
  assert.match(record.commit, /^([0-9a-f]{40}|unknown)$/);
  assert.ok(Array.isArray(record.machine.loadStart) && record.machine.cores > 0);
  assert.equal(record.quick, true);
  assert.match(await Deno.readTextFile(base + ".svg"), /^<svg [^]*<\/svg>\n$/);
  const md = await Deno.readTextFile(base + ".md");
  assert.match(md, /^# bench:/);
  // `deno task bench:render` makes the same table and chart from the JSON alone
  const dir = await Deno.makeTempDir();
  try {
    await Deno.copyFile(base + ".json", dir + "/r.json");
    assert.deepEqual(await renderAll(dir + "/"), ["r"]);
    assert.equal(await Deno.readTextFile(dir + "/r.md"), md);
    assert.equal(await Deno.readTextFile(dir + "/r.svg"), await Deno.readTextFile(base + ".svg"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  return record;
}

Deno.test("bench events: exact sizes, every shape, and JSON.stringify∘JSON.parse is the identity", () => {
  for (const shape of ["string", "text", "records"] as const) {
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
      if (shape === "text") {
        assert.ok([...value.data].some((c: string) => c.charCodeAt(0) > 0x7f));
        assert.match(text, /\\u0001|\\"|\\n/);
      }
    }
  }
  assert.throws(() => makeEvent("string", 0), RangeError);
  const changed = JSON.parse(new TextDecoder().decode(changeRecords(makeEvent("records", 1024))));
  const before = JSON.parse(new TextDecoder().decode(makeEvent("records", 1024)));
  assert.equal(changed[3].n, before[3].n + before[3].body.length);
});

Deno.test("bench report: median, spread and rows", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.equal(spread([90, 100, 110]), 20);
  assert.ok(Number.isNaN(spread([1])));
  assert.equal(
    row("x", ["a", "b"], (p) => (p === "a" ? [1, 2, 3] : undefined)),
    "| x | 2 (±50%) | – |",
  );
});

Deno.test({
  name: "bench:compare --quick runs every peer, prints every row and writes its record" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../bench/compare.ts", import.meta.url).pathname, "--quick"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    const stderr = new TextDecoder().decode(out.stderr);
    assert.ok(out.success, stderr);
    // the driver fails a measurement when a peer's reply differs from the one expected
    assert.doesNotMatch(text, /Failed measurements/);
    for (
      const label of [
        "start → first Invoke, ms",
        "p50 string 100 B",
        "p99 records 6 MB",
        "p99 text 1 MB",
        "p50 changed 1 MB",
        "invokes/s, 32 in flight (string 100 B)",
        "peak RSS, 10000 × 1 KB, MiB",
        "peak RSS, 6 MB invokes, MiB",
        "string 1 MB",
        "changed 6 MB",
        "start → first Invoke / bare `deno run`",
      ]
    ) assert.ok(text.includes(`| ${label} |`), label);
    const cells = (label: string) =>
      text.split("\n").find((l) => l.startsWith(`| ${label} |`))!.split("|").slice(2, 8)
        .filter((c) => /\d/.test(c)).length;
    // every echo answers the echo cases; Go typical, Go typed and ours start the changing ones
    assert.equal(cells("p50 records 1 MB"), 6);
    assert.equal(cells("p99 text 6 MB"), 6);
    assert.equal(cells("p50 changed 10 KB"), 3);
    // the targets: every row of this transport measured, the memory floor peer among them
    const targets = text.slice(text.indexOf("## Targets"));
    assert.match(
      targets,
      /\| start → first Invoke answered, ours start packaged \/ bare `deno run` of an empty script, both with an empty DENO_DIR \| [\d.]+× \|/,
    );
    assert.match(targets, /\| p50 string 100 B over a fresh process's first 1000 invokes, /);
    assert.match(targets, /\| p99 string 100 B \(steady\), ours raw \/ Go raw \| [\d.]+× \|/);
    assert.match(
      targets,
      /\| peak RSS over 10000 × 1 KB, ours start packaged \/ a Deno TCP echo [^|]*\| [\d.]+× \|/,
    );
    const record = await writtenRecord(stderr);
    assert.equal(record.bench, "compare");
  },
});

Deno.test({
  name:
    "bench:runtime-api --quick serves every peer through the local Runtime API, skipping an absent Node.js RIC with its reason" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const noRic = await Deno.makeTempDir();
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../bench/runtime_api.ts", import.meta.url).pathname,
        "--quick",
        "--ric-dir",
        noRic,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    await Deno.remove(noRic, { recursive: true });
    const text = new TextDecoder().decode(out.stdout);
    const stderr = new TextDecoder().decode(out.stderr);
    // it exits non-zero when a response differs from its event or an invoke fails
    assert.ok(out.success, stderr);
    for (
      const label of ["p50 string 100 B", "p99 string 100 B", "CPU records 1 MB", "p99 text 1 MB"]
    ) {
      const line = text.split("\n").find((l) => l.startsWith(`| ${label} |`));
      assert.ok(line, label);
      // three Go handlers and four of ours; the RIC is not installed in that directory
      assert.equal(line.split("|").slice(2, -1).filter((c) => /\d/.test(c)).length, 7, line);
    }
    assert.match(text, /\| peak RSS after all cases, MiB \|/);
    const start = text.split("\n").find((l) => l.startsWith("| start → first response, ms |"));
    assert.ok(start);
    assert.equal(start.split("|").slice(2, -1).filter((c) => /\d/.test(c)).length, 7, start);
    // the start-up target compares with the RIC, absent here
    assert.match(
      text,
      /\| start → first response, ours start \/ Node\.js aws-lambda-ric \| n\/a \|/,
    );
    assert.match(text, /- Not run: Node\.js 22, aws-lambda-ric — not installed in /);
    const record = await writtenRecord(stderr);
    assert.equal(record.bench, "runtime-api");
    assert.match(String(Object.values(record.skipped as object)[0]), /install\.sh/);
  },
});

Deno.test({
  name:
    "bench/startup_functions.ts --quick counts what V8 compiles before the packaged echo's first answer" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../bench/startup_functions.ts", import.meta.url).pathname,
        "--quick",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    // both phases found (the accept loop split them), each with the runtime's modules in it
    const totals = [...text.matchAll(/\| \*\*all\*\* \(sum of the medians\) \| \*\*(\d+)\*\* \|/g)]
      .map((m) => Number(m[1]));
    assert.equal(totals.length, 2, text);
    assert.ok(totals.every((n) => n > 0), text);
    assert.match(text, /## Before the server listens[^]*\| `server\/start\.ts` \| \d+ \|/);
    assert.match(
      text,
      /## From listening to the first answer[^]*\| `codec-as\/decode\/decoder\.ts` \| \d+ \|/,
    );
  },
});
