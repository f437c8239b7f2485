/**
 * Regressions of the gob codec against Go, each recorded live with Go (`tests/interop/gobregress`
 * for the codec, `tests/interop/lambdaserver` for net/rpc): strings that start with U+FEFF,
 * recursive types met in every order, JSON `null` in every position, a struct body that shares
 * no field with the expected type, and 64-bit integers from 2^53 on.
 *
 * Length: one suite, one test per defect, sharing the helpers that run Go and our CLI functions.
 */
import assert from "node:assert/strict";
import { gob, GobDecoder, GobEncoder, GobError } from "../codec-as/mod.ts";
import { dumpStream, encodeJsonLines, resolveRootType } from "../codec-as/cli/mod.ts";
import { type JsonNumber, type JsonObject, parseJsonExact } from "../codec-as/go/mod.ts";
import { InvokeRequest, InvokeResponse, RpcRequest, RpcResponse } from "../server/go1x/mod.ts";
import { compareGoJson } from "./differential_compare.ts";
import {
  connect,
  goBuild,
  request,
  serve,
  skipGo,
  skipGoNote,
  startLambdaServer,
  writeAll,
} from "./support/mod.ts";

interface Recorded {
  decls: string;
  type: string;
  json: string[];
  gob: string;
  error?: string;
}

const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** Runs `gobregress CASE` (a fresh Go process per case: gob's type ids are process-wide). */
async function recorded(name: string): Promise<Recorded> {
  const out = await new Deno.Command(await goBuild("gobregress"), { args: [name] }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

async function caseNames(prefix: string): Promise<string[]> {
  const out = await new Deno.Command(await goBuild("gobregress"), { args: ["list"] }).output();
  return new TextDecoder().decode(out.stdout).split("\n").filter((n) => n.startsWith(prefix));
}

/** Our `gob encode` of JSON lines, as one byte array. */
async function ourEncode(r: Recorded, lines = r.json): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const sink = {
    write: (p: Uint8Array) => {
      parts.push(p.slice());
      return Promise.resolve(p.length);
    },
  };
  async function* input() {
    yield* lines;
  }
  await encodeJsonLines(input(), sink, { decls: r.decls, type: r.type });
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) all.set(p, (at += p.length) - p.length);
  return all;
}

/** Our `gob dump` of a stream: one JSON text per value. */
async function ourDump(bytes: Uint8Array): Promise<string[]> {
  let text = "";
  async function* once() {
    yield bytes;
  }
  await dumpStream(once(), { write: (s) => Promise.resolve(void (text += s)) });
  return text.trimEnd() === "" ? [] : text.trimEnd().split("\n");
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");

Deno.test({
  name: "regression: strings starting with U+FEFF keep it, and every later string is intact" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const r = await recorded("bom");
    const dumped = await ourDump(unb64(r.gob));
    const { decls, type } = resolveRootType(r.decls, r.type);
    assert.equal(dumped.length, r.json.length);
    r.json.forEach((want, i) => {
      const diff = compareGoJson(parseJsonExact(want), parseJsonExact(dumped[i]), {
        type,
        decls,
      });
      assert.equal(diff, undefined, `value ${i}: Go ${want}\nours ${dumped[i]}`);
    });
    // The decoder's own values, before any printing: each string exactly as Go sent it (Go's
    // JSON text shows invalid UTF-8 as U+FFFD; the codec keeps the byte as U+DCFF).
    const dec = new GobDecoder();
    dec.push(unb64(r.gob));
    const first = dec.nextAny() as Record<string, unknown>;
    assert.equal(first.Name, "\ufeff");
    assert.deepEqual(first.A, ["q\x1fbja", "zz\x1fdv", "\ufeffx\n", "\udcff\ufeff"]);
    assert.deepEqual(first.M, new Map([["\ufeffk", "\ufeffv"]]));
    assert.equal(first.B, "tail\u2028\ufeff");
    assert.deepEqual(first.Raw, new Uint8Array([0xef, 0xbb, 0xbf]));
    const second = dec.nextAny() as Record<string, unknown>;
    assert.deepEqual([second.Name, second.A, second.B], ["plain", ["\ufeff\ufeff", ""], "\ufeff"]);
    dec.free();
  },
});

Deno.test({
  name: "regression: recursive types met in any order get Go's ids and definitions, byte for byte" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const names = await caseNames("recursive/");
    assert.ok(names.length >= 7, names.join(","));
    for (const name of names) {
      const r = await recorded(name);
      assert.equal(r.error, undefined, `${name}: Go: ${r.error}`);
      const go = unb64(r.gob);
      assert.equal(hex(await ourEncode(r)), hex(go), `${name}: our gob encode ≠ Go's bytes`);
      const dumped = await ourDump(go);
      const { decls, type } = resolveRootType(r.decls, r.type);
      r.json.forEach((want, i) => {
        const diff = compareGoJson(parseJsonExact(want), parseJsonExact(dumped[i]), {
          type,
          decls,
          nilEqualsEmpty: true,
        });
        assert.equal(diff, undefined, `${name} value ${i}`);
      });
    }
  },
});

Deno.test({
  name: "regression: JSON null encodes as Go's json.Unmarshal + gob.Encode do, in every position" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const names = await caseNames("null/");
    assert.ok(names.length >= 12, names.join(","));
    let refused = 0;
    for (const name of names) {
      const r = await recorded(name);
      if (r.error !== undefined) {
        // Go refuses (a nil pointer as a slice element or map value): so do we.
        refused++;
        await assert.rejects(() => ourEncode(r), `${name}: Go refuses: ${r.error}`);
        continue;
      }
      assert.equal(hex(await ourEncode(r)), hex(unb64(r.gob)), `${name}: ${r.json[0]}`);
    }
    assert.equal(refused, 2);
  },
});

Deno.test({
  name:
    "regression: a struct that shares no field with the expected one is refused with Go's text" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const r = await recorded("nofields");
    assert.equal(
      r.error,
      "gob: type mismatch: no fields matched compiling decoder for InvokeRequest",
    );
    const dec = new GobDecoder();
    dec.push(unb64(r.gob));
    assert.throws(
      () => dec.next(InvokeRequest),
      (e) => e instanceof GobError && `gob: ${e.detail}` === r.error,
    );
    assert.equal(dec.failed, false, "the stream reads on, as Go's does");
    const next = dec.next(InvokeRequest)!;
    const want = parseJsonExact(r.json[0]) as JsonObject;
    assert.equal(next.RequestId, new Map(want.entries).get("RequestId"));
    assert.equal(new TextDecoder().decode(next.Payload), '{"a":1}');
    dec.free();
  },
});

Deno.test({
  name: "regression: int64 and uint64 from 2^53 on decode and encode exactly (intWide, uintWide)" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const r = await recorded("wide");
    const Wide = gob.struct("main.RootWide", {
      I: gob.intWide,
      J: gob.intWide,
      K: gob.intWide,
      U: gob.uintWide,
      V: gob.uintWide,
      Seq: gob.uintWide,
    });
    const dec = new GobDecoder();
    dec.push(unb64(r.gob));
    const values = r.json.map(() => dec.next(Wide)!);
    dec.free();
    r.json.forEach((text, i) => {
      const want = new Map((parseJsonExact(text) as JsonObject).entries);
      for (const [k, v] of Object.entries(values[i])) {
        const exact = BigInt((want.get(k) as JsonNumber).text);
        assert.equal(BigInt(v), exact, `value ${i} ${k}`);
        // the common case stays a number; only what a number cannot hold is a bigint
        assert.equal(typeof v, Number.isSafeInteger(Number(exact)) ? "number" : "bigint");
      }
    });
    const enc = new GobEncoder();
    for (const v of values) enc.encode(Wide, v);
    assert.equal(hex(enc.take()), hex(unb64(r.gob)), "our encoder writes Go's bytes");
    enc.free();
    assert.equal(hex(await ourEncode(r)), hex(unb64(r.gob)), "gob encode writes Go's bytes");
  },
});

/** One reply header and body as decoded by our client side. */
interface Reply {
  seq: number | bigint;
  error: string;
  payload?: string;
}

/** Writes raw client calls and reads `n` replies (their bodies by the header's method). */
async function exchange(port: number, calls: Uint8Array, n: number): Promise<Reply[]> {
  const conn = await connect(port);
  const dec = new GobDecoder();
  const out: Reply[] = [];
  try {
    await writeAll(conn, calls);
    const buf = new Uint8Array(65536);
    let header: RpcResponse | undefined;
    while (out.length < n) {
      for (;;) {
        header ??= dec.next(RpcResponse);
        if (header === undefined) break;
        if (header.Error !== "") {
          if (dec.nextAny() === undefined) break;
          out.push({ seq: header.Seq, error: header.Error });
        } else {
          const body = dec.next(InvokeResponse);
          if (body === undefined) break;
          out.push({ seq: header.Seq, error: "", payload: new TextDecoder().decode(body.Payload) });
        }
        header = undefined;
      }
      if (out.length >= n) break;
      const got = await conn.read(buf);
      if (got === null) break;
      dec.push(buf.subarray(0, got));
    }
  } finally {
    dec.free();
    conn.close();
  }
  return out;
}

/** Calls: a body of a struct type sharing no field with InvokeRequest, a Seq of 2^64-1 with a
 * deadline 2^62 s away, then Seqs 2^53+1 and 3 with a deadline 2^63-1 s away. */
function calls(): Uint8Array {
  const enc = new GobEncoder();
  const body = (seq: bigint | number, seconds: bigint, text: string) => {
    enc.encode(RpcRequest, { ServiceMethod: "Function.Invoke", Seq: seq });
    enc.encode(InvokeRequest, {
      ...request({ Payload: new TextEncoder().encode(text), RequestId: `r${seq}` }),
      Deadline: { Seconds: seconds, Nanos: 999_999_999 },
    });
  };
  enc.encode(RpcRequest, { ServiceMethod: "Function.Invoke", Seq: 1 });
  enc.encode(gob.struct("main.Other", { Zed: gob.int }), { Zed: 5 });
  body(2n ** 64n - 1n, 2n ** 62n, '"far"');
  body(2n ** 53n + 1n, 2n ** 63n - 1n, '"farther"');
  body(3, 2n ** 63n - 1n, '"small"');
  const bytes = enc.take().slice();
  enc.free();
  return bytes;
}

Deno.test({
  name: "regression: go1.x answers a no-fields body and huge Seq/Deadline exactly as Go's net/rpc" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const go = await startLambdaServer("raw");
    let goReplies: Reply[];
    try {
      goReplies = await exchange(go.port, calls(), 4);
    } finally {
      await go.stop();
    }
    const bySeq = (a: Reply, b: Reply) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1);
    goReplies.sort(bySeq);
    // What Go's server answered, by Seq: the error text, then the echoed payloads.
    assert.deepEqual(goReplies.map((r) => [r.seq, r.error]), [
      [1, "gob: type mismatch: no fields matched compiling decoder for InvokeRequest"],
      [3, ""],
      [2n ** 53n + 1n, ""],
      [2n ** 64n - 1n, ""],
    ]);

    // Ours, with a handler that reports how far away its deadline is.
    const left: number[] = [];
    await using s = serve((event: unknown, ctx) => {
      left.push(ctx.getRemainingTimeInMillis());
      return event;
    });
    const ours = (await exchange(s.port, calls(), 4)).sort(bySeq);
    assert.deepEqual(ours, goReplies);
    assert.deepEqual(s.logs, [], "the connection was not closed");
    assert.equal(left.length, 3);
    const century = 100 * 365 * 24 * 3600 * 1000;
    for (const ms of left) assert.ok(ms > century, `a deadline centuries away is far away: ${ms}`);
  },
});
