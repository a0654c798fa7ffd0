// The client portal page: accept an invite (the link's #token=…), or sign in, then the portal view.
import 'sitegate/components';
import { createPortalClient } from 'sitegate/client';

const api = createPortalClient({ baseUrl: '/api/portal' });
const provider = document.querySelector('sg-portal-provider') as HTMLElement & { client: unknown };
provider.client = api;
const slot = document.querySelector<HTMLDivElement>('#slot')!;
const account = document.querySelector<HTMLSpanElement>('#account')!;

function show(tag: string, attrs: Record<string, string> = {}): void {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  slot.replaceChildren(node);
}

async function showPortal(): Promise<void> {
  history.replaceState(null, '', '/portal');
  show('sg-portal-view');
  try {
    const me = await api.me();
    document.querySelector('#who')!.textContent = me.client.name ?? me.client.email;
    account.hidden = false;
  } catch {
    account.hidden = true;
  }
}

/** An invite link carries its token in the fragment, which no server ever sees. */
const inviteInFragment = () => new URLSearchParams(location.hash.slice(1)).has('token');

async function start(): Promise<void> {
  // <sg-accept-invite> reads the token from the fragment and takes it out of the address bar.
  if (inviteInFragment()) return show('sg-accept-invite');
  try {
    await api.me();
    await showPortal();
  } catch {
    show('sg-sign-in', { 'tenant-id': 'acme' });
  }
}

slot.addEventListener('sg-invite-accepted', () => void showPortal());
// Another invite link opened in this tab only changes the fragment.
window.addEventListener('hashchange', () => {
  if (inviteInFragment() && !slot.querySelector('sg-accept-invite')) show('sg-accept-invite');
});
slot.addEventListener('sg-sign-in', () => void showPortal());
document.querySelector('#sign-out')!.addEventListener('click', async () => {
  await api.sessions.signOut().catch(() => undefined);
  account.hidden = true;
  show('sg-sign-in', { 'tenant-id': 'acme' });
});

void start();
