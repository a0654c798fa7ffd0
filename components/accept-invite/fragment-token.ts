/**
 * Invite links carry their token in the URL fragment (`…/accept#token=…`): browsers send a
 * fragment to no server and in no `Referer`. Reading it takes it out of the address bar too, so
 * it is not left in history or shown over someone's shoulder.
 */

/** The `token` in the page's fragment, or undefined (also where there is no page, e.g. SSR). */
export function takeFragmentToken(): string | undefined {
  if (typeof location === 'undefined' || typeof history === 'undefined') return undefined;
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return undefined;
  params.delete('token');
  const rest = params.toString();
  try {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  } catch {
    // A sandboxed or opaque-origin frame may refuse; the token is still used, just not hidden.
  }
  return token;
}
