/**
 * The Runtime API entry point: `deno run -A server/main.ts <function module>` (see
 * `runFunctionModule` in `./load_module.ts`).
 *
 * @module
 */
import { runFunctionModule } from "./load_module.ts";

if (import.meta.main) {
  const [specifier] = Deno.args;
  const address = Deno.env.get("AWS_LAMBDA_RUNTIME_API");
  if (!specifier || !address) {
    console.error(
      "usage: AWS_LAMBDA_RUNTIME_API=host:port deno run -A server/main.ts <module>",
    );
    Deno.exit(2);
  }
  await runFunctionModule(specifier, address);
}
