// Internal: the client context a caller sends (`ClientContext` in the Context), parsed the way
// aws-lambda-go parses it.
import type { ClientApplication, ClientContext, ClientEnvironment } from "./context_types.ts";

/**
 * Parses a client context from the JSON text a caller sent, the way aws-lambda-go does: the keys
 * `client`, `env` and `custom` match case-insensitively; `custom` values that are not strings are
 * kept as their JSON text. `client.app_version_name` is read too, and `env` gets the names
 * `@types/aws-lambda` declares (see `ClientEnvironment`).
 *
 * @param json The client context JSON text.
 * @returns The parsed client context.
 * @throws {SyntaxError} When the text is not JSON.
 * @throws {TypeError} When the JSON is not an object or a part has the wrong shape.
 * @example
 * ```ts
 * import { deepEqual, equal } from "node:assert/strict";
 * import { parseClientContext } from "./_client_context.ts";
 * const cc = parseClientContext(
 *   '{"client":{"app_title":"demo"},"env":{"platform_version":"14"},"custom":{"n":1}}',
 * );
 * equal(cc.client.appTitle, "demo");
 * equal(cc.custom.n, "1");
 * equal(cc.env.platformVersion, "14");
 * equal(cc.env.locale, "");
 * deepEqual({ ...cc.env }, { platform_version: "14" });
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
    else if (k === "env") out.env = environment(stringMap(value, "env", false));
    else if (k === "custom") out.custom = stringMap(value, "custom", true);
  }
  return out;
}

function emptyClientContext(): ClientContext {
  return { client: emptyClient(), env: environment({}), custom: {} };
}

function emptyClient(): ClientApplication {
  return {
    installationId: "",
    appTitle: "",
    appVersionName: "",
    appVersionCode: "",
    appPackageName: "",
  };
}

/** The names `ClientEnvironment` declares, by the key a mobile SDK sends. */
const ENV_NAMES = [
  ["platformVersion", "platform_version"],
  ["platform", "platform"],
  ["make", "make"],
  ["model", "model"],
  ["locale", "locale"],
] as const;

/** Adds the declared names the caller did not send, as non-enumerable stand-ins. */
function environment(env: Record<string, string>): ClientEnvironment {
  for (const [name, key] of ENV_NAMES) {
    if (Object.hasOwn(env, name)) continue;
    Object.defineProperty(env, name, { value: env[key] ?? "", enumerable: false });
  }
  return env as ClientEnvironment;
}

function parseClient(value: unknown): ClientApplication {
  const client = emptyClient();
  if (value === null) return client;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`client context: client: expected an object, got ${describe(value)}`);
  }
  const names: Record<string, keyof ClientApplication> = {
    installation_id: "installationId",
    app_title: "appTitle",
    app_version_name: "appVersionName",
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
