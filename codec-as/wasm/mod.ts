/**
 * The gob.wasm instance (built from `codec-as/assembly/`): its exports, constants and memory
 * views. Shared by the gob codec and the invoke core's JSON scanners; nothing else touches WASM.
 *
 * @module
 */
export { F_RAW, K, mem, memoryBuffer, O, S, wasm } from "./instance.ts";
