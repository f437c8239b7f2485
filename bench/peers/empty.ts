// Benchmark floor: a bare `deno run` of an empty script.
