/**
 * Runs Go's encoding/gob (tests/interop/codecbench) and this codec on the same values in the same
 * run and prints a table with ratios (TypeScript time / Go time; below 1 means faster than Go).
 * Reported, not asserted. Run: deno run -A bench/codec_vs_go.ts
 *
 * @module
 */
import { gob, GobDecoder, GobEncoder } from "../codec-as/mod.ts";
import {
  InvokeRequest,
  InvokeResponse,
  RpcRequest as Request,
  RpcResponse as Response,
} from "../server/messages.ts";
import { goBuild } from "../tests/go.ts";
import { payload, request, sizes, Small, smallItems } from "./codec_values.ts";

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

const ts: Record<string, number> = {};
for (const [label, size] of sizes) {
  const p = payload(size);
  const req = request(p);
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
const items = smallItems();
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

const out = await new Deno.Command(await goBuild("codecbench"), { stderr: "inherit" }).output();
if (!out.success) throw new Error("tests/interop/codecbench failed");
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
