import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgAcceptInvite, SgResetPassword } from '../../components/index.js';
import { $, fakeClient, textOf, until } from './support/helpers.js';

/**
 * A link used, and its page reloaded while the answer was on its way: the answer dropped the
 * token the page kept in its history entry, so the reloaded page has none. It must say the link
 * was used ("sign in instead"), not that it is not valid.
 */

const start = location.pathname + location.search;
const session = { token: 's', expiresAt: new Date() };

/** The reload that overtook the answer: the same tab, no `#token=` and no kept token. */
function reloadWithoutToken(): void {
  history.replaceState(null, '', start);
}

describe('a link used in this tab, then its page reloaded without it (fake client)', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    history.replaceState(null, '', start);
    sessionStorage.clear();
  });

  it('<sg-accept-invite> says the invite was used, and only in the tab that used it', async () => {
    const client = fakeClient({
      invites: {
        inspect: async () => ({ status: 'pending', email: 'dana@example.com', tenantName: 'Acme Builders' }),
        accept: async () => ({ client: { id: 'c1', email: 'dana@example.com' } as never, session }),
      },
    });
    history.replaceState(null, '', `${start}#token=t1`);
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${client}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    for (const id of ['#password', '#confirm']) ($(el, id) as HTMLInputElement).value = 'correct horse battery';
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await until(() => textOf(el).includes('Welcome'));

    reloadWithoutToken();
    const reloaded = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${client}></sg-accept-invite>`);
    await until(() => $(reloaded, '[part=message]'));
    expect(textOf(reloaded)).to.contain('This invite has already been used');
    expect(textOf(reloaded)).to.contain('If you already joined, sign in instead.');

    // Another tab (its own session storage) that never used a link: no token is not valid.
    sessionStorage.clear();
    const elsewhere = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${client}></sg-accept-invite>`);
    await until(() => $(elsewhere, '[part=message]'));
    expect(textOf(elsewhere)).to.contain('This invite link is not valid');
    // Nor is it a page opened long after a link was used here: the mark is for a reload.
    sessionStorage.setItem('sitegate:invite-link-used', String(Date.now() - 11 * 60_000));
    const later = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${client}></sg-accept-invite>`);
    await until(() => $(later, '[part=message]'));
    expect(textOf(later)).to.contain('This invite link is not valid');
  });

  it('<sg-reset-password> says the reset link was used', async () => {
    const client = fakeClient({
      tenants: { look: async () => ({}) } as never,
      passwords: {
        inspect: async () => ({ status: 'pending', email: 'dana@example.com' }),
        reset: async () => ({ client: { id: 'c1', email: 'dana@example.com' } as never, session }),
      },
    });
    history.replaceState(null, '', `${start}#token=r1`);
    const el = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${client}></sg-reset-password>`);
    await until(() => $(el, 'form #password'));
    for (const id of ['#password', '#confirm']) ($(el, id) as HTMLInputElement).value = 'a brand new passphrase';
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await until(() => textOf(el).includes('Your password is set'));

    reloadWithoutToken();
    const reloaded = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${client}></sg-reset-password>`);
    await until(() => $(reloaded, '[part=message]'));
    expect(textOf(reloaded)).to.contain('This reset link has already been used');
  });
});
