/**
 * The values the codec benchmarks measure (`bench/codec_bench.ts`), the same as `bench/go`
 * measures Go's encoding/gob on (`deno task bench:gob` puts the two side by side). The Lambda
 * message schemas come from `server/go1x/messages.ts`.
 *
 * @module
 */
import { gob, type Infer } from "../codec-as/mod.ts";
import type { InvokeRequest } from "../server/go1x/mod.ts";

/** The payload sizes measured, with their labels. */
export const sizes = [["100 B", 100], ["10 KB", 10_000], ["1 MB", 1_000_000]] as const;

/**
 * A JSON payload of `n` bytes (at least 11): `{"data":"xxx…"}`.
 *
 * @param n The payload's length in bytes.
 * @returns The UTF-8 bytes.
 * @example
 * ```ts
 * import { payload } from "./codec_values.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(payload(20).length, 20);
 * ```
 */
export function payload(n: number): Uint8Array {
  return new TextEncoder().encode(`{"data":"${"x".repeat(Math.max(0, n - 11))}"}`);
}

/**
 * The `InvokeRequest` measured, carrying `p`.
 *
 * @param p The payload.
 * @returns The request value.
 * @example
 * ```ts
 * import { payload, request } from "./codec_values.ts";
 * import { equal } from "node:assert/strict";
 * const req = request(payload(100));
 * equal(req.RequestId, "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
 * equal(req.Payload.length, 100);
 * ```
 */
export function request(p: Uint8Array): InvokeRequest {
  return {
    Payload: p,
    RequestId: "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
    XAmznTraceId: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=53995c3f42cd8ad8;Sampled=1",
    Deadline: { Seconds: 1700000000, Nanos: 123000000 },
    InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
    CognitoIdentityId: "",
    CognitoIdentityPoolId: "",
    ClientContext: new Uint8Array(0),
  };
}

/** The small struct of the struct-heavy case (`Small` in `bench/go/main.go`). */
export const Small = gob.struct("main.Small", {
  ID: gob.int,
  Name: gob.string,
  Score: gob.float,
  Active: gob.bool,
  Tags: gob.slice(gob.string),
});

/**
 * The struct-heavy case's 1,000 small structs.
 *
 * @returns A fresh array of 1,000 `Small` values.
 * @example
 * ```ts
 * import { smallItems } from "./codec_values.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(smallItems().length, 1000);
 * ```
 */
export function smallItems(): Infer<typeof Small>[] {
  return Array.from({ length: 1000 }, (_, i) => ({
    ID: i,
    Name: `item-${i}`,
    Score: i * 1.5,
    Active: i % 2 === 0,
    Tags: ["a", "bc"],
  }));
}
