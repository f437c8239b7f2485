// Init code that throws before start() is reached.
import { start } from "../../mod.ts";

const config = Deno.env.get("FIXTURE_CONFIG");
if (config === undefined) throw new RangeError("FIXTURE_CONFIG is not set");
start(() => config);
