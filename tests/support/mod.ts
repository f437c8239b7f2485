/**
 * Support shared by tests across the repository: building and running the Go peers, the
 * go1.x session helpers, sample events, a sha256sum check.
 *
 * @module
 */
export { sample, type Variant } from "./events_samples.ts";
export { goBuild, haveGo, skipGo, skipGoNote, startLambdaServer } from "./go.ts";
export {
  connect,
  connectWhenListening,
  deadline,
  readResponses,
  readToEnd,
  request,
  type Seen,
  serve,
  type ServeOptions,
  SessionWriter,
  writeAll,
} from "./reliability.ts";
export { sha256sum } from "./sha256sum.ts";
