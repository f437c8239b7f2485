/**
 * `invoke` on every example's package (`package`, unzipped, its `bootstrap` run), in both
 * protocols: the same suite as from source (`examples_invoke_suite.ts`), one package per example.
 */
import { exampleSuite } from "./examples_invoke_suite.ts";

exampleSuite("packaged");
