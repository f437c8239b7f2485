/**
 * `invoke` on every example from source, in both protocols (the suite is
 * `examples_invoke_suite.ts`; `packaged_examples_test.ts` runs it on the packages).
 */
import { exampleSuite } from "./examples_invoke_suite.ts";

exampleSuite("source");
