// Answers every event with V8's heap size limit in MiB: what the bootstrap's memory flags gave it.
import { getHeapStatistics } from "node:v8";
import { start } from "../../mod.ts";

start(() => Math.round(getHeapStatistics().heap_size_limit / 2 ** 20));
