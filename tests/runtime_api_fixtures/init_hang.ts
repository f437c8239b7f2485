// Init code that never finishes: the function never asks for an event.
import { start } from "../../mod.ts";

setInterval(() => {}, 1000);
await new Promise(() => {});
start(() => "unreachable");
