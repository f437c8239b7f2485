// Echoes its event through start(): the transport (go1.x or Runtime API) comes from the environment.
import { start } from "../../mod.ts";

start((event: unknown) => ({ echo: event }));
