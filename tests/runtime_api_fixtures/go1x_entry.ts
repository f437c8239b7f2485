// The package's go1.x entry in small: imports the module FIXTURE_MODULE names and starts its
// exported handler when the module did not start a server itself.
import { runFunctionModuleGo1x } from "../../server/mod.ts";

await runFunctionModuleGo1x(
  Deno.env.get("FIXTURE_MODULE")!,
  Number(Deno.env.get("_LAMBDA_SERVER_PORT")),
);
