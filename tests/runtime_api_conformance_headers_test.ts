// Runtime API conformance, the `next` headers: obsolete line folding, values with obs-text, UTF-8
// and bare CRs, request ids that are hostile as path segments (`a/b`, `../../init/error`, `.`,
// `..`) or missing, deadlines as Go's strconv.ParseInt reads them, missing or malformed Lambda
// headers, and the error-type header AWS's runtime clients send. For every event: exactly one POST
// to its own path (or, when no path can carry its id, none and a log line), and the loop serving
// on. The harness is runtime_api_conformance.ts.
import assert from "node:assert/strict";
import type { Context } from "../server/core/mod.ts";
import { scenario, text } from "./runtime_api_conformance.ts";
import { until } from "./runtime_api_scripted_server.ts";

const ok = (id: string) => ({ id, payload: `{"id":${JSON.stringify(id)}}` });
const enc = new TextEncoder();

/** Reports what the handler saw. */
const report = (_: unknown, ctx: Context) => ({
  id: ctx.requestId,
  custom: { ...ctx.clientContext?.custom },
  trace: ctx.traceId ?? null,
  arn: ctx.invokedFunctionArn,
});
const seen = (body: Uint8Array) => JSON.parse(text(body));

scenario("obsolete line folding in next's headers is unfolded", report, async (run) => {
  const body = await run.served({
    id: "folded",
    headers: {
      "Lambda-Runtime-Client-Context": '{"custom":\r\n {"k":\r\n\t"v"}}',
      "Lambda-Runtime-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;\r\n Sampled=1",
    },
  });
  assert.deepEqual(seen(body).custom, { k: "v" });
  assert.equal(seen(body).trace, "Root=1-5759e988-bd862e3fe1be46a994272793; Sampled=1");
});

scenario("UTF-8 header values arrive as sent (a client context with é✓)", report, async (run) => {
  const body = await run.served({
    id: "utf8",
    headers: { "Lambda-Runtime-Client-Context": '{"custom":{"k":"é✓"}}' },
  });
  assert.deepEqual(seen(body).custom, { k: "é✓" });
});

scenario(
  "a request id ending in U+00A0 keeps it, and its POST goes to that id",
  report,
  async (run) => {
    const body = await run.served({ id: "nbsp\u00a0" });
    assert.equal(seen(body).id, "nbsp\u00a0");
    assert.equal(run.lambda.postsFor("nbsp\u00a0")[0].request.target.includes("nbsp%C2%A0/"), true);
    assert.equal(run.lambda.postsFor("nbsp").length, 0);
  },
);

scenario("path-hostile request ids: one POST each, to its own path", report, async (run) => {
  for (const id of ["a/b", "../../init/error", "x?y=1#z", "%2F", "with space", "ü✓", "..."]) {
    assert.equal(seen(await run.served(ok(id))).id, id);
  }
  assert.equal(run.lambda.posts.some((p) => p.kind === "init-error"), false);
});

scenario(
  "request ids no path can carry ('.', '..', empty, not UTF-8, missing): logged, skipped",
  report,
  async (run) => {
    const bad = [
      { id: ".", log: /request id "\." cannot be a path segment/ },
      { id: "..", log: /request id "\.\." cannot be a path segment/ },
      { id: "", log: /without a request id/ },
      { id: "raw\u00a0", idBytes: [...enc.encode("raw"), 0xa0], log: /not UTF-8/ },
    ];
    for (const b of bad) {
      run.expect(b.id, null);
      run.lambda.push({ id: b.id, idBytes: b.idBytes });
      await run.logged(b.log);
    }
    const missing = `HTTP/1.1 200 OK\r\nLambda-Runtime-Deadline-Ms: ${Date.now() + 60_000}\r\n` +
      "Content-Length: 2\r\n\r\n{}";
    run.lambda.push({ id: "missing", response: missing });
    const missingLogged = () => run.logs.filter((l) => /without a request id/.test(l)).length >= 2;
    await until(missingLogged, "the log line for the event without the header");
    assert.equal(seen(await run.served(ok("after"))).id, "after");
    assert.deepEqual(run.lambda.posts.map((p) => p.id), ["after"]); // nothing else was posted
    assert.deepEqual(run.exits, []);
  },
);

scenario(
  "a bare CR in a header value: the response is refused, the loop stops",
  report,
  async (run) => {
    run.expect("cr", null);
    run.lambda.push({ ...ok("cr"), headers: { "Lambda-Runtime-Trace-Id": "Root=1\rInjected" } });
    await run.logged(/Runtime API loop stopped: .*bad HTTP header line/);
    await until(() => run.exits.length > 0, "the exit");
    assert.deepEqual(run.exits, [1]);
  },
);

scenario(
  "deadlines as Go's ParseInt reads them: decimal int64 or Runtime.InvalidDeadline",
  report,
  async (run) => {
    const invalid = ["0x1", "1e3", "1.5", "", "١٢٣", "99999999999999999999", "1_000", "0b1"];
    for (const [i, value] of invalid.entries()) {
      const body = await run.served(
        { ...ok(`bad-${i}`), headers: { "Lambda-Runtime-Deadline-Ms": value } },
        "error",
      );
      assert.equal(JSON.parse(text(body)).errorType, "Runtime.InvalidDeadline", value);
      const post = run.lambda.postsFor(`bad-${i}`)[0];
      assert.equal(
        post.request.headers.get("lambda-runtime-function-error-type"),
        "Runtime.InvalidDeadline",
      );
    }
    const plus = `+${Date.now() + 60_000}`;
    await run.served({ ...ok("plus"), headers: { "Lambda-Runtime-Deadline-Ms": plus } });
  },
);

scenario("missing and malformed Lambda headers", report, async (run) => {
  const noDeadline = await run.served(
    { ...ok("no-deadline"), headers: { "Lambda-Runtime-Deadline-Ms": null } },
    "error",
  );
  assert.equal(JSON.parse(text(noDeadline)).errorType, "Runtime.InvalidDeadline");
  const badCognito = await run.served(
    { ...ok("bad-cognito"), headers: { "Lambda-Runtime-Cognito-Identity": "{not json" } },
    "error",
  );
  assert.equal(JSON.parse(text(badCognito)).errorType, "Runtime.CognitoIdentityError");
  const bare = await run.served({
    ...ok("bare"),
    headers: { "Lambda-Runtime-Invoked-Function-Arn": null, "Lambda-Runtime-Trace-Id": null },
  });
  assert.deepEqual(seen(bare), { id: "bare", custom: {}, trace: null, arn: "" });
});

class PaymentDeclined extends Error {
  override name = "PaymentDeclined";
}

scenario(
  "a handler's error: the header is the category Lambda records, the class in the body",
  () => {
    throw new PaymentDeclined("card declined");
  },
  async (run) => {
    const body = await run.served(ok("declined"), "error");
    assert.equal(JSON.parse(text(body)).errorType, "PaymentDeclined");
    const headers = run.lambda.postsFor("declined")[0].request.headers;
    assert.equal(headers.get("lambda-runtime-function-error-type"), "Runtime.Unknown");
    assert.equal(
      JSON.parse(text(await run.served(ok("again"), "error"))).errorMessage,
      "card declined",
    );
  },
);
