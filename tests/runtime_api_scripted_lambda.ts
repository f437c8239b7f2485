// The Lambda side of the conformance tests (runtime_api_conformance_test.ts) over the scripted
// server: a queue of events that `GET next` hands out (long-polling while it is empty), each with
// how its `next` response is written and how its POST is answered, and a record of every POST by
// invocation (counted at its head, so that a POST whose body never arrived counts too).
import { type Io, type Recorded, ScriptedServer } from "./runtime_api_scripted_server.ts";

const enc = new TextEncoder();

/** One event, and how the server behaves around it. */
export interface EventSpec {
  /** The request id. */
  id: string;
  /** The request id header's bytes, when not the UTF-8 of `id`. */
  idBytes?: number[];
  /** The event (default `{}`); strings as UTF-8. */
  payload?: string | Uint8Array;
  /** Header lines to add or replace, values as UTF-8; null drops a default one. */
  headers?: Record<string, string | null>;
  /** The whole `next` response, instead of the one built from the fields above. */
  response?: string | Uint8Array;
  /** The `next` response is written in pieces of this many bytes. */
  piece?: number;
  /** What the server does on that connection once the `next` response is written. */
  afterNext?: (io: Io) => Promise<void>;
  /** How its POST is answered (default: body read, then 202). */
  post?: (head: Recorded, io: Io) => Promise<void>;
}

/** A POST the server saw. */
export interface Post {
  /** `response`, `error` or `init-error`. */
  kind: string;
  /** The request id, decoded from the path. */
  id: string;
  /** Its head, and its body once read. */
  request: Recorded;
}

/** The default answer to a POST: `202 Accepted` with the Runtime API's body. */
export const ACCEPTED = "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\n" +
  'Content-Length: 16\r\n\r\n{"status":"OK"}\n';

const PREFIX = "/2018-06-01/runtime/";

/** The scripted Runtime API. */
export class ScriptedLambda {
  readonly server: ScriptedServer;
  readonly posts: Post[] = [];
  /** `GET next` requests seen. */
  gets = 0;
  /** The connection each event's `next` response went out on, by request id. */
  readonly handedOn = new Map<string, number>();
  /** Called first with each `GET next`; when it answers "dropped", no event is handed out. */
  beforeNext: ((head: Recorded, io: Io) => Promise<"dropped" | void>) | undefined;
  readonly #queue: EventSpec[] = [];
  readonly #waiting: ((spec: EventSpec) => void)[] = [];
  readonly #specs = new Map<string, EventSpec>();

  constructor() {
    this.server = new ScriptedServer((head, io) => this.#handle(head, io));
  }

  /** `host:port`. */
  get address(): string {
    return this.server.address;
  }

  /**
   * Queues events (each handed to one waiting or later `GET next`).
   *
   * @param specs The events.
   */
  push(...specs: EventSpec[]): void {
    for (const spec of specs) {
      this.#specs.set(spec.id, spec);
      const waiter = this.#waiting.shift();
      if (waiter) waiter(spec);
      else this.#queue.push(spec);
    }
  }

  /**
   * The POSTs for one invocation.
   *
   * @param id The request id.
   * @returns Them, in order.
   */
  postsFor(id: string): Post[] {
    return this.posts.filter((p) => p.id === id);
  }

  /** Closes the server. */
  close(): Promise<void> {
    return this.server.close();
  }

  async #handle(head: Recorded, io: Io): Promise<void> {
    if (head.method === "GET" && head.target === PREFIX + "invocation/next") {
      this.gets++;
      if ((await this.beforeNext?.(head, io)) === "dropped") return;
      const spec = this.#queue.shift() ??
        await new Promise<EventSpec>((resolve) => this.#waiting.push(resolve));
      this.handedOn.set(spec.id, head.conn);
      await io.write(spec.response ?? nextResponse(spec), spec.piece);
      await spec.afterNext?.(io);
      return;
    }
    const m = /^\/2018-06-01\/runtime\/(?:invocation\/([^/]*)\/(response|error)|(init\/error))$/
      .exec(head.target);
    if (head.method !== "POST" || m === null) {
      await io.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    let id = m[1] ?? "";
    try {
      id = decodeURIComponent(id);
    } catch {
      // kept as sent
    }
    this.posts.push({ kind: m[3] ? "init-error" : m[2], id, request: head });
    const post = this.#specs.get(id)?.post;
    if (post) return await post(head, io);
    await io.body();
    await io.write(ACCEPTED);
  }
}

/** The `next` response for `spec`: the Runtime API's headers, a `Content-Length` body. */
export function nextResponse(spec: EventSpec): Uint8Array {
  const payload = typeof spec.payload === "string"
    ? enc.encode(spec.payload)
    : spec.payload ?? enc.encode("{}");
  const headers: Record<string, string | null> = {
    "Content-Type": "application/json",
    "Lambda-Runtime-Deadline-Ms": String(Date.now() + 60_000),
    "Lambda-Runtime-Invoked-Function-Arn":
      "arn:aws:lambda:us-east-1:123456789012:function:conformance",
    "Lambda-Runtime-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
    ...spec.headers,
  };
  const parts: number[][] = [[...enc.encode("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: ")]];
  parts.push(spec.idBytes ?? [...enc.encode(spec.id)], [13, 10]);
  for (const [name, value] of Object.entries(headers)) {
    if (value !== null) parts.push([...enc.encode(`${name}: ${value}\r\n`)]);
  }
  parts.push([...enc.encode(`Content-Length: ${payload.length}\r\n\r\n`)]);
  const head = new Uint8Array(parts.flat());
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}
