import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { goBuild, skipGo, skipGoNote } from "./support/mod.ts";

const rpcDir = new URL("./fixtures/rpc/", import.meta.url);
const sessions = ["ping_invokes", "raw_echo", "unknown_method", "pipelined"];

interface Call {
  method: string;
  seq: number;
  error: string;
  response: unknown;
  clientOffset: [number, number];
}
interface Session {
  session: string;
  clientBytes: number;
  serverBytes: number;
  serverBytesDeterministic: boolean;
  serverOrder: number[];
  calls: Call[];
}

async function readSession(dir: URL, name: string): Promise<Session> {
  return JSON.parse(await Deno.readTextFile(new URL(name + ".json", dir)));
}

Deno.test("fixtures/rpc: every session has both streams and a consistent description", async () => {
  for (const name of sessions) {
    const s = await readSession(rpcDir, name);
    assert.equal(s.session, name);
    const client = await Deno.readFile(new URL(name + ".client.gob", rpcDir));
    const server = await Deno.readFile(new URL(name + ".server.gob", rpcDir));
    assert.equal(client.length, s.clientBytes, `${name}.client.gob size`);
    assert.equal(server.length, s.serverBytes, `${name}.server.gob size`);
    let offset = 0;
    s.calls.forEach((c, i) => {
      assert.equal(c.seq, i, `${name}: seqs in send order`);
      assert.deepEqual(c.clientOffset[0], offset, `${name}: call ${i} starts where the last ended`);
      offset = c.clientOffset[1];
      assert.equal(
        c.response === null,
        c.error !== "",
        `${name}: call ${i} has a reply or an error`,
      );
    });
    assert.equal(offset, client.length, `${name}: the calls cover the client stream`);
    assert.deepEqual([...s.serverOrder].sort((a, b) => a - b), s.calls.map((c) => c.seq));
  }
  const unknown = await readSession(rpcDir, "unknown_method");
  assert.deepEqual(unknown.calls.map((c) => c.error), [
    "",
    "rpc: can't find method Function.Nope",
    "rpc: can't find service Nope.Ping",
    "",
  ]);
});

Deno.test({
  name: "fixtures/rpc: re-recording with Go gives the committed sessions" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const [recorder, server] = await Promise.all([goBuild("rpcrecord"), goBuild("lambdaserver")]);
    const out = await Deno.makeTempDir({ prefix: "rpcrecord-" });
    try {
      const run = await new Deno.Command(recorder, {
        args: ["-server", server, "-out", out],
        stderr: "piped",
      }).output();
      assert.ok(run.success, new TextDecoder().decode(run.stderr));
      const outUrl = pathToFileURL(out + "/");
      for (const name of sessions) {
        const read = (dir: URL, ext: string) => Deno.readFile(new URL(name + ext, dir));
        const fresh = await readSession(outUrl, name);
        const committed = await readSession(rpcDir, name);
        assert.deepEqual(await read(outUrl, ".client.gob"), await read(rpcDir, ".client.gob"));
        if (committed.serverBytesDeterministic) {
          assert.deepEqual(await read(outUrl, ".server.gob"), await read(rpcDir, ".server.gob"));
          assert.deepEqual(fresh, committed, `${name}.json`);
        } else {
          assert.deepEqual(fresh.calls, committed.calls, `${name}.json calls`);
        }
      }
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
