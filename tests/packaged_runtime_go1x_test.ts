/** The runtime matrix under go1.x, from source and from the package (`packaged_runtime_suite.ts`). */
import { runtimeMatrix } from "./packaged_runtime_suite.ts";

runtimeMatrix("go1.x");
