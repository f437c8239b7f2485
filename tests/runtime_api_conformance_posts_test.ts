// Runtime API conformance, the POSTs: a result is posted exactly once, whatever the server does
// with the connection — a POST it read whole and never answered is not sent again (RFC 9112
// §9.3.1), a connection that got a 408 while idle is not written to, a 413 sent after the head of a
// large POST is read and logged (RFC 9112 §9.5), a 500 ends the process (the API's "runtime should
// exit promptly", as aws-lambda-go does). The harness is runtime_api_conformance.ts.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { Context } from "../server/core/mod.ts";
import { echo, scenario, sleep, text } from "./runtime_api_conformance.ts";
import { ACCEPTED, ScriptedLambda } from "./runtime_api_scripted_lambda.ts";
import { type Io, until, within } from "./runtime_api_scripted_server.ts";

const ok = (id: string) => ({ id, payload: `{"id":${JSON.stringify(id)}}` });
const TOO_LARGE_BODY = '{"errorType":"RequestEntityTooLarge","errorMessage":"too big!"}';
const TOO_LARGE = "HTTP/1.1 413 Request Entity Too Large\r\nConnection: close\r\n" +
  `Content-Type: application/json\r\nContent-Length: ${TOO_LARGE_BODY.length}\r\n\r\n` +
  TOO_LARGE_BODY;

scenario(
  "a POST read whole, then its connection closed unanswered: not sent again",
  echo,
  async (run) => {
    run.expect("swallowed", "response");
    run.lambda.push({
      ...ok("swallowed"),
      post: async (_, io) => {
        await io.body();
        io.close();
      },
    });
    await run.logged(/Could not complete invocation swallowed: .*not sent again/);
    assert.equal(text(await run.served(ok("after"))), '{"id":"after"}');
    assert.deepEqual(run.exits, []);
  },
);

// Handlers wait for their invocation's gate (opened by the scenario), then a little.
const gates = new Map<string, Promise<void>>();
const gated = async (event: unknown, ctx: Context) => {
  await gates.get(ctx.requestId);
  await sleep(20); // the handler's work, after the server's bytes arrived
  return event;
};

function gate(id: string): () => void {
  let open = () => {};
  gates.set(id, new Promise<void>((resolve) => open = resolve));
  return open;
}

scenario(
  "a 408 and a close on the idle connection while the handler runs: POST on a new one",
  gated,
  async (run) => {
    const open = gate("stale");
    const body = await run.served({
      ...ok("stale"),
      afterNext: async (io: Io) => {
        await io.write(
          "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        );
        io.close();
        open();
      },
    });
    assert.equal(text(body), '{"id":"stale"}');
    const post = run.lambda.postsFor("stale")[0];
    assert.notEqual(post.request.conn, run.lambda.handedOn.get("stale"));
    assert.equal(run.logs.some((l) => /unsolicited/.test(l)), false); // a 408 is not worth a line
    assert.equal(text(await run.served(ok("after"))), '{"id":"after"}');
  },
);

scenario(
  "an unsolicited response on the idle connection: logged, connection dropped",
  gated,
  async (run) => {
    const open = gate("chatty");
    const body = await run.served({
      ...ok("chatty"),
      afterNext: async (io: Io) => {
        await io.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        open();
      },
    });
    assert.equal(text(body), '{"id":"chatty"}');
    assert.notEqual(
      run.lambda.postsFor("chatty")[0].request.conn,
      run.lambda.handedOn.get("chatty"),
    );
    await run.logged(/unsolicited response on an idle connection \("HTTP\/1\.1 200 OK"\)/);
  },
);

const seven = () => "x".repeat(7 * 1024 * 1024);

scenario(
  "413 after the head of a 7 MiB POST, then a reset: read, logged, not sent again",
  seven,
  async (run) => {
    run.expect("huge", "response");
    run.lambda.push({
      ...ok("huge"),
      post: async (_, io) => {
        await io.write(TOO_LARGE);
        io.close(); // with the body unread: an RST
      },
    });
    await run.logged(/Could not complete invocation huge: .*answered 413: .*too big!/);
    assert.deepEqual(run.exits, []);
  },
);

scenario(
  "413 after the head of a 7 MiB POST, then FIN: the client stops writing",
  seven,
  async (run) => {
    run.expect("huge", "response");
    run.lambda.push({
      ...ok("huge"),
      post: async (_, io) => {
        await io.write(TOO_LARGE);
        await io.closeWrite();
        await io.body().catch(() => {}); // reads until the client closes (as a lingering close does)
      },
    });
    await run.logged(/Could not complete invocation huge: .*answered 413/);
    await until(() => run.lambda.server.connections > 0, "connections");
    // The client stopped writing: the server never got the whole body.
    assert.equal(run.lambda.postsFor("huge")[0].request.body, undefined);
  },
);

scenario(
  "a POST reset before any answer: not sent again, the loop serves on",
  echo,
  async (run) => {
    run.expect("reset", "response");
    run.lambda.push({
      id: "reset",
      payload: JSON.stringify({ pad: "p".repeat(1 << 20) }),
      post: (_, io) => Promise.resolve(io.close()), // its 1 MiB body unread: an RST
    });
    await run.logged(/Could not complete invocation reset: /);
    assert.equal(text(await run.served(ok("after"))), '{"id":"after"}');
    assert.deepEqual(run.exits, []);
  },
);

scenario(
  "100 Continue while a 7 MiB POST is written: the body goes on, then 202",
  seven,
  async (run) => {
    const body = await run.served({
      ...ok("continued"),
      post: async (_, io) => {
        await io.write("HTTP/1.1 100 Continue\r\n\r\n");
        await io.body();
        await io.write(ACCEPTED);
      },
    });
    assert.equal(body.length, 7 * 1024 * 1024 + 2); // the whole JSON string
    assert.equal(run.logs.some((l) => /continued/.test(l)), false);
  },
);

scenario("a 500 answer to a POST: logged, the process exits with status 1", echo, async (run) => {
  run.expect("broken", "response");
  run.lambda.push({
    ...ok("broken"),
    post: async (_, io) => {
      await io.body();
      await io.write(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n" +
          'Content-Length: 48\r\n\r\n{"errorType":"Container","errorMessage":"gone!"}',
      );
    },
  });
  await run.logged(
    /Could not complete invocation broken: .*answered 500.*container error: exiting/,
  );
  await until(() => run.exits.length > 0, "the exit");
  assert.deepEqual(run.exits, [1]);
});

for (const concurrency of [1, 4]) {
  Deno.test(`a 500 answer to a POST ends the function's process with status 1 (AWS_LAMBDA_MAX_CONCURRENCY=${concurrency})`, async () => {
    const lambda = new ScriptedLambda();
    const root = fileURLToPath(new URL("../", import.meta.url));
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", root + "server/main.ts", root + "tests/runtime_api_fixtures/echo.ts"],
      env: { AWS_LAMBDA_RUNTIME_API: lambda.address, AWS_LAMBDA_MAX_CONCURRENCY: `${concurrency}` },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    try {
      lambda.push(ok("fine"));
      await until(() => lambda.postsFor("fine").some((p) => p.request.body), "the first POST");
      assert.deepEqual(JSON.parse(text(lambda.postsFor("fine")[0].request.body!)).event, {
        id: "fine",
      });
      lambda.push({
        ...ok("broken"),
        post: async (_, io) => {
          await io.body();
          await io.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
        },
      });
      const { code, stdout, stderr } = await within(child.output(), "the process to exit");
      assert.equal(code, 1);
      assert.match(
        text(stdout) + text(stderr),
        /invocation broken: .*answered 500.*container error: exiting/,
      );
      assert.equal(lambda.postsFor("broken").length, 1);
    } finally {
      try {
        child.kill();
      } catch {
        // exited
      }
      await lambda.close();
    }
  });
}
