// Internal: the client context a caller sends (`ClientContext` in the Context), parsed the way
// aws-lambda-go parses it.
import type { ClientApplication, ClientContext } from "./context.ts";

/**
 * Parses a client context from the JSON text a caller sent, the way aws-lambda-go does: the keys
 * `client`, `env` and `custom` match case-insensitively; `custom` values that are not strings are
 * kept as their JSON text.
 *
 * @param json The client context JSON text.
 * @returns The parsed client context.
 * @throws {SyntaxError} When the text is not JSON.
 * @throws {TypeError} When the JSON is not an object or a part has the wrong shape.
 * @example
 * ```ts
 * import { parseClientContext } from "./_client_context.ts";
 * const cc = parseClientContext('{"client":{"app_title":"demo"},"custom":{"n":1}}');
 * console.log(cc.client.appTitle, cc.custom.n); // "demo" "1"
 * ```
 */
export function parseClientContext(json: string): ClientContext {
  const root: unknown = JSON.parse(json);
  if (root === null) return emptyClientContext();
  if (typeof root !== "object" || Array.isArray(root)) {
    throw new TypeError(`client context: expected a JSON object, got ${describe(root)}`);
  }
  const out = emptyClientContext();
  for (const [key, value] of Object.entries(root)) {
    const k = key.toLowerCase();
    if (k === "client") out.client = parseClient(value);
    else if (k === "env") out.env = stringMap(value, "env", false);
    else if (k === "custom") out.custom = stringMap(value, "custom", true);
  }
  return out;
}

function emptyClientContext(): ClientContext {
  return {
    client: { installationId: "", appTitle: "", appVersionCode: "", appPackageName: "" },
    env: {},
    custom: {},
  };
}

function parseClient(value: unknown): ClientApplication {
  const client = { installationId: "", appTitle: "", appVersionCode: "", appPackageName: "" };
  if (value === null) return client;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`client context: client: expected an object, got ${describe(value)}`);
  }
  const names: Record<string, keyof ClientApplication> = {
    installation_id: "installationId",
    app_title: "appTitle",
    app_version_code: "appVersionCode",
    app_package_name: "appPackageName",
  };
  for (const [key, field] of Object.entries(value)) {
    const name = names[key.toLowerCase()];
    if (name === undefined || field === null) continue;
    if (typeof field !== "string") {
      throw new TypeError(
        `client context: client.${key}: expected a string, got ${describe(field)}`,
      );
    }
    client[name] = field;
  }
  return client;
}

function stringMap(value: unknown, where: string, keepJson: boolean): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (value === null) return out;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`client context: ${where}: expected an object, got ${describe(value)}`);
  }
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === "string") out[key] = field;
    else if (field === null) out[key] = ""; // Go leaves a string untouched by JSON null
    else if (keepJson) out[key] = JSON.stringify(field);
    else {
      throw new TypeError(
        `client context: ${where}.${key}: expected a string, got ${describe(field)}`,
      );
    }
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}
