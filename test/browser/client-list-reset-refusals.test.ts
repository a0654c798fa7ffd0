import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgClientList } from '../../components/index.js';
import { errorFromProblem } from '../../src/client/errors.js';
import type { Client } from '../../src/model/client.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

/**
 * "Send password reset" refused for a reason of the portal's, not because the client changed
 * elsewhere (409 `email_unconfirmed`, `passwords_off`, `no_reset_url`), says that reason in its
 * own words, not "was changed in the meantime"; and the menu does not offer a reset to a client
 * whose new address waits to be confirmed.
 */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));
const focused = (el: SgClientList) => el.shadowRoot!.activeElement as HTMLElement | null;
const menuLabels = (el: SgClientList) => $$(el, '[role=menuitem]').map((b) => b.textContent!.trim());

async function openMenu(el: SgClientList, email: string): Promise<void> {
  rowOf(el, email)!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.focus();
  await sendKeys({ press: 'ArrowDown' });
  await until(() => $(el, '[role=menu]'));
}

/** Opens the row's menu by keyboard and moves down to `label`, then chooses it with Enter. */
async function choose(el: SgClientList, email: string, label: string): Promise<void> {
  await openMenu(el, email);
  for (let i = 0; i < 12 && focused(el)?.textContent?.trim() !== label; i++) await sendKeys({ press: 'ArrowDown' });
  expect(focused(el)?.textContent?.trim()).to.equal(label);
  await sendKeys({ press: 'Enter' });
}

const at = new Date('2025-01-01T00:00:00Z');
const active = (id: string, extra: Partial<Client> = {}): Client =>
  ({
    id, tenantId: 'acme', email: `${id}@example.com`, name: `${id[0]!.toUpperCase()}${id.slice(1)} Client`, roleId: 'client', projectIds: ['p1'],
    portalAccess: true, status: 'active', activatedAt: at, createdAt: at, updatedAt: at, ...extra,
  }) as unknown as Client;

/** The 409 as the api client rebuilds it from the portal's problem answer. */
const conflict = (reason: string) =>
  errorFromProblem(
    { type: 'urn:sitegate:problem:conflict', title: 'Conflict', status: 409, code: 'conflict', detail: `refused: ${reason}`, reason },
    new Response(null, { status: 409 }),
  );

/** A list of active clients whose password reset the portal refuses with `reason`. */
async function refusing(reason: string, lang = 'en'): Promise<{ el: SgClientList; reads: string[] }> {
  const ana = active('ana');
  const reads: string[] = [];
  const client = fakeClient({
    projects: { list: async () => [{ tenantId: 'acme', id: 'p1', name: 'Maple' }] },
    clients: {
      list: async () => ({ items: [ana], nextCursor: null }),
      // Read again, the client is as the list shows it: nothing changed meanwhile.
      get: async (id: string) => (reads.push(id), { ...ana, permissions: [] }) as never,
      sendPasswordReset: async () => Promise.reject(conflict(reason)),
    },
  });
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><sg-client-list .client=${client}></sg-client-list></div>`);
  const el = wrapper.querySelector('sg-client-list')!;
  await until(() => rowOf(el, 'ana@example.com'));
  await choose(el, 'ana@example.com', lang === 'fr' ? 'Envoyer une réinitialisation du mot de passe' : 'Send password reset');
  await until(() => $(el, '[role=alert]'));
  return { el, reads };
}

/** The alert's words as they are (`textOf` would make the French no-break spaces plain ones). */
const alertText = (el: SgClientList) => $(el, '[role=alert]')!.textContent!.trim();

describe('sg-client-list: a password reset the portal refuses', () => {
  it('passwords_off: says the clients sign in with emailed links, not that Ana changed', async () => {
    const { el } = await refusing('passwords_off');
    expect(alertText(el)).to.equal(
      'No password reset was sent: your clients sign in with emailed links, not passwords. Ana Client can ask for a sign-in link instead.',
    );
    expect(alertText(el)).to.not.contain('changed in the meantime');
  });

  it('no_reset_url: says the portal has no page for a new password (a setup problem)', async () => {
    const { el, reads } = await refusing('no_reset_url');
    expect(alertText(el)).to.equal(
      'No password reset was sent: the portal has no page for choosing a new password (resetUrl). Ask whoever set it up to add one.',
    );
    expect(reads, 'nothing about the client to read again').to.deep.equal([]);
  });

  it('no_reset_url: in French', async () => {
    const { el } = await refusing('no_reset_url', 'fr');
    expect(alertText(el)).to.equal(
      'Aucune réinitialisation du mot de passe n’a été envoyée\u00a0: le portail n’a pas de page pour choisir un nouveau mot de passe (resetUrl). Demandez à la personne qui l’a configuré d’en ajouter une.',
    );
  });

  it('email_unconfirmed (the list read before the change): says the new address waits for confirmation', async () => {
    const { el } = await refusing('email_unconfirmed');
    expect(alertText(el)).to.equal(
      'No password reset was sent: Ana Client has not confirmed their new email address yet. Save it again in Edit details to send a new confirmation link.',
    );
  });

  it('a conflict that means the client changed meanwhile (portal_access_off) still says so', async () => {
    const { el, reads } = await refusing('portal_access_off');
    expect(alertText(el)).to.contain('Ana Client was changed in the meantime, so nothing was done.');
    expect(reads).to.deep.equal(['ana']);
  });
});

describe('sg-client-list: no password reset offered while a new address waits to be confirmed', () => {
  it('leaves "Send password reset" out of the menu of a client with pendingEmail, and keeps it for the others', async () => {
    const client = fakeClient({
      projects: { list: async () => [{ tenantId: 'acme', id: 'p1', name: 'Maple' }] },
      clients: { list: async () => ({ items: [active('ana', { pendingEmail: 'ana.new@example.com' }), active('ben')], nextCursor: null }) },
    });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    await until(() => rowOf(el, 'ana@example.com') && rowOf(el, 'ben@example.com'));
    await openMenu(el, 'ana@example.com');
    expect(menuLabels(el)).to.include('Edit details');
    expect(menuLabels(el)).to.not.include('Send password reset');
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '[role=menu]'));
    await openMenu(el, 'ben@example.com');
    expect(menuLabels(el)).to.include('Send password reset');
  });
});

describe('sg-client-list: a reset to a client who changed their address elsewhere (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('says the new address is not confirmed, shows it waiting on the row, and offers no reset any more', async () => {
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`);
    await until(() => rowOf(el, 'dana@example.com'));
    // Changed in another tab after the list was read: a confirmation link goes to the new address.
    const dana = (await mock.storage.getClientByEmail('acme', 'dana@example.com'))!;
    await mock.portal.clients.update(mock.staff!, dana.id, { email: 'dana.new@example.com' });
    // The confirmation mail leaves through the outbox meanwhile: count the reset links only.
    const resets = () => mock.mail.messages.filter((m) => m.text.includes('/portal/reset')).length;
    const sent = resets();
    await choose(el, 'dana@example.com', 'Send password reset');
    const alert = await until(() => $(el, '[role=alert]'));
    expect(textOf(alert)).to.equal(
      'No password reset was sent: Dana Client has not confirmed their new email address yet. Save it again in Edit details to send a new confirmation link.',
    );
    expect(resets(), 'no reset link sent').to.equal(sent);
    await until(() => rowOf(el, 'dana@example.com')?.textContent?.includes('Waiting for dana.new@example.com to be confirmed'));
    await openMenu(el, 'dana@example.com');
    expect(menuLabels(el)).to.not.include('Send password reset');
  });
});
