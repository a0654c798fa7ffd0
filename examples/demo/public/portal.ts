// The client portal page: accept an invite (the link's #token=…), or sign in, then the portal view.
import 'sitegate/components';
// French for the elements, when the page comes as <html lang="fr"> (the top bar's language switch).
import 'sitegate/components/i18n/fr';
import { createPortalClient } from 'sitegate/client';
import type { Client } from 'sitegate';
import { chooseLanguageInPlace } from './language-switch.js';

const api = createPortalClient({ baseUrl: '/api/portal' });
const provider = document.querySelector('sg-portal-provider') as HTMLElement & { client: unknown };
provider.client = api;
const slot = document.querySelector<HTMLDivElement>('#slot')!;
const account = document.querySelector<HTMLSpanElement>('#account')!;
const heading = document.querySelector<HTMLHeadingElement>('h1')!;

function show(tag: string, attrs: Record<string, string> = {}): void {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  slot.replaceChildren(node);
}

/**
 * Shows the portal for a client the page already knows (from `GET /me` or a sign-in event). The
 * view keeps its project and section in the address (`sync-hash`), so a digest's link to a
 * project (`/portal#sg-project=…`) opens that project, after a sign-in too; a link's token never
 * stays there. After the client signed in (`focus`), focus goes to the page's heading, so a
 * screen reader says where they are and the next Tab is in the portal.
 */
function showPortal(client: Client, { focus = false } = {}): void {
  const place = new URLSearchParams(location.hash.slice(1)).has('token') ? '' : location.hash;
  history.replaceState(null, '', `/portal${place}`);
  show('sg-portal-view', { 'sync-hash': '' });
  document.querySelector('#who')!.textContent = client.name ?? client.email;
  account.hidden = false;
  if (focus) heading.focus();
}

/**
 * The server marks the page when it came without a live session (pages.mjs): then nobody is
 * signed in, and asking `GET /me` would only log a failed 401 request in the console. It holds
 * for the page's loading only: a later check ("Sign in" on a dead invite's page) asks, as a
 * session may have started in another tab since.
 */
const signedOutOnLoad = document.documentElement.hasAttribute('data-signed-out');

/** The answers of `GET /me` that mean nobody is signed in (not a failure to find out). */
const SIGNED_OUT = new Set(['unauthenticated', 'session_invalid']);

/**
 * Asks who is signed in once: the portal when someone is, the sign-in form when not. Only an
 * answer that nobody is signed in lets the form skip asking again; after a failure (a busy or
 * unreachable server) the element asks itself.
 */
async function portalOrSignIn(): Promise<void> {
  let client: Client;
  try {
    client = (await api.me()).client;
  } catch (error) {
    return signIn(SIGNED_OUT.has(String((error as { code?: unknown }).code)) ? { 'no-session': '' } : {});
  }
  showPortal(client);
}

/** An invite link carries its token in the fragment, which no server ever sees. */
const inviteInFragment = () => new URLSearchParams(location.hash.slice(1)).has('token');

/** The builder lets clients sign in with a password or an emailed link. */
const signIn = (attrs: Record<string, string> = {}) => show('sg-sign-in', { 'tenant-id': 'acme', methods: 'password link', ...attrs });

async function start(): Promise<void> {
  const noSession: Record<string, string> = signedOutOnLoad ? { 'no-session': '' } : {};
  // The reset, sign-in-link and confirm-email pages read the token from the fragment and take it out of the address bar.
  if (location.pathname === '/portal/reset') {
    if (customElements.get('sg-reset-password')) return show('sg-reset-password', { 'tenant-id': 'acme' });
    return signIn(noSession);
  }
  if (location.pathname === '/portal/sign-in-link') return signIn(noSession);
  // A changed address is confirmed with a new password (the old one ended with the old address).
  if (location.pathname === '/portal/confirm-email') return show('sg-confirm-email', { 'tenant-id': 'acme' });
  // <sg-accept-invite> reads the token from the fragment and takes it out of the address bar;
  // a reload of this page still has it (the element keeps it in this page's history entry).
  if (location.pathname === '/portal/accept') return show('sg-accept-invite');
  // Invite links mailed before the accept page had a path of its own (`/portal#token=…`).
  if (location.pathname === '/portal' && inviteInFragment()) return show('sg-accept-invite');
  if (signedOutOnLoad) return signIn(noSession);
  await portalOrSignIn();
}

slot.addEventListener('sg-invite-accepted', (event) => showPortal(event.detail.client, { focus: true }));
// Another invite link opened in this tab only changes the fragment.
window.addEventListener('hashchange', () => {
  if (['/portal', '/portal/accept'].includes(location.pathname) && inviteInFragment() && !slot.querySelector('sg-accept-invite')) show('sg-accept-invite');
});
slot.addEventListener('sg-sign-in', (event) => showPortal(event.detail.client, { focus: true }));
// "Sign in" on a used or expired invite's page: the portal when this browser is signed in already
// (the invite was accepted here), else the sign-in form.
slot.addEventListener('sg-sign-in-request', () => {
  history.replaceState(null, '', '/portal');
  void portalOrSignIn();
});
document.querySelector('#sign-out')!.addEventListener('click', async () => {
  const signedOut = await api.sessions.signOut().then(() => true, () => false);
  account.hidden = true;
  // Signed out, the form needs no `GET /me`; if signing out failed, the element finds out.
  signIn(signedOut ? { 'no-session': '' } : {});
  // The button that had focus is gone: the page's heading takes it, and the next Tab is the form.
  heading.focus();
});

chooseLanguageInPlace();
void start();
