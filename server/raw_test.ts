/**
 * Raw-bytes handlers: `invoke(…, { raw: true })` and `startRaw` over go1.x, against our emulator's
 * client and Go's net/rpc client (`lambdaclient`).
 */
import assert from "node:assert/strict";
import { invoke } from "./core/mod.ts";
import { startRaw, type StartRawOptions } from "./raw.ts";
import { freePort, GoClient } from "../emulator/mod.ts";
import { goBuild, skipGo, skipGoNote } from "../tests/support/mod.ts";

const input = (payload: Uint8Array) => ({
  requestId: "r1",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:raw",
  deadlineMs: Date.now() + 3000,
  payload,
});

// Not UTF-8 and not JSON: a JSON handler would fail on it.
const BINARY = new Uint8Array([0xff, 0x00, 0xfe, 0x7b, 0x80, 0x22]);

Deno.test("raw: the handler gets its own copy of the bytes; bytes it returns are sent as is", async () => {
  const payload = BINARY.slice();
  let seen: Uint8Array | undefined;
  const r = await invoke(
    (p: Uint8Array) => {
      seen = p;
      return p.toReversed();
    },
    input(payload),
    { raw: true },
  );
  assert.ok(r.ok);
  assert.deepEqual([...r.payload], [...BINARY].reverse());
  assert.deepEqual([...seen!], [...BINARY]);
  payload[0] = 0; // the caller reuses its buffer: the handler's copy keeps the event
  assert.equal(seen![0], 0xff);
});

Deno.test("raw: string → UTF-8, ArrayBuffer, null/undefined → empty; decode is not used", async () => {
  const decode = () => {
    throw new Error("decode must not run in raw mode");
  };
  const cases: [unknown, number[]][] = [
    ["ƛ", [0xc6, 0x9b]],
    [new Uint8Array([1, 2]).buffer, [1, 2]],
    [new DataView(new Uint8Array([9, 8, 7]).buffer, 1, 2), [8, 7]],
    [null, []],
    [undefined, []],
  ];
  for (const [value, want] of cases) {
    const r = await invoke(() => Promise.resolve(value), input(BINARY), { raw: true, decode });
    assert.ok(r.ok, String(value));
    assert.deepEqual([...r.payload], want);
  }
});

Deno.test("raw: any other result is a Runtime.MarshalError; a throw keeps its type", async () => {
  const r = await invoke(() => ({ not: "bytes" }), input(BINARY), { raw: true });
  assert.ok(!r.ok);
  assert.equal(r.error.type, "Runtime.MarshalError");
  assert.match(r.error.message, /raw handler must return a Uint8Array.*got \[object Object\]/);
  const t = await invoke(
    () => {
      throw new RangeError("no");
    },
    input(BINARY),
    { raw: true },
  );
  assert.ok(!t.ok);
  assert.equal(t.error.type, "RangeError");
});

async function withRawServer(
  handler: Parameters<typeof startRaw>[0],
  body: (port: number) => Promise<void>,
  options: StartRawOptions = {},
): Promise<void> {
  const port = freePort();
  const saved = Deno.env.get("_LAMBDA_SERVER_PORT");
  Deno.env.set("_LAMBDA_SERVER_PORT", String(port));
  const stop = new AbortController();
  try {
    const listening = Promise.withResolvers<Deno.NetAddr>();
    const served = startRaw(handler, {
      ...options,
      logger: false,
      signal: stop.signal,
      onListen: listening.resolve,
    });
    try {
      await listening.promise;
      await body(port);
    } finally {
      stop.abort();
      await served;
    }
  } finally {
    if (saved === undefined) Deno.env.delete("_LAMBDA_SERVER_PORT");
    else Deno.env.set("_LAMBDA_SERVER_PORT", saved);
  }
}

Deno.test("startRaw: go1.x echo of non-UTF-8 bytes, and pipelined calls, small and large, keep their own bytes", async () => {
  await withRawServer(async (p) => {
    await new Promise((r) => setTimeout(r, p[0] % 3)); // finish out of order
    return p;
  }, async (port) => {
    const client = await GoClient.connect(port);
    try {
      const r = await client.invoke({ Payload: BINARY });
      assert.deepEqual([...r.reply!.Payload], [...BINARY]);
      const calls = Array.from({ length: 30 }, (_, i) => {
        // every sixth one large: read into a buffer of its own and handed over without a copy
        const bytes = new Uint8Array(i % 6 === 0 ? 65_000 + i * 3000 : 1000 + i).fill(i);
        return client.invoke({ Payload: bytes }).then((x) => ({ x, bytes }));
      });
      for (const { x, bytes } of await Promise.all(calls)) {
        assert.deepEqual(x.reply!.Payload, bytes);
      }
    } finally {
      client.close();
    }
  });
});

Deno.test("startRaw: large payloads are the handler's own, or with borrowPayload one reused buffer", async () => {
  const sizes = [100_000, 70_000, 100_000, 500, 90_000, 100_000];
  for (const borrowPayload of [false, true]) {
    const kept: Uint8Array[] = [];
    await withRawServer((p) => {
      kept.push(p);
      return p;
    }, async (port) => {
      const client = await GoClient.connect(port);
      try {
        for (const [i, n] of sizes.entries()) { // one at a time: each reply is in before the next
          const bytes = new Uint8Array(n).fill(i + 1);
          assert.deepEqual((await client.invoke({ Payload: bytes })).reply!.Payload, bytes);
        }
      } finally {
        client.close();
      }
    }, { borrowPayload });
    const large = kept.filter((p) => p.length >= 64 * 1024);
    const buffers = new Set(large.map((p) => p.buffer));
    if (borrowPayload) {
      assert.equal(buffers.size, 1, "one buffer, read into again");
      assert.ok(
        large.every((p) => p[0] === large.at(-1)![0]),
        "so only the last one's bytes are left",
      );
    } else {
      assert.equal(buffers.size, large.length, "a buffer of its own each");
      kept.forEach((p, i) => assert.ok(p.every((b) => b === i + 1), "each kept intact"));
    }
  }
});

Deno.test({
  name: "startRaw: Go's net/rpc client gets the bytes back untouched" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const bin = await goBuild("lambdaclient");
    const file = await Deno.makeTempFile();
    try {
      await Deno.writeFile(file, BINARY);
      await withRawServer((p) => p, async (port) => {
        const out = await new Deno.Command(bin, {
          args: ["-addr", `127.0.0.1:${port}`, "-event", file, "-n", "3"],
          stdout: "piped",
          stderr: "piped",
        }).output();
        assert.ok(out.success, new TextDecoder().decode(out.stderr));
        const lines = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) =>
          JSON.parse(l)
        );
        assert.equal(lines.length, 3);
        for (const l of lines) {
          assert.equal(l.error, "");
          assert.equal(l.response.Payload, btoa(String.fromCharCode(...BINARY)));
          assert.equal(l.response.Error, null);
        }
      });
    } finally {
      await Deno.remove(file);
    }
  },
});

Deno.test({
  name:
    "startRaw: large replies, written without a copy, reach Go's client intact, kept or borrowed" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const bin = await goBuild("lambdaclient");
    const file = await Deno.makeTempFile();
    // 1 MiB of varied bytes (above the 64 KiB from which replies are spliced, not copied)
    const big = new Uint8Array(1 << 20).map((_, i) => (i * 131 + (i >> 10)) & 0xff);
    try {
      await Deno.writeFile(file, big);
      for (const borrowPayload of [false, true]) {
        await withRawServer(async (p) => {
          await new Promise((r) => setTimeout(r, p.length % 3));
          return p;
        }, async (port) => {
          const out = await new Deno.Command(bin, {
            args: ["-addr", `127.0.0.1:${port}`, "-event", file, "-n", "12", "-conns", "2"],
            stdout: "piped",
            stderr: "piped",
          }).output();
          assert.ok(out.success, new TextDecoder().decode(out.stderr));
          const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
          assert.equal(lines.length, 12);
          for (const line of lines) {
            const l = JSON.parse(line);
            assert.equal(l.error, "");
            const got = Uint8Array.from(atob(l.response.Payload), (c) => c.charCodeAt(0));
            assert.deepEqual(got, big);
          }
        }, { borrowPayload });
      }
    } finally {
      await Deno.remove(file);
    }
  },
});
