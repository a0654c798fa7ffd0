/**
 * Invite, reset, sign-in and email-confirmation links carry their token in the URL fragment
 * (`…/accept#token=…`): browsers send a fragment to no server and in no `Referer`. Reading it
 * takes it out of the address bar too, so it is not left in history or shown over someone's
 * shoulder.
 *
 * The token moves into the state of the page's own history entry instead, so reloading the
 * page (or coming back to it) still has its link: an invitee who reloaded half-way through
 * setting a password would otherwise land on a page that has lost its only way in. The state
 * stays in this tab's history entry, goes to no server, and is dropped once the link was used
 * (`forgetFragmentToken`). Each kind of link keeps its own, so a sign-in form on the same
 * entry never tries an invite's token as a sign-in link.
 */

/** Which element reads the link: its kept token is its own. */
export type LinkKind = 'invite' | 'reset' | 'sign-in' | 'confirm-email';
const keyOf = (kind: LinkKind) => `sitegate:${kind}-link`;

type State = Record<string, unknown>;
const asRecord = (state: unknown): State | undefined => (state && typeof state === 'object' && !Array.isArray(state) ? (state as State) : undefined);

/** The token of this kind an earlier load of this history entry took from its fragment, if any. */
function keptToken(kind: LinkKind): string | undefined {
  const kept = asRecord(history.state)?.[keyOf(kind)];
  return typeof kept === 'string' && kept ? kept : undefined;
}

/**
 * The `token` in the page's fragment, or the one a load of this page took from it before (a
 * reload); undefined when there is neither, or no page (SSR).
 */
export function takeFragmentToken(kind: LinkKind): string | undefined {
  if (typeof location === 'undefined' || typeof history === 'undefined') return undefined;
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return keptToken(kind);
  params.delete('token');
  const rest = params.toString();
  // A host router's own state (an object) keeps its members; a state of another kind is left as it is.
  const state: unknown = history.state;
  const key = keyOf(kind);
  const kept = state === null || state === undefined ? { [key]: token } : asRecord(state) ? { ...asRecord(state), [key]: token } : state;
  try {
    history.replaceState(kept, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  } catch {
    // A sandboxed or opaque-origin frame may refuse; the token is still used, just not hidden.
  }
  return token;
}

/**
 * Set in this tab's session storage when a link of the kind was used. A reload that overtook
 * the answer (the link was used, and the answer dropped the kept token as the page went) finds
 * no token; this mark lets the page say "already used, sign in" rather than "not valid".
 */
const usedKey = (kind: LinkKind) => `${keyOf(kind)}-used`;

/** How long the mark holds: a reload comes within moments, a page opened later is another matter. */
const USED_MARK_MS = 10 * 60_000;

/** Whether a link of this kind was used in this tab in the last minutes (see `usedKey`). */
export function usedInThisTab(kind: LinkKind): boolean {
  try {
    return Date.now() - Number(sessionStorage.getItem(usedKey(kind))) < USED_MARK_MS;
  } catch {
    return false; // No storage (a sandboxed frame, a server): the page says what it would have.
  }
}

/** A page's link was used: a reload of it finds no token, and says the link was used. */
export function forgetUsedLink(kind: LinkKind): void {
  try {
    sessionStorage.setItem(usedKey(kind), String(Date.now()));
  } catch {
    // As in `usedInThisTab`.
  }
  forgetFragmentToken(kind);
}

/** The link was used: a reload no longer offers it. */
export function forgetFragmentToken(kind: LinkKind): void {
  if (typeof history === 'undefined') return;
  const state = asRecord(history.state);
  const key = keyOf(kind);
  if (!state || !(key in state)) return;
  const { [key]: _used, ...rest } = state;
  try {
    history.replaceState(Object.keys(rest).length ? rest : null, '');
  } catch {
    // As above: nothing more to do where history cannot be written.
  }
}

/**
 * Calls `take` with each token a link opened later in the same tab brings (only the fragment
 * changes, so the page does not reload). Only a token in the fragment itself counts: going back
 * to an entry that kept an older one in its history state brings nothing, so a spent or dead
 * link is not tried again. While `wanted()` is false the token is left where it is, for another
 * element of the page. Returns what stops listening.
 */
export function followFragmentTokens(kind: LinkKind, take: (token: string) => void, wanted: () => boolean = () => true): () => void {
  if (typeof window === 'undefined') return () => {};
  const listener = (): void => {
    if (!wanted() || !new URLSearchParams(location.hash.replace(/^#/, '')).has('token')) return;
    const token = takeFragmentToken(kind);
    if (token) take(token);
  };
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}
