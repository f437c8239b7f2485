/**
 * Runs Go's encoding/gob (bench/codec_go) and this codec on the same values in the same run and
 * prints a table with ratios (TypeScript time / Go time; below 1 means faster than Go).
 * Reported, not asserted. Run: deno run -A bench/codec_vs_go.ts
 *
 * @module
 */
import { gob, GobDecoder, GobEncoder, type Infer } from "../codec-as/mod.ts";

const Request = gob.struct("rpc.Request", { ServiceMethod: gob.string, Seq: gob.uint });
const Response = gob.struct("rpc.Response", {
  ServiceMethod: gob.string,
  Seq: gob.uint,
  Error: gob.string,
});
const InvokeRequest = gob.struct("main.InvokeRequest", {
  Payload: gob.bytes,
  RequestId: gob.string,
  XAmznTraceId: gob.string,
  Deadline: gob.struct("main.InvokeRequest_Timestamp", { Seconds: gob.int, Nanos: gob.int }),
  InvokedFunctionArn: gob.string,
  CognitoIdentityId: gob.string,
  CognitoIdentityPoolId: gob.string,
  ClientContext: gob.bytes,
});
const InvokeResponse = gob.struct("main.InvokeResponse", {
  Payload: gob.bytes,
  Error: gob.ptr(gob.struct("main.InvokeResponse_Error", {
    Message: gob.string,
    Type: gob.string,
    StackTrace: gob.slice(gob.ptr(gob.struct("main.InvokeResponse_Error_StackFrame", {
      Path: gob.string,
      Line: gob.int32,
      Label: gob.string,
    }))),
    ShouldExit: gob.bool,
  })),
});
const Small = gob.struct("main.Small", {
  ID: gob.int,
  Name: gob.string,
  Score: gob.float,
  Active: gob.bool,
  Tags: gob.slice(gob.string),
});

/** Mean ns per call after warm-up, over at least 300 ms. */
function measure(f: () => void): number {
  const warm = performance.now();
  while (performance.now() - warm < 200) f();
  let n = 0;
  const t = performance.now();
  let el = 0;
  while ((el = performance.now() - t) < 300) {
    for (let i = 0; i < 10; i++) f();
    n += 10;
  }
  return (el * 1e6) / n;
}

function payload(n: number): Uint8Array {
  return new TextEncoder().encode(`{"data":"${"x".repeat(Math.max(0, n - 11))}"}`);
}

const ts: Record<string, number> = {};
for (const [label, size] of [["100 B", 100], ["10 KB", 10_000], ["1 MB", 1_000_000]] as const) {
  const p = payload(size);
  const req: Infer<typeof InvokeRequest> = {
    Payload: p,
    RequestId: "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
    XAmznTraceId: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=53995c3f42cd8ad8;Sampled=1",
    Deadline: { Seconds: 1700000000, Nanos: 123000000 },
    InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
    CognitoIdentityId: "",
    CognitoIdentityPoolId: "",
    ClientContext: new Uint8Array(0),
  };
  const e = new GobEncoder();
  const send = () => {
    e.encode(Request, { ServiceMethod: "Function.Invoke", Seq: 1 });
    e.encode(InvokeRequest, req);
    return e.take().slice();
  };
  const first = send(), again = send();
  const d = new GobDecoder();
  d.push(first);
  d.next(Request);
  d.next(InvokeRequest);
  ts[`decode Request+InvokeRequest ${label}`] = measure(() => {
    d.push(again);
    d.next(Request);
    d.next(InvokeRequest);
  });
  const resp = { Payload: p, Error: undefined };
  ts[`encode Response+InvokeResponse ${label}`] = measure(() => {
    e.encode(Response, { ServiceMethod: "Function.Invoke", Seq: 1, Error: "" });
    e.encode(InvokeResponse, resp);
    e.take();
  });
  d.free();
  e.free();
}
const items = Array.from({ length: 1000 }, (_, i) => ({
  ID: i,
  Name: `item-${i}`,
  Score: i * 1.5,
  Active: i % 2 === 0,
  Tags: ["a", "bc"],
}));
const List = gob.slice(Small);
const le = new GobEncoder();
le.encode(List, items);
const lfirst = le.take().slice();
le.encode(List, items);
const lagain = le.take().slice();
const ld = new GobDecoder();
ld.push(lfirst);
ld.next(List);
ts["decode 1,000 small structs"] = measure(() => {
  ld.push(lagain);
  ld.next(List);
});
ts["encode 1,000 small structs"] = measure(() => {
  le.encode(List, items);
  le.take();
});

const dir = new URL("./codec_go/", import.meta.url).pathname;
const out = await new Deno.Command("go", { args: ["run", "."], cwd: dir, stderr: "inherit" })
  .output();
if (!out.success) throw new Error("go run bench/codec_go failed");
const go: Record<string, number> = JSON.parse(new TextDecoder().decode(out.stdout));
const fmt = (ns: number) =>
  ns >= 1e6
    ? `${(ns / 1e6).toFixed(2)} ms`
    : ns >= 1e3
    ? `${(ns / 1e3).toFixed(1)} µs`
    : `${ns.toFixed(0)} ns`;
console.log("| case | this codec | Go encoding/gob | ratio |\n|---|---:|---:|---:|");
for (const k of Object.keys(ts)) {
  console.log(`| ${k} | ${fmt(ts[k])} | ${fmt(go[k])} | ${(ts[k] / go[k]).toFixed(2)}× |`);
}
