import assert from "node:assert/strict";
import { Context } from "../core/mod.ts";
import { Logger } from "./logger.ts";

function ctx(requestId: string): Context {
  const c = new Context({ requestId, invokedFunctionArn: "arn", deadlineMs: Date.now() + 1000 });
  c.dispose();
  return c;
}

Deno.test("logger: text lines with request id and level; newlines become \\r", () => {
  const lines: string[] = [];
  const log = new Logger();
  log.init({ format: "Text", level: "TRACE", write: (l) => lines.push(l), patchConsole: false });
  Context.run(ctx("req-7"), () => log.warn("two\nlines", 3));
  log.info("outside");
  const [a, b] = lines.map((l) => l.split("\t"));
  assert.match(a[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.deepEqual(a.slice(1), ["req-7", "WARN", "two\rlines 3\n"]);
  assert.deepEqual(b.slice(1), ["undefined", "INFO", "outside\n"]);
});

Deno.test("logger: JSON format and level filter from the environment", () => {
  Deno.env.set("AWS_LAMBDA_LOG_FORMAT", "JSON");
  Deno.env.set("AWS_LAMBDA_LOG_LEVEL", "warn");
  try {
    const lines: string[] = [];
    const log = new Logger();
    log.init({ write: (l) => lines.push(l), patchConsole: false });
    Context.run(ctx("req-8"), () => {
      log.info("dropped");
      log.error(new TypeError("bad"));
      log.fatal("a\nb");
    });
    assert.equal(lines.length, 2);
    const first = JSON.parse(lines[0]);
    assert.equal(first.level, "ERROR");
    assert.equal(first.requestId, "req-8");
    assert.equal(first.errorType, "TypeError");
    assert.equal(first.errorMessage, "bad");
    assert.ok(Array.isArray(first.stackTrace));
    assert.match(first.timestamp, /Z$/);
    assert.equal(JSON.parse(lines[1]).message, "a\nb");
    assert.ok(lines.every((l) => l.endsWith("\n") && l.indexOf("\n") === l.length - 1));
  } finally {
    Deno.env.delete("AWS_LAMBDA_LOG_FORMAT");
    Deno.env.delete("AWS_LAMBDA_LOG_LEVEL");
  }
});

Deno.test("logger: console.* is formatted inside an invocation (request id) and outside (none), also when captured", () => {
  const lines: string[] = [];
  const log = new Logger();
  const before = console.log;
  log.init({ format: "Text", level: "INFO", write: (l) => lines.push(l) });
  try {
    // taken at a module's top level, before any invocation (middy's error handler does this)
    const captured = console.error;
    console.warn("at init");
    Context.run(ctx("req-9"), () => {
      console.log("hello %s", "world");
      captured("multi\nline");
      console.debug("filtered out");
    });
  } finally {
    log.restoreConsole();
  }
  assert.equal(console.log, before);
  assert.deepEqual(lines.map((l) => l.split("\t").slice(1).join("|")), [
    "undefined|WARN|at init\n",
    "req-9|INFO|hello world\n",
    "req-9|ERROR|multi\rline\n",
  ]);
});
