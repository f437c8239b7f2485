// A rejected top-level await before start() is reached.
import { start } from "../../mod.ts";

async function connect(): Promise<string> {
  await new Promise((r) => setTimeout(r, 5));
  throw new TypeError("database unreachable");
}
const db = await connect();
start(() => db);
