/** Schemes a link taken from data may use; anything else (javascript:, data:, vbscript:, …) is dropped. */
const ALLOWED = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * Returns the URL as an absolute string when its scheme is safe to put in `href`/`src`,
 * otherwise `undefined` (render the text without a link). Relative URLs resolve against the page.
 */
export function safeUrl(value: unknown, base: string = document.baseURI): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    // The URL parser strips tabs/newlines and leading spaces the way the browser would
    // before deciding the scheme, so "java\tscript:" cannot slip through.
    const url = new URL(value.trim(), base);
    return ALLOWED.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Like `safeUrl`, for images: only http(s). */
export function safeImageUrl(value: unknown, base?: string): string | undefined {
  const url = safeUrl(value, base);
  return url && /^https?:/.test(url) ? url : undefined;
}
