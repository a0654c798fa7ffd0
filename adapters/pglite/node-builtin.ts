/**
 * A Node built-in module, found through `process.getBuiltinModule` rather than a static `node:`
 * import, so the PGlite adapter still bundles for browsers (where `dataDir` is `idb://…`).
 * `undefined` outside Node.
 */
export function maybeNodeBuiltin<T>(id: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.(id) as T | undefined;
}

/** `maybeNodeBuiltin`, for work that only Node can do: outside Node it throws, saying `what` needs it. */
export function nodeBuiltin<T>(id: string, what: string): T {
  const found = maybeNodeBuiltin<T>(id);
  if (!found) throw new Error(`${what} needs Node.js (${id})`);
  return found;
}
