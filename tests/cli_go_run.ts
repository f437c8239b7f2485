/**
 * Helpers for the `gob encode` tests against Go: the gob stream Go writes for JSON lines (decoded
 * by `encoding/json` into a declared type, encoded by one fresh `gob.Encoder` in a fresh process)
 * and the one `encodeJsonLines` writes for the same lines.
 *
 * @module
 */
import { encodeJsonLines } from "../codec-as/cli/mod.ts";

/**
 * Runs a throw-away Go program that reads JSON lines, `json.Unmarshal`s each into `typeName`
 * (declared in `decls`; `time` may be used) and gob-encodes it to stdout.
 *
 * @param decls Go declarations (no package clause or imports).
 * @param typeName The type each line decodes into.
 * @param lines The JSON lines.
 * @returns Go's gob stream.
 * @throws {Error} When the Go program fails (its stderr in the message).
 * @example
 * ```ts ignore
 * const b = await goEncodeLines("type T struct { A int }", "T", ['{"A":1}']);
 * ```
 */
export async function goEncodeLines(
  decls: string,
  typeName: string,
  lines: string[],
): Promise<Uint8Array> {
  const program = `package main

import (
	"bufio"
	"encoding/gob"
	"encoding/json"
	"os"
	"time"
)

${decls}

func main() {
	in := bufio.NewScanner(os.Stdin)
	enc := gob.NewEncoder(os.Stdout)
	for in.Scan() {
		var v ${typeName}
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
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/main.go`, program);
    const child = new Deno.Command("go", {
      args: ["run", "main.go"],
      cwd: dir,
      env: { GO111MODULE: "off", GOPROXY: "off", TZ: "UTC" },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(lines.join("\n") + "\n"));
    await w.close();
    const out = await child.output();
    if (!out.success) throw new Error(`go run failed: ${new TextDecoder().decode(out.stderr)}`);
    return out.stdout;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * The stream `gob encode --go <decls> --type <typeName>` writes for the lines.
 *
 * @param decls Go declarations.
 * @param typeName The root type.
 * @param lines The JSON lines.
 * @returns Our gob stream.
 * @example
 * ```ts
 * import { ourEncodeLines } from "./cli_go_run.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const b = await ourEncodeLines("type T struct { A int }", "T", ['{"A":1}']);
 * // what Go 1.19's gob.NewEncoder(w).Encode(T{A: 1}) writes
 * deepStrictEqual([...b], [
 *   21, 255, 129, 3, 1, 1, 1, 84, 1, 255, 130, 0, 1, 1, 1, 1, 65, 1, 4, 0, 0, 0,
 *   5, 255, 130, 1, 2, 0,
 * ]);
 * ```
 */
export async function ourEncodeLines(
  decls: string,
  typeName: string,
  lines: string[],
): Promise<Uint8Array> {
  async function* source() {
    yield* lines;
  }
  const parts: Uint8Array[] = [];
  const sink = { write: (p: Uint8Array) => Promise.resolve(parts.push(p.slice()) && p.length) };
  await encodeJsonLines(source(), sink, { decls, type: typeName });
  const ours = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((off, p) => (ours.set(p, off), off + p.length), 0);
  return ours;
}

/**
 * Bytes as spaced hex, for readable assertion diffs.
 *
 * @param b The bytes.
 * @returns e.g. `"0a ff"`.
 * @example
 * ```ts
 * import { hexBytes } from "./cli_go_run.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(hexBytes(new Uint8Array([10, 255])), "0a ff");
 * ```
 */
export function hexBytes(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
}
