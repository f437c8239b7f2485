/**
 * Mutators for gob streams: raw (bit flips, byte sets, truncation, insertion, deletion, random
 * bytes) and structure-aware (length-field inflation, splicing two streams at message boundaries,
 * dropping / duplicating / swapping messages, type-definition edits such as hostile field names,
 * re-used ids and inflated counts). Every input is a pure function of the corpus and the `Rng`.
 * The values they insert are in `_dictionary.ts`.
 *
 * @module
 */
import { encodeUint, type Frame, isTypeDef, joinFrames, readUint, splitFrames } from "./frames.ts";
import { HOSTILE_NAMES, HUGE, INTERESTING } from "./_dictionary.ts";
import type { Rng } from "./rng.ts";

/** A seed input. */
export interface Seed {
  /** Where it came from (`gob/struct_point`, `rpc/pipelined.client`, …). */
  name: string;
  /** The bytes. */
  bytes: Uint8Array;
}

const enc = new TextEncoder();

/** Names of the mutators (for statistics). */
export const MUTATORS = [
  "bitflip",
  "byteset",
  "truncate",
  "insert",
  "delete",
  "inflate-length",
  "inflate-count",
  "splice",
  "random",
  "random-frames",
  "typedef-byte",
  "typedef-name",
  "typedef-dup",
  "frame-drop",
  "frame-dup",
  "frame-swap",
  "frame-insert-bytes",
  "frame-truncate",
] as const;
/** One mutator's name. */
export type Mutator = typeof MUTATORS[number];

function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function raw(b: Uint8Array, m: Mutator, rng: Rng, corpus: readonly Seed[]): Uint8Array {
  const out = b.slice();
  switch (m) {
    case "bitflip": {
      if (out.length === 0) return rng.bytes(1);
      for (let k = 1 + rng.int(4); k > 0; k--) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return out;
    }
    case "byteset": {
      if (out.length === 0) return new Uint8Array([rng.pick(INTERESTING)]);
      for (let k = 1 + rng.int(3); k > 0; k--) {
        out[rng.int(out.length)] = rng.chance(0.7) ? rng.pick(INTERESTING) : rng.next() & 0xff;
      }
      return out;
    }
    case "truncate":
      return rng.chance(0.8)
        ? out.slice(0, rng.int(out.length + 1))
        : out.slice(rng.int(out.length + 1));
    case "insert": {
      const at = rng.int(out.length + 1);
      const add = rng.chance(0.5) ? rng.pick(HUGE) : Array.from(rng.bytes(1 + rng.int(8)));
      return concat(out.subarray(0, at), add, out.subarray(at));
    }
    case "delete": {
      if (out.length === 0) return out;
      const at = rng.int(out.length);
      return concat(out.subarray(0, at), out.subarray(at + 1 + rng.int(8)));
    }
    case "inflate-length": {
      // Replace one message's length prefix with a larger or absurd one.
      const starts: [number, number][] = [];
      let p = 0;
      for (;;) {
        const u = readUint(out, p);
        if (u === undefined || u[0] === 0) break;
        starts.push([p, u[1]]);
        p = u[1] + u[0];
        if (p > out.length) break;
      }
      if (starts.length === 0) return concat(rng.pick(HUGE), out);
      const [s, e] = rng.pick(starts);
      const len = readUint(out, s)![0];
      const repl = rng.chance(0.5)
        ? encodeUint(len + 1 + rng.int(rng.chance(0.5) ? 4 : 100_000))
        : rng.pick(HUGE);
      return concat(out.subarray(0, s), repl, out.subarray(e));
    }
    case "inflate-count": {
      // Overwrite a byte in place by a huge uint (counts, string lengths, field deltas), keeping
      // the framing when the message is later re-joined by the caller.
      if (out.length === 0) return new Uint8Array(rng.pick(HUGE));
      const at = rng.int(out.length);
      return concat(out.subarray(0, at), rng.pick(HUGE), out.subarray(at + 1));
    }
    case "splice": {
      const other = rng.pick(corpus).bytes;
      return concat(
        out.subarray(0, rng.int(out.length + 1)),
        other.subarray(rng.int(other.length + 1)),
      );
    }
    case "random":
      return rng.bytes(rng.int(rng.chance(0.9) ? 64 : 4096));
    default:
      return out;
  }
}

function framed(b: Uint8Array, m: Mutator, rng: Rng, corpus: readonly Seed[]): Uint8Array {
  const { frames, tail } = splitFrames(b);
  if (frames.length === 0) return raw(b, "bitflip", rng, corpus);
  const fs: Frame[] = frames.map((f) => ({ body: f.body }));
  const i = rng.int(fs.length);
  switch (m) {
    case "splice": {
      const other = splitFrames(rng.pick(corpus).bytes).frames;
      const cut = rng.int(fs.length + 1);
      const from = rng.int(other.length + 1);
      return joinFrames([...fs.slice(0, cut), ...other.slice(from)]);
    }
    case "random-frames": {
      const n = 1 + rng.int(4);
      const made: Frame[] = [];
      for (let k = 0; k < n; k++) {
        const id = rng.chance(0.5)
          ? encodeUint(rng.chance(0.5) ? 0x81 + 2 * rng.int(8) : rng.int(256))
          : [];
        made.push({ body: concat(id, rng.bytes(rng.int(24))) });
      }
      fs.splice(rng.int(fs.length + 1), 0, ...made);
      break;
    }
    case "typedef-byte":
    case "typedef-name":
    case "typedef-dup": {
      const defs = fs.map((f, k) => [f, k] as const).filter(([f]) => isTypeDef(f.body));
      if (defs.length === 0) return framed(b, "frame-insert-bytes", rng, corpus);
      const [f, k] = rng.pick(defs);
      if (m === "typedef-dup") {
        fs.splice(rng.int(fs.length + 1), 0, { body: f.body });
      } else if (m === "typedef-byte") {
        const body = f.body.slice();
        // Type ids and counts are small numbers: nudge one, or inflate it.
        const at = 1 + rng.int(Math.max(1, body.length - 1));
        if (at < body.length) {
          if (rng.chance(0.6)) body[at] = (body[at] + rng.pick([1, -1, 2, -2, 0x40, 0x80])) & 0xff;
          else fs[k] = { body: raw(body, "inflate-count", rng, corpus) };
          if (fs[k].body === f.body) fs[k] = { body };
        }
      } else {
        fs[k] = { body: renameOne(f.body, rng) };
      }
      break;
    }
    case "frame-drop":
      fs.splice(i, 1);
      break;
    case "frame-dup":
      fs.splice(rng.int(fs.length + 1), 0, { body: fs[i].body });
      break;
    case "frame-swap": {
      const j = rng.int(fs.length);
      [fs[i], fs[j]] = [fs[j], fs[i]];
      break;
    }
    case "frame-insert-bytes": {
      const inner = rng.pick(["bitflip", "byteset", "insert", "delete", "inflate-count"] as const);
      fs[i] = { body: raw(fs[i].body, inner, rng, corpus) };
      break;
    }
    case "frame-truncate":
      fs[i] = { body: fs[i].body.slice(0, rng.int(fs[i].body.length + 1)) };
      break;
    default:
      return raw(b, m, rng, corpus);
  }
  // An empty body would be a zero-length message: keep it sometimes, it is a case too.
  const kept = fs.filter((f) => f.body.length > 0 || rng.chance(0.1));
  return joinFrames(kept, rng.chance(0.1) ? tail : new Uint8Array(0));
}

/** Replaces one length-prefixed printable name in a type definition by a hostile one. */
function renameOne(body: Uint8Array, rng: Rng): Uint8Array {
  const names: [number, number][] = [];
  for (let p = 0; p < body.length; p++) {
    const n = body[p];
    if (n === 0 || n > 40 || p + 1 + n > body.length) continue;
    let ok = true;
    for (let q = p + 1; q <= p + n; q++) {
      const c = body[q];
      if (
        !((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ||
          c === 0x5f || c === 0x2e)
      ) {
        ok = false;
        break;
      }
    }
    if (ok) names.push([p, n]);
  }
  if (names.length === 0) return body;
  const [p, n] = rng.pick(names);
  const name = enc.encode(rng.pick(HOSTILE_NAMES));
  return concat(body.subarray(0, p), encodeUint(name.length), name, body.subarray(p + 1 + n));
}

/**
 * Makes one fuzz input: a seed from the corpus with 1–4 stacked mutations.
 *
 * @param corpus the seeds (non-empty)
 * @param rng this input's generator
 * @returns the input, the seed's name and the mutators applied
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mutate } from "./mutate.ts";
 * import { Rng } from "./rng.ts";
 * const seed = { name: "int 3", bytes: new Uint8Array([3, 4, 0, 6]) };
 * assert.equal(mutate([seed], Rng.forInput(1, 0)).bytes instanceof Uint8Array, true);
 * ```
 */
export function mutate(
  corpus: readonly Seed[],
  rng: Rng,
): { bytes: Uint8Array; seed: string; mutators: Mutator[] } {
  const seed = rng.pick(corpus);
  let bytes = seed.bytes;
  const applied: Mutator[] = [];
  const n = 1 + rng.int(rng.chance(0.7) ? 2 : 4);
  for (let k = 0; k < n; k++) {
    const m = rng.pick(MUTATORS);
    applied.push(m);
    const structured = m.startsWith("frame-") || m.startsWith("typedef-") ||
      m === "random-frames" ||
      (m === "splice" && rng.chance(0.6));
    bytes = structured ? framed(bytes, m, rng, corpus) : raw(bytes, m, rng, corpus);
    if (bytes.length > 1 << 20) bytes = bytes.slice(0, 1 << 20);
  }
  return { bytes, seed: seed.name, mutators: applied };
}
