/**
 * Security properties: the go1.x server listens on loopback only; hostile names (`__proto__`,
 * `constructor`, `prototype`, `toString`, …) in gob type definitions, gob map keys and JSON events
 * never change a prototype or pollute `Object.prototype`; limits on message size, nesting depth and
 * element counts are configurable, enforced per connection, and validated.
 */
import assert from "node:assert/strict";
import { gob, GobDecoder, GobEncoder, GobError, type Schema } from "../codec-as/mod.ts";
import { freePort, GoClient } from "../emulator/mod.ts";
import { decoders } from "../events/mod.ts";
import { start } from "../server/mod.ts";
import { deepStructs, encodeUint, joinFrames, splitFrames } from "../tools/fuzz/mod.ts";
import { connect, readResponses, serve, SessionWriter, writeAll } from "./support/mod.ts";

const HOSTILE = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];
const enc = new TextEncoder();

function assertClean(v: unknown, path = "value"): void {
  if (typeof v !== "object" || v === null) return;
  const proto = Object.getPrototypeOf(v);
  assert.ok(
    [Object.prototype, Array.prototype, Map.prototype, Uint8Array.prototype].includes(proto),
    `${path}: prototype changed`,
  );
  if (v instanceof Map) {
    for (const [k, x] of v) assertClean(x, `${path}.get(${String(k)})`);
  } else if (!(v instanceof Uint8Array)) {
    for (const k of Object.keys(v)) assertClean((v as Record<string, unknown>)[k], `${path}.${k}`);
  }
}

function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined);
  assert.equal(typeof probe.toString, "function");
  assert.equal(probe.constructor, Object);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).includes("polluted"), false);
}

Deno.test("security: start() listens on 127.0.0.1 only — not on the machine's other addresses", async () => {
  const port = freePort();
  const saved = Deno.env.get("_LAMBDA_SERVER_PORT");
  Deno.env.set("_LAMBDA_SERVER_PORT", String(port));
  const stop = new AbortController();
  const listening = Promise.withResolvers<Deno.NetAddr>();
  try {
    const served = start((e: unknown) => e, {
      logger: false,
      signal: stop.signal,
      onListen: listening.resolve,
    });
    assert.equal((await listening.promise).hostname, "127.0.0.1");
    const c = await GoClient.connect(port);
    assert.equal((await c.ping()).error, "");
    c.close();
    const others = Deno.networkInterfaces().filter((i) =>
      i.family === "IPv4" && !i.address.startsWith("127.")
    );
    for (const i of others) {
      await assert.rejects(
        Deno.connect({ hostname: i.address, port }),
        Deno.errors.ConnectionRefused,
        `reachable on ${i.address}`,
      );
    }
    // IPv6 loopback is another socket: nothing listens there either.
    await assert.rejects(Deno.connect({ hostname: "::1", port }));
    stop.abort();
    await served;
  } finally {
    if (saved === undefined) Deno.env.delete("_LAMBDA_SERVER_PORT");
    else Deno.env.set("_LAMBDA_SERVER_PORT", saved);
  }
});

/** A struct type whose field names are all the hostile names, and one value of it. */
function hostileStream(): Uint8Array {
  const fields: Record<string, Schema> = {};
  for (const n of HOSTILE) fields[n] = gob.struct("main.P", { polluted: gob.bool, X: gob.int });
  const S = gob.struct("main.Evil", { ...fields, M: gob.map(gob.string, gob.int) });
  const value: Record<string, unknown> = {};
  for (const n of HOSTILE) {
    Object.defineProperty(value, n, {
      value: { polluted: true, X: 1 },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  value.M = new Map(HOSTILE.map((n, i) => [n, i + 1]));
  const e = new GobEncoder();
  e.encode(S as Schema<unknown>, value);
  const bytes = e.take().slice();
  e.free();
  return bytes;
}

Deno.test("security: hostile field names in a gob type definition never change a prototype or pollute", () => {
  const d = new GobDecoder();
  d.push(hostileStream());
  const v = d.nextAny() as Record<string, unknown>;
  d.free();
  assertClean(v);
  assertNoPollution();
  // Map keys stay Map keys.
  const m = v.M as Map<string, number>;
  assert.ok(m instanceof Map);
  assert.deepEqual([...m.keys()], HOSTILE);
  // Copying the object the usual ways does not turn a field into a prototype.
  assert.equal(Object.getPrototypeOf({ ...v }), Object.prototype);
  // Object.assign copies with [[Set]]: an own "__proto__" key would set the copy's prototype if
  // the Object.prototype.__proto__ accessor existed (Deno removes it by default).
  const assigned = Object.assign({}, v) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(assigned), Object.prototype);
  assert.equal(assigned.polluted, undefined);
  assert.equal(Object.getPrototypeOf(structuredClone({ ...v, M: undefined })), Object.prototype);
  assertNoPollution();
});

Deno.test("security: hostile names reached by renaming fields of recorded streams never pollute", async () => {
  // Rename every field of every struct definition of a few recorded streams to each hostile name.
  for (
    const name of ["struct_nested", "struct_all_kinds", "map_struct_value", "interface_nested"]
  ) {
    const bytes = await Deno.readFile(new URL(`./fixtures/gob/${name}.gob`, import.meta.url));
    for (const hostile of HOSTILE) {
      const { frames } = splitFrames(bytes);
      const renamed = frames.map((f) => ({ body: renameAll(f.body, hostile) }));
      const d = new GobDecoder();
      d.push(joinFrames(renamed));
      try {
        for (let v = d.nextAny(); v !== undefined; v = d.nextAny()) assertClean(v);
      } catch (e) {
        assert.ok(e instanceof GobError, `${name}/${hostile}: ${e}`);
      } finally {
        d.free();
      }
      assertNoPollution();
    }
  }
});

/** Replaces each length-prefixed capitalised identifier in a type definition by `name`. */
function renameAll(body: Uint8Array, name: string): Uint8Array {
  if (body.length < 1 || (body[0] & 1) === 0) return body; // value message
  const out: number[] = [];
  const n = enc.encode(name);
  for (let p = 0; p < body.length;) {
    const len = body[p];
    const word = body.subarray(p + 1, p + 1 + len);
    if (
      len > 0 && len < 40 && word.length === len && word[0] >= 0x41 && word[0] <= 0x5a &&
      word.every((c) =>
        (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
      )
    ) {
      out.push(...encodeUint(n.length), ...n);
      p += 1 + len;
    } else out.push(body[p++]);
  }
  return new Uint8Array(out);
}

Deno.test("security: JSON events with hostile keys decode without changing a prototype or polluting", () => {
  const hostile = (inner: unknown) =>
    Object.fromEntries(HOSTILE.map((k) => [k, inner])) as Record<string, unknown>;
  const text = JSON.stringify({
    ...hostile({ polluted: true }),
    headers: hostile("x"),
    multiValueHeaders: hostile(["x"]),
    queryStringParameters: hostile("q"),
    requestContext: { ...hostile({ polluted: true }), authorizer: hostile({ polluted: 1 }) },
    body: "{}",
  });
  for (const decode of [decoders.APIGatewayProxyRequest, decoders.empty.APIGatewayProxyRequest]) {
    const v = decode(JSON.parse(text));
    assertClean(v);
    assertNoPollution();
  }
  const sqs = JSON.stringify({
    Records: [{
      messageId: "m",
      body: "b",
      attributes: hostile("a"),
      messageAttributes: hostile({ stringValue: "v", dataType: "String" }),
    }],
  });
  assertClean(decoders.SQSEvent(JSON.parse(sqs)));
  const ddb = JSON.stringify({
    Records: [{
      dynamodb: { Keys: hostile({ S: "k" }), NewImage: hostile({ M: hostile({ N: "1" }) }) },
    }],
  });
  assertClean(decoders.DynamoDBEvent(JSON.parse(ddb)));
  assertNoPollution();
});

Deno.test("security: the message size limit is per connection and configurable (the limits option of start() and RpcServer)", async () => {
  await using s = serve((e: unknown) => e, { limits: { maxMessageBytes: 512 } });
  const w = new SessionWriter();
  const small = w.invoke(0, { s: "a".repeat(100) });
  const big = w.invoke(1, { s: "b".repeat(600) });
  w.free();
  const conn = await connect(s.port);
  await writeAll(conn, small);
  await writeAll(conn, big);
  const seen = await readResponses(conn);
  conn.close();
  assert.deepEqual(seen.map((r) => r.seq), [0]); // the big one closed the connection
  assert.match(s.logs[0], /message length over the size limit/);
  const c = await GoClient.connect(s.port);
  const r = await c.invoke({ Payload: enc.encode('"fine"') });
  assert.equal(new TextDecoder().decode(r.reply?.Payload), '"fine"');
  c.close();
});

Deno.test("security: depth and element limits are enforced as GobError, and validated", () => {
  const d = new GobDecoder({ limits: { maxDepth: 8 } });
  d.push(deepStructs(9));
  assert.throws(() => d.nextAny(), /nesting deeper than the depth limit/);
  d.free();
  const ok = new GobDecoder({ limits: { maxDepth: 9 } });
  ok.push(deepStructs(9));
  assert.ok(ok.nextAny() !== undefined);
  ok.free();

  const e = new GobEncoder();
  e.encode(gob.slice(gob.int), Array.from({ length: 100 }, (_, i) => i));
  const bytes = e.take().slice();
  e.free();
  const few = new GobDecoder({ limits: { maxElements: 99 } });
  few.push(bytes);
  assert.throws(() => few.nextAny(), /element count over the limit/);
  few.free();
  const enough = new GobDecoder({ limits: { maxElements: 100 } });
  enough.push(bytes);
  assert.equal((enough.nextAny() as number[]).length, 100);
  enough.free();

  for (const bad of [0, -1, 1.5, NaN, 2 ** 31]) {
    assert.throws(() => new GobDecoder({ limits: { maxDepth: bad } }), RangeError);
    assert.throws(
      () => new GobDecoder({ limits: { maxElements: bad === 2 ** 31 ? 2 ** 32 : bad } }),
      RangeError,
    );
    assert.throws(
      () => new GobDecoder({ limits: { maxMessageBytes: bad === 2 ** 31 ? 2 ** 31 : bad } }),
      RangeError,
    );
  }
});

Deno.test("security: an element count larger than the bytes left never pre-allocates", () => {
  // []int announcing 2^31-1 elements in a 12-byte message.
  const e = new GobEncoder();
  e.encode(gob.slice(gob.int), [1]);
  const { frames } = splitFrames(e.take().slice());
  e.free();
  const value = frames[frames.length - 1].body;
  // body: id, delta 0, count 1, element → replace the count.
  const forged = new Uint8Array([
    ...value.subarray(0, value.length - 2),
    0xfc,
    0x7f,
    0xff,
    0xff,
    0xff,
    0x02,
  ]);
  const d = new GobDecoder();
  d.push(joinFrames([...frames.slice(0, -1), { body: forged }]));
  assert.throws(() => d.nextAny(), /element count over the limit or the remaining bytes/);
  d.free();
});
