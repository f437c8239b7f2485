/**
 * Benchmark peer: the smallest Runtime API loop — `GET next`, then POST the event back as the
 * response — over one of three HTTP clients, to compare them with nothing else in the way:
 *
 * - `ours`: the runtime's `RuntimeApiClient` (its own HTTP/1.1 client), the event read into one
 *   reused buffer (what the runtime's loop does for JSON handlers);
 * - `ours-fresh`: the same client, a new buffer for each event;
 * - `fetch`: Deno's `fetch` (keep-alive), the event read with `arrayBuffer()`;
 * - `node`: `node:http` with a keep-alive agent, the event's chunks joined with `Buffer.concat`.
 *
 * `deno run -A bench/peers/client_loop.ts <ours|ours-fresh|fetch|node>` with
 * `AWS_LAMBDA_RUNTIME_API` set; runs until killed.
 *
 * @module
 */
import { loadRuntimeApiClient } from "../../server/runtime_api/mod.ts";

const RuntimeApiClient = await loadRuntimeApiClient();

const address = Deno.env.get("AWS_LAMBDA_RUNTIME_API")!;
const base = `http://${address}/2018-06-01/runtime/invocation/`;
const which = Deno.args[0];

if (which === "ours" || which === "ours-fresh") {
  const client = new RuntimeApiClient(address);
  let buf = new Uint8Array(0);
  const into = which === "ours"
    ? (n: number) => buf.length >= n ? buf : (buf = new Uint8Array(n))
    : undefined;
  for (;;) {
    const inv = await client.next(undefined, into);
    await client.postResponse(inv.requestId, inv.payload);
  }
} else if (which === "fetch") {
  for (;;) {
    const res = await fetch(base + "next");
    const id = res.headers.get("lambda-runtime-aws-request-id")!;
    const event = new Uint8Array(await res.arrayBuffer());
    const post = await fetch(base + encodeURIComponent(id) + "/response", {
      method: "POST",
      body: event,
      headers: { "Content-Type": "application/json" },
    });
    await post.arrayBuffer();
  }
} else if (which === "node") {
  const http = (await import("node:http")).default;
  const { Buffer } = await import("node:buffer");
  const [host, port] = [address.slice(0, address.lastIndexOf(":")), address.split(":").pop()];
  const agent = new http.Agent({ keepAlive: true });
  const request = (method: string, path: string, body?: Uint8Array) =>
    new Promise<{ headers: Record<string, unknown>; body: Uint8Array }>((resolve, reject) => {
      const req = http.request({ host, port, method, path, agent }, (res) => {
        const parts: Uint8Array[] = [];
        res.on("data", (c: Uint8Array) => parts.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  const prefix = "/2018-06-01/runtime/invocation/";
  for (;;) {
    const next = await request("GET", prefix + "next");
    const id = String(next.headers["lambda-runtime-aws-request-id"]);
    await request("POST", prefix + encodeURIComponent(id) + "/response", next.body);
  }
} else {
  console.error("usage: client_loop.ts <ours|ours-fresh|fetch|node>");
  Deno.exit(2);
}
