/**
 * The same Hono app through `startHttp`, its `c.env` built by `lambdaEnv`.
 *
 * @module
 */
import { lambdaEnv, startHttp } from "../../mod.ts";
import { app } from "./hono_app.ts";

startHttp((request, ctx) => app.fetch(request, lambdaEnv(request, ctx)));
