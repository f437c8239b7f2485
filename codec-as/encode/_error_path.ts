// Internal: where in the value an encode error happened. Writers record the field names and
// indexes an error passes on its way out; the encoder prefixes the message with the path.
const paths = new WeakMap<Error, string[]>();

/** Records that a TypeError / RangeError happened below `key`, and rethrows it. */
export function within(e: unknown, key: string): never {
  if (e instanceof TypeError || e instanceof RangeError) {
    const p = paths.get(e);
    if (p) p.push(key);
    else paths.set(e, [key]);
  }
  throw e;
}

/** Final form of an encode error: the path of the bad value in the message. */
export function located(e: unknown, type: string): unknown {
  if (!(e instanceof TypeError || e instanceof RangeError)) return e;
  const p = paths.get(e)?.reverse() ?? [];
  const path = p.map((k, i) => k.startsWith("[") || i === 0 ? k : "." + k).join("");
  e.message = `Cannot encode ${type}${path ? ` at ${path}` : ""}: ${e.message}`;
  return e;
}
