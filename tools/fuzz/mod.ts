/**
 * The fuzzers behind `deno task fuzz` and `deno task soak`: mutation of gob streams and events,
 * the decoder and server targets, corpora and seeds.
 *
 * @module
 */
export { decoderCorpus, gobrandSeeds, readSeeds } from "./corpus.ts";
export { DECODE_MODES, decodeInput, POINT_STREAM, SMALL_LIMITS } from "./decoder.ts";
export { deepSlices, deepStructs } from "./deep.ts";
export { runEventsFuzz } from "./events.ts";
export { encodeUint, joinFrames, splitFrames } from "./frames.ts";
export { mutate } from "./mutate.ts";
export { Rng } from "./rng.ts";
export { type FoundInput, runDecoderFuzz } from "./run_decoder.ts";
export { runServerFuzz } from "./run_server.ts";
export { saveFinding } from "./save.ts";
export { soakConnections, soakInvokes } from "./soak.ts";
