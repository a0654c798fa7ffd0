/**
 * Methods the fetch standard will not put in a `Request` (`new Request(url, { method: 'TRACE' })`
 * throws), so a fetch handler never sees them. `toNodeListener` answers them itself.
 */
export const FETCH_FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** The methods a fetch handler answers at a URL, or `null` when no route is there. */
export type AllowedMethods = (url: URL) => string[] | null;

/**
 * Where `createPortalHandler` puts its `AllowedMethods`, so `toNodeListener` can answer a method
 * fetch cannot carry with the same 404 or 405 (and `Allow`) the handler would give.
 */
export const ALLOWED_METHODS = Symbol.for('sitegate.allowedMethods');

export function allowedMethodsOf(handler: object): AllowedMethods | undefined {
  const found = (handler as { [ALLOWED_METHODS]?: unknown })[ALLOWED_METHODS];
  return typeof found === 'function' ? (found as AllowedMethods) : undefined;
}

/** Whether a URL path lies under the handler's base path. */
export type UnderBasePath = (path: string) => boolean;

/**
 * Where `createPortalHandler` puts its `UnderBasePath`, so `toNodeListener` can tell a target
 * Express cut at its mount path (`req.url`) from the one it kept (`req.originalUrl`).
 */
export const UNDER_BASE_PATH = Symbol.for('sitegate.underBasePath');

export function underBasePathOf(handler: object): UnderBasePath | undefined {
  const found = (handler as { [UNDER_BASE_PATH]?: unknown })[UNDER_BASE_PATH];
  return typeof found === 'function' ? (found as UnderBasePath) : undefined;
}
