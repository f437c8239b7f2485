/**
 * The entry point of a function run from source, for both transports:
 * `deno run server/main.ts <function module>` with `_LAMBDA_SERVER_PORT` (go1.x) or
 * `AWS_LAMBDA_RUNTIME_API` (provided.al2023) set — what `invoke` spawns. See `runFunction` in
 * `./load_module.ts`; a packaged function's entry calls it too.
 *
 * @module
 */
import { runFunction } from "./load_module.ts";

if (import.meta.main) {
  const [specifier] = Deno.args;
  if (!specifier) {
    console.error(
      "usage: _LAMBDA_SERVER_PORT=port | AWS_LAMBDA_RUNTIME_API=host:port " +
        "deno run -A server/main.ts <module>",
    );
    Deno.exit(2);
  }
  await runFunction(specifier);
}
