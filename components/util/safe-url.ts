/** Schemes a link taken from data may use; anything else (javascript:, data:, vbscript:, …) is dropped. */
const ALLOWED = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Stands in for the page's base URL where there is no page (server-side rendering). */
const NO_PAGE = 'https://sitegate.invalid/';

/**
 * Returns the URL as an absolute string when its scheme is safe to put in `href`/`src`,
 * otherwise `undefined` (render the text without a link). Relative URLs resolve against the page;
 * where there is no page (server-side rendering) a relative URL is returned as given, for the
 * browser to resolve against the page it ends up in.
 */
export function safeUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  // Read at call time and only when needed: importing this module must not need a DOM.
  const against = base ?? (typeof document === 'undefined' ? NO_PAGE : document.baseURI);
  try {
    // The URL parser strips tabs/newlines and leading spaces the way the browser would
    // before deciding the scheme, so "java\tscript:" cannot slip through.
    const url = new URL(value.trim(), against);
    if (!ALLOWED.has(url.protocol)) return undefined;
    return against === NO_PAGE && url.origin === new URL(NO_PAGE).origin ? value.trim() : url.href;
  } catch {
    return undefined;
  }
}

/** Like `safeUrl`, for images: only http(s). */
export function safeImageUrl(value: unknown, base?: string): string | undefined {
  const url = safeUrl(value, base);
  // A relative URL (server-side rendering) resolves to http(s) in any page it is rendered into.
  return url && /^https?:$/.test(new URL(url, NO_PAGE).protocol) ? url : undefined;
}
