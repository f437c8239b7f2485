// A slow handler and a shutdown hook: SIGTERM must let the invocation finish, then run the hook.
import { start } from "../../mod.ts";

await start(async (event: { ms: number }) => {
  console.log("handler started");
  await new Promise((r) => setTimeout(r, event.ms));
  console.log("handler finished");
  return "finished";
}, {
  logger: false,
  onShutdown: async (signal) => {
    await new Promise((r) => setTimeout(r, 10));
    console.log(`shutdown hook ran on ${signal}`);
  },
});
