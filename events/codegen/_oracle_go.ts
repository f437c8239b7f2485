// Internal to go_oracle_test.ts: the Go program it runs against the real aws-lambda-go types.

/**
 * The source of a Go program that reads `samples.json` (Go type name → JSON) and prints one JSON
 * object: `"zero <T>"` → `json.Marshal` of a zero `T` (structs only), `"echo <T>"` →
 * `json.Marshal` of the sample after `json.Unmarshal` into a `T`, `"error <T>"` → what failed.
 */
export function oracleProgram(structs: readonly string[], all: readonly string[]): string {
  const zero = structs.map((n) => `\tmarshal("zero ${n}", &events.${n}{})`).join("\n");
  const echo = all.map((n) => `\techo("${n}", new(events.${n}))`).join("\n");
  return `package main

import (
\t"encoding/json"
\t"fmt"
\t"os"

\t"oracle/events"
)

var out = map[string]json.RawMessage{}

func fail(name string, what interface{}) {
\tout["error "+name], _ = json.Marshal(fmt.Sprint(what))
}

func marshal(name string, v interface{}) {
\tdefer func() {
\t\tif r := recover(); r != nil {
\t\t\tfail(name, r)
\t\t}
\t}()
\tb, err := json.Marshal(v)
\tif err != nil {
\t\tfail(name, err)
\t\treturn
\t}
\tout[name] = b
}

var samples = map[string]json.RawMessage{}

func echo(name string, v interface{}) {
\tif err := json.Unmarshal(samples[name], v); err != nil {
\t\tfail(name, err)
\t\treturn
\t}
\tmarshal("echo "+name, v)
}

func main() {
\tsrc, err := os.ReadFile("samples.json")
\tif err == nil {
\t\terr = json.Unmarshal(src, &samples)
\t}
\tif err != nil {
\t\tpanic(err)
\t}
${zero}
${echo}
\tjson.NewEncoder(os.Stdout).Encode(out)
}
`;
}
