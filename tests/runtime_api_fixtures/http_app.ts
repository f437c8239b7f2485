// A web-standard app behind startHttp (Runtime API or go1.x, from the environment).
import { startHttp } from "../../mod.ts";

startHttp((req, ctx) =>
  Response.json({ method: req.method, url: req.url, function: ctx.functionName })
);
