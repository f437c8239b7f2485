import assert from "node:assert/strict";
import { asciiJson, errorDocument, errorTypeHeader, xrayErrorCause } from "./_error_document.ts";

const frames = [
  { path: "/var/task/a.js", line: 3, label: "handler" },
  { path: "/var/task/b.js", line: 9, label: "helper" },
  { path: "/var/task/a.js", line: 12, label: "<anonymous>" },
];

Deno.test("errorDocument: exactly errorType, errorMessage and stackTrace strings", () => {
  const doc = errorDocument({ type: "E", message: "m", stackTrace: frames, shouldExit: false });
  assert.deepEqual(doc, {
    errorType: "E",
    errorMessage: "m",
    stackTrace: [
      "    at handler (/var/task/a.js:3)",
      "    at helper (/var/task/b.js:9)",
      "    at <anonymous> (/var/task/a.js:12)",
    ],
  });
});

Deno.test("errorDocument keeps the message lines and as many frame lines as frames", () => {
  const stack = [
    "Error: two",
    "lines",
    "    at handler (file:///var/task/a.js:3:1)",
    "    at runtime (file:///srv/server/invoke.ts:1:1)",
  ].join("\n");
  const doc = errorDocument(
    { type: "Error", message: "two\nlines", stackTrace: frames.slice(0, 1), shouldExit: false },
    stack,
  );
  assert.deepEqual(doc.stackTrace, [
    "Error: two",
    "lines",
    "    at handler (file:///var/task/a.js:3:1)",
  ]);
});

Deno.test("xrayErrorCause: working directory, one exception, distinct paths in order", () => {
  const cause = xrayErrorCause(
    { type: "E", message: "m", stackTrace: frames, shouldExit: false },
    "/var/task",
  );
  assert.deepEqual(cause, {
    working_directory: "/var/task",
    exceptions: [{ type: "E", message: "m", stack: frames }],
    paths: ["/var/task/a.js", "/var/task/b.js"],
  });
});

Deno.test("asciiJson is the same JSON value in printable ASCII only", () => {
  const value = { m: "é ✓ 😀\n\u0000\u007f", n: [1, "x"] };
  const text = asciiJson(value);
  assert.match(text, /^[\x20-\x7e]*$/);
  assert.deepEqual(JSON.parse(text), value);
});

Deno.test("errorTypeHeader: a Runtime./Function. category as it is, anything else as Lambda records it", () => {
  // The Runtime Interface Emulator's rule: (Runtime|Function)\.[A-Z][a-zA-Z]+, else
  // Function.Unknown for a "Function." prefix, else Runtime.Unknown.
  const cases: [string, string][] = [
    ["Runtime.InvalidDeadline", "Runtime.InvalidDeadline"],
    ["Runtime.ImportModuleError", "Runtime.ImportModuleError"],
    ["Function.ResponseSizeTooLarge", "Function.ResponseSizeTooLarge"],
    ["TypeError", "Runtime.Unknown"],
    ["PaymentDeclined", "Runtime.Unknown"],
    ["Fehler\u00e9", "Runtime.Unknown"],
    ["Runtime.lowercase", "Runtime.Unknown"],
    ["Runtime.Bad\r\nInjected: 1", "Runtime.Unknown"],
    ["Function.has space", "Function.Unknown"],
    ["", "Runtime.Unknown"],
    ["Runtime." + "A".repeat(2000), "Runtime.Unknown"],
  ];
  for (const [type, header] of cases) assert.equal(errorTypeHeader(type), header, type);
});
