/**
 * `gob dump`: a gob stream → one JSON line per top-level value, as Go's `encoding/json` prints it.
 *
 * @module
 */

import { GobDecoder, GobError } from "../mod.ts";
import { goJSON } from "../go/mod.ts";
import { GobFrames } from "./_frames.ts";
import { wireDescs, wireTypesJSON } from "./_wire_types.ts";

/** Where the text goes. */
export interface TextOut {
  /** Queues text. */
  write(s: string): Promise<void>;
}

/** Options of {@linkcode dumpStream}. */
export interface DumpOptions {
  /** First print one line `{"types": {...}}` with the stream's wire types. */
  types?: boolean;
}

/**
 * Decodes a whole gob stream and prints each top-level value as one JSON line.
 * Without `types` the lines are written as the values arrive; with it they are held until the
 * stream ends, so the type line comes first.
 *
 * @param chunks The stream's bytes, in chunks of any size.
 * @param out Where the lines go.
 * @param options See {@linkcode DumpOptions}.
 * @returns The number of values printed.
 * @throws {GobError} For a corrupt stream, or `truncated` when it ends inside a message (the
 *   values before it are printed first).
 * @example
 * ```ts ignore
 * import { TextSink } from "./_io.ts";
 * async function* one() { yield new Uint8Array([3, 4, 0, 6]); }
 * const sink = new TextSink(Deno.stdout);
 * await dumpStream(one(), sink); // prints 3
 * await sink.flush();
 * ```
 */
export async function dumpStream(
  chunks: AsyncIterable<Uint8Array>,
  out: TextOut,
  options: DumpOptions = {},
): Promise<number> {
  const dec = new GobDecoder();
  const frames = new GobFrames();
  const held: string[] = [];
  let count = 0;
  let total = 0;
  let descs = wireDescs(dec.types);
  let known = dec.types.size;
  const timeEvidence = new Map<number, boolean>();
  const flushTypes = async () => {
    if (!options.types) return;
    await out.write(`{"types":${wireTypesJSON(dec.types)}}\n`);
    for (const line of held) await out.write(line);
    held.length = 0;
  };
  try {
    try {
      for await (const chunk of chunks) {
        dec.push(chunk);
        frames.push(chunk);
        total += chunk.length;
        for (;;) {
          const v = dec.nextAny();
          if (v === undefined) break;
          if (dec.types.size !== known) {
            descs = wireDescs(dec.types);
            known = dec.types.size;
          }
          const line = goJSON(v, dec.lastTypeId, { types: descs, timeEvidence }) + "\n";
          count++;
          if (options.types) held.push(line);
          else await out.write(line);
        }
      }
    } catch (e) {
      await flushTypes();
      throw e;
    }
    await flushTypes();
    if (frames.partial) {
      throw new GobError(`truncated stream: it ends inside a message (${total} bytes read)`, total);
    }
    return count;
  } finally {
    dec.free();
  }
}
