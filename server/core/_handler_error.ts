// Internal: what a handler threw, as the Lambda error its invocation answers: the user's frames,
// without the runtime's own below them.
import { type LambdaError, toLambdaError } from "./errors.ts";

// The runtime's directories (`server/` and the HTTP adapter beside it): frames there below the
// handler's are the runtime's, not the user's.
const RUNTIME_DIRS = ["../", "../../http/"].map((d) =>
  decodeURIComponent(new URL(d, import.meta.url).pathname)
);

const isRuntime = (path: string) =>
  RUNTIME_DIRS.some((dir) => path.startsWith(dir)) && !path.endsWith("_test.ts");

/** A thrown value as a Lambda error, without the runtime's own frames below the handler's. */
export function handlerError(thrown: unknown): LambdaError {
  const error = toLambdaError(thrown);
  const frames = error.stackTrace;
  const firstUser = frames.findIndex((f) => !isRuntime(f.path));
  if (firstUser >= 0) {
    const cut = frames.findIndex((f, i) => i > firstUser && isRuntime(f.path));
    if (cut > 0) error.stackTrace = frames.slice(0, cut);
  }
  return error;
}
