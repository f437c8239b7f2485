/**
 * Benchmark peer: a handler that reads and changes its event, through `start`: each record of a
 * records event gets its `n` grown by its body's length. Run with `_LAMBDA_SERVER_PORT` or
 * `AWS_LAMBDA_RUNTIME_API` set.
 *
 * @module
 */
import { start } from "../../mod.ts";

interface Rec {
  body: string;
  id: string;
  n: number;
}

start((event: Rec[]) => {
  for (const r of event) r.n += r.body.length;
  return event;
}, { logger: false });
