/**
 * The runtime matrix under the Runtime API, from source and from the package
 * (`packaged_runtime_suite.ts`).
 */
import { runtimeMatrix } from "./packaged_runtime_suite.ts";

runtimeMatrix("runtime-api");
