import assert from "node:assert/strict";
import { goBuild, skipGo, skipGoNote, startLambdaServer } from "./support/mod.ts";

async function client(args: string[], stdin = "") {
  const bin = await goBuild("lambdaclient");
  const child = new Deno.Command(bin, { args, stdin: "piped", stdout: "piped", stderr: "piped" })
    .spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(stdin));
  await w.close();
  const out = await child.output();
  const lines = new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "");
  return { code: out.code, lines: lines.map((l) => JSON.parse(l)), stderr: out.stderr };
}

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

Deno.test({
  name: "lambdaclient: ping and pipelined invokes over two connections to lambdaserver" +
    skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const server = await startLambdaServer("json");
    try {
      const r = await client(
        ["-addr", server.addr, "-ping", "-event", "-", "-n", "3", "-conns", "2", "-trace-id", "T"],
        '{"b": 1, "a": "ƛ"}',
      );
      assert.equal(r.code, 0);
      const echoed = { Payload: b64('{"a":"ƛ","b":1}'), Error: null };
      assert.deepEqual(r.lines, [
        { method: "Function.Ping", seq: 0, conn: 0, error: "", response: {} },
        { method: "Function.Invoke", seq: 1, conn: 0, error: "", response: echoed },
        { method: "Function.Invoke", seq: 2, conn: 0, error: "", response: echoed },
        { method: "Function.Ping", seq: 0, conn: 1, error: "", response: {} },
        { method: "Function.Invoke", seq: 1, conn: 1, error: "", response: echoed },
      ]);
      const ping = await client(["-addr", server.addr, "-ping"]);
      assert.deepEqual(
        ping.lines.map((l) => l.method),
        ["Function.Ping"],
        "-ping alone only pings",
      );
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  name: "lambdaclient: handler errors, rpc errors and a refused connection" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const server = await startLambdaServer("json");
    try {
      const failed = await client(["-addr", server.addr, "-event", "-"], '{"fail":"boom"}');
      assert.equal(failed.code, 0);
      assert.equal(failed.lines[0].response.Error.Message, "boom");
      assert.equal(failed.lines[0].response.Error.StackTrace.length, 2);
      const nope = await client(["-addr", server.addr, "-method", "Function.Nope"]);
      assert.deepEqual(nope.lines, [{
        method: "Function.Nope",
        seq: 0,
        conn: 0,
        error: "rpc: can't find method Function.Nope",
        response: null,
      }]);
    } finally {
      await server.stop();
    }
    const refused = await client(["-addr", server.addr, "-ping"]);
    assert.equal(refused.code, 1);
    assert.match(new TextDecoder().decode(refused.stderr), /^lambdaclient: /);
  },
});
