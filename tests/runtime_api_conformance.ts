// The harness of the Runtime API conformance tests (runtime_api_conformance_*_test.ts): each
// scenario runs our real loop (`runRuntimeApi`, in process) against a scripted Runtime API
// (runtime_api_scripted_lambda.ts), once with one worker and once with four
// (`AWS_LAMBDA_MAX_CONCURRENCY` 1 and 4), and after the loop has stopped checks how many POSTs each
// invocation got. Every wait is bounded.
import assert from "node:assert/strict";
import type { Handler } from "../server/core/mod.ts";
import { runRuntimeApi, type RuntimeApiOptions } from "../server/runtime_api/mod.ts";
import { type EventSpec, ScriptedLambda } from "./runtime_api_scripted_lambda.ts";
import { until, within } from "./runtime_api_scripted_server.ts";

/** The worker counts every scenario runs with. */
export const CONCURRENCIES = [1, 4];

/** One scenario's run. */
export interface Run {
  lambda: ScriptedLambda;
  /** What the loop logged (console.error), one entry per call. */
  logs: string[];
  /** Exit codes the loop asked for (recorded, not made). */
  exits: number[];
  /**
   * Expects, once the loop has stopped, exactly one POST of `kind` for `id` (or none for null).
   *
   * @param id The request id.
   * @param kind `response`, `error`, or null for no POST at all.
   */
  expect(id: string, kind: "response" | "error" | null): void;
  /**
   * Queues an event, waits for its POST to be answered, and returns its body.
   *
   * @param spec The event.
   * @param kind The POST expected.
   * @returns The posted body.
   */
  served(spec: EventSpec, kind?: "response" | "error"): Promise<Uint8Array>;
  /**
   * Waits for a log line that matches.
   *
   * @param pattern What the line says.
   * @returns The line.
   */
  logged(pattern: RegExp): Promise<string>;
}

/**
 * Defines a scenario, for each worker count.
 *
 * @param name What it checks.
 * @param handler The function's handler.
 * @param body The scenario.
 * @param options More loop options (e.g. `raw`).
 */
export function scenario(
  name: string,
  // deno-lint-ignore no-explicit-any
  handler: Handler<any, any>,
  body: (run: Run) => Promise<void>,
  options: RuntimeApiOptions = {},
): void {
  for (const concurrency of CONCURRENCIES) {
    Deno.test(`${name} (${concurrency} worker${concurrency > 1 ? "s" : ""})`, async () => {
      const lambda = new ScriptedLambda();
      const logs: string[] = [];
      const exits: number[] = [];
      const expected = new Map<string, string | null>();
      const original = console.error;
      // (lines capped: a pattern never scans megabytes)
      console.error = (...args: unknown[]) =>
        void logs.push(args.map(String).join(" ").slice(0, 4096));
      const stop = new AbortController();
      const loop = runRuntimeApi(handler, {
        address: lambda.address,
        concurrency,
        signal: stop.signal,
        handleSignals: false,
        setTraceEnv: false,
        exit: (code) => void exits.push(code),
        ...options,
      });
      const run: Run = {
        lambda,
        logs,
        exits,
        expect: (id, kind) => void expected.set(id, kind),
        served: async (spec, kind = "response") => {
          expected.set(spec.id, kind);
          lambda.push(spec);
          await until(
            () => lambda.postsFor(spec.id).some((p) => p.request.body !== undefined),
            `the POST for ${JSON.stringify(spec.id)}`,
          );
          const post = lambda.postsFor(spec.id)[0];
          assert.equal(post.kind, kind, `${spec.id}: posted to ${post.request.target}`);
          return post.request.body!;
        },
        logged: async (pattern) => {
          await until(() => logs.some((l) => pattern.test(l)), `a log line ${pattern}`);
          return logs.find((l) => pattern.test(l))!;
        },
      };
      try {
        await body(run);
        stop.abort();
        await within(loop, "the loop to stop");
        for (const [id, kind] of expected) {
          const posts = lambda.postsFor(id);
          const what = `POSTs for ${JSON.stringify(id)}: ${posts.map((p) => p.request.target)}`;
          assert.equal(posts.length, kind === null ? 0 : 1, what);
          if (kind !== null) assert.equal(posts[0].kind, kind, what);
        }
      } catch (e) {
        original(`logs of the failed scenario:\n${logs.join("\n")}`);
        throw e;
      } finally {
        stop.abort();
        await within(loop, "the loop to stop").catch(() => {});
        console.error = original;
        await lambda.close();
      }
    });
  }
}

/** Bytes as text (UTF-8). */
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** An echo handler: the event back. */
export const echo = (event: unknown): unknown => event;

/**
 * Sleeps (what a handler doing work takes; never asserted).
 *
 * @param ms Milliseconds.
 */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
