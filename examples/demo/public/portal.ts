// The client portal page: accept an invite (the link's #token=…), or sign in, then the portal view.
import 'sitegate/components';
import { createPortalClient } from 'sitegate/client';
import type { Client } from 'sitegate';

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

/** One labelled field of the confirmation form. */
function field(label: string, name: string): HTMLLabelElement {
  const wrapper = document.createElement('label');
  wrapper.textContent = label;
  const input = Object.assign(document.createElement('input'), { type: 'password', name, autocomplete: 'new-password', required: true });
  wrapper.append(input);
  return wrapper;
}

/**
 * A changed email address is confirmed from the link sent to it, with a password chosen there:
 * the old password ended with the old address. The client is then signed in.
 */
function confirmEmail(): void {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  history.replaceState(null, '', '/portal');
  const form = Object.assign(document.createElement('form'), { className: 'card confirm-email' });
  const title = Object.assign(document.createElement('h2'), { textContent: 'Confirm your new email address' });
  const intro = Object.assign(document.createElement('p'), { className: 'hint', textContent: 'Choose a password to go with it: your old one ended with your old address.' });
  const problem = Object.assign(document.createElement('p'), { className: 'problem', role: 'alert' });
  const submit = Object.assign(document.createElement('button'), { className: 'primary', type: 'submit', textContent: 'Confirm and sign in' });
  form.append(title, intro, field('New password', 'password'), field('Repeat password', 'repeat'), problem, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    const data = new FormData(form);
    const password = String(data.get('password'));
    if (password !== data.get('repeat')) return void (problem.textContent = 'The two passwords are not the same.');
    try {
      showPortal((await api.emails.confirm(token, { password })).client, { focus: true });
    } catch (error) {
      // A refused password says which rule; a dead link says so, and only the builder can send another.
      const message = error instanceof Error ? error.message : 'unknown error';
      const deadLink = String((error as { code?: unknown }).code).startsWith('link_');
      problem.textContent = deadLink ? `This confirmation link does not work any more (${message}). Ask your builder to send a new one.` : message;
    }
  });
  slot.replaceChildren(form);
}

async function start(): Promise<void> {
  // The reset page and the sign-in link read the token from the fragment and take it out of the address bar.
  if (location.pathname === '/portal/reset') {
    if (customElements.get('sg-reset-password')) return show('sg-reset-password', { 'tenant-id': 'acme' });
    return signIn();
  }
  if (location.pathname === '/portal/sign-in-link') return signIn();
  if (location.pathname === '/portal/confirm-email') return confirmEmail();
  // <sg-accept-invite> reads the token from the fragment and takes it out of the address bar;
  // a reload of this page still has it (the element keeps it in this page's history entry).
  if (location.pathname === '/portal/accept') return show('sg-accept-invite');
  // Invite links mailed before the accept page had a path of its own (`/portal#token=…`).
  if (location.pathname === '/portal' && inviteInFragment()) return show('sg-accept-invite');
  await portalOrSignIn();
}

slot.addEventListener('sg-invite-accepted', (event) => showPortal(event.detail.client, { focus: true }));
// Another invite link opened in this tab only changes the fragment.
window.addEventListener('hashchange', () => {
  if (['/portal', '/portal/accept'].includes(location.pathname) && inviteInFragment() && !slot.querySelector('sg-accept-invite')) show('sg-accept-invite');
});
slot.addEventListener('sg-sign-in', (event) => showPortal(event.detail.client, { focus: true }));
// "Sign in" on a used or expired invite's page.
slot.addEventListener('sg-sign-in-request', () => {
  history.replaceState(null, '', '/portal');
  signIn();
});
document.querySelector('#sign-out')!.addEventListener('click', async () => {
  const signedOut = await api.sessions.signOut().then(() => true, () => false);
  account.hidden = true;
  // Signed out, the form needs no `GET /me`; if signing out failed, the element finds out.
  signIn(signedOut ? { 'no-session': '' } : {});
});

void start();
