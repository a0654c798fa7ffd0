import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgClientList } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import { MOCK_PASSWORD, type MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, nodeName, shots, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

/**
 * Rows that leave the list keep keyboard focus in it, a row action that meets a client changed
 * elsewhere shows the client as it is now, and an expired invite's date is in the past tense.
 */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));
const badgeOf = (el: SgClientList, email: string) => rowOf(el, email)!.querySelector('[part=badge]')!.textContent;
const focused = (el: SgClientList) => el.shadowRoot!.activeElement as HTMLElement | null;
/** What has focus, as text: a failed comparison of elements would be reported as a whole DOM tree. */
const focusName = (el: SgClientList) => nodeName(focused(el));
const emails = (el: SgClientList) => $$(el, '.row').map((r) => (r.querySelector('.email') ?? r.querySelector('.name'))!.textContent!.trim());
/** The notice's words, without its dismiss button's "×". */
const liveText = (el: SgClientList) => textOf($(el, '.live span') ?? $(el, '.live')!);

async function listed(el: Promise<SgClientList>, email = 'dana@example.com'): Promise<SgClientList> {
  const list = await el;
  await until(() => rowOf(list, email));
  return list;
}

/** Opens the row's menu by keyboard and moves down to `label`, then chooses it with Enter. */
async function choose(el: SgClientList, email: string, label: string): Promise<void> {
  rowOf(el, email)!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.focus();
  await sendKeys({ press: 'ArrowDown' });
  await until(() => $(el, '[role=menu]'));
  for (let i = 0; i < 12 && focused(el)?.textContent?.trim() !== label; i++) await sendKeys({ press: 'ArrowDown' });
  expect(focused(el)?.textContent?.trim()).to.equal(label);
  await sendKeys({ press: 'Enter' });
}

/** Waits a couple of frames, so a focus that was going to fall has fallen. */
const settle = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

describe('sg-client-list: focus after a row leaves the list (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('Archive: focus goes to the row now in its place, and the notice says what happened', async () => {
    const el = await listed(fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`), 'eli@example.com');
    const before = emails(el);
    const at = before.indexOf('eli@example.com');
    const next = before[at + 1] ?? before[at - 1]!;
    await choose(el, 'eli@example.com', 'Archive');
    await until(() => !rowOf(el, 'eli@example.com'));
    await until(() => liveText(el).includes('Eli Invited was archived.'));
    await settle();
    expect(focusName(el), 'focus stays in the list').to.contain('part="row-menu-button"');
    expect(focused(el)!.closest('.row')?.textContent).to.contain(next);
  });

  it('Restore of the last archived client: focus goes to what took the list’s place', async () => {
    const gus = (await mock.storage.getClientByEmail('acme', 'gus@example.com'))!;
    await mock.portal.clients.archive(mock.staff!, gus.id);
    const el = await listed(fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`));
    const filter = $<HTMLSelectElement>(el, 'select')!;
    filter.value = 'archived';
    filter.dispatchEvent(new Event('change'));
    await until(() => rowOf(el, 'gus@example.com'));
    await choose(el, 'gus@example.com', 'Restore');
    await until(() => liveText(el).includes('Gus Expired was restored'));
    const empty = await until(() => $(el, '.state.empty'));
    await settle();
    expect(focusName(el)).to.equal(nodeName(empty));
    // The filter shows no archived client; the tenant still has clients.
    expect(textOf(empty)).to.equal('No archived clients.');
    await until(() => textOf($(el, '.count') ?? el) === '0 archived clients');
    filter.value = '';
    filter.dispatchEvent(new Event('change'));
    await until(() => rowOf(el, 'gus@example.com'));
    expect(textOf($(el, '.count')!)).to.match(/^\d+ clients$/);
  });

  it('in French, an empty "Archived" filter says there are no archived clients', async () => {
    const page = await fixture<HTMLElement>(html`<div lang="fr"><sg-client-list .client=${staffClient()}></sg-client-list></div>`);
    const el = await listed(Promise.resolve(page.querySelector<SgClientList>('sg-client-list')!));
    const filter = $<HTMLSelectElement>(el, 'select')!;
    filter.value = 'archived';
    filter.dispatchEvent(new Event('change'));
    const empty = await until(() => $(el, '.state.empty'));
    expect(textOf(empty)).to.equal('Aucun client archivé.');
    await until(() => textOf($(el, '.count') ?? el) === '0 client archivé');
    await shots('client-list-archived-none-fr', el);
  });

  it('Disable portal access under the "Active" filter: focus goes to the next row once the dialog closes', async () => {
    const el = await listed(fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`));
    await mock.portal.clients.add(mock.staff!, { email: 'ada@example.com', name: 'Ada Second', projectIds: ['p-maple'] });
    await mock.portal.outbox.flush();
    await mock.portal.invites.accept(mock.inviteToken('ada@example.com')!, { password: MOCK_PASSWORD });
    await el.load();
    const filter = $<HTMLSelectElement>(el, 'select')!;
    filter.value = 'active';
    filter.dispatchEvent(new Event('change'));
    await until(() => emails(el).length === 2 && rowOf(el, 'ada@example.com'));
    const first = emails(el)[0]!;
    const other = emails(el)[1]!;
    await choose(el, first, 'Disable portal access');
    await until(() => $(el, 'dialog[open] button[type=submit]'));
    $(el, 'dialog button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !rowOf(el, first) && !$(el, 'dialog[open]'));
    await settle();
    expect(focusName(el), 'focus stays in the list').to.contain('part="row-menu-button"');
    expect(focused(el)!.closest('.row')?.textContent).to.contain(other);
  });
});

describe('sg-client-list: a row action on a client changed elsewhere (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  async function acceptedMeanwhile(lang: string, label: string): Promise<SgClientList> {
    const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><sg-client-list .client=${staffClient()}></sg-client-list></div>`);
    const el = await listed(Promise.resolve(wrapper.querySelector('sg-client-list')!), 'eli@example.com');
    // The client accepts in their own browser; this list still shows them invited.
    await mock.portal.invites.accept(mock.inviteToken('eli@example.com')!, { password: MOCK_PASSWORD });
    const sent = mock.mail.messages.length;
    await choose(el, 'eli@example.com', label);
    await until(() => liveText(el) || $(el, '[role=alert]'));
    expect(mock.mail.messages.length, 'no mail sent').to.equal(sent);
    return el;
  }

  it('"Resend invite" to a client who has accepted meanwhile says so and shows the row as it is', async () => {
    const el = await acceptedMeanwhile('en', 'Resend invite');
    expect(liveText(el)).to.equal('Eli Invited has already accepted the invite.');
    expect($(el, '[role=alert]'), 'not "reload and try again"').to.equal(null);
    await until(() => badgeOf(el, 'eli@example.com') === 'Active');
    expect(textOf(rowOf(el, 'eli@example.com')!)).to.not.match(/xpire/);
    // The menu offers what an account has now.
    await choose(el, 'eli@example.com', 'Send password reset');
    await until(() => liveText(el).includes('Password reset link sent to eli@example.com'));
  });

  it('says it in French too', async () => {
    const el = await acceptedMeanwhile('fr', 'Renvoyer l’invitation');
    expect(liveText(el)).to.equal('Eli Invited a déjà accepté l’invitation.');
    await until(() => badgeOf(el, 'eli@example.com') === 'Actif');
  });

  it('another clash re-reads the client too, and says the row now shows it as it is', async () => {
    const el = await listed(fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`));
    // Archived in another tab: a password reset is refused (409).
    const dana = (await mock.storage.getClientByEmail('acme', 'dana@example.com'))!;
    await mock.portal.clients.archive(mock.staff!, dana.id);
    await choose(el, 'dana@example.com', 'Send password reset');
    const alert = await until(() => $(el, '[role=alert]'));
    expect(textOf(alert)).to.contain('Dana Client was changed in the meantime, so nothing was done.');
    // The list shows the clients that are not archived: Dana leaves it.
    await until(() => !rowOf(el, 'dana@example.com'));
  });
});

describe('sg-client-list: invite dates', () => {
  const at = new Date('2025-01-01T00:00:00Z');
  const row = (id: string, status: string, sentOn: string, expiresOn: string) =>
    ({
      id, tenantId: 'acme', email: `${id}@example.com`, name: id, roleId: 'client', projectIds: ['p1'], portalAccess: true, status,
      inviteExpiresAt: new Date(expiresOn), inviteDelivery: { state: 'sent', at: new Date(sentOn) }, createdAt: at, updatedAt: at,
    }) as unknown as Client;
  const ahead = (days: number) => new Date(Date.now() + days * 864e5).toISOString();
  const clients = [
    row('expired', 'expired', '2025-12-05T12:00:00Z', '2025-12-19T12:00:00Z'),
    // Read while still pending, on a page left open past the date.
    row('lapsed', 'invited', '2025-12-06T12:00:00Z', '2025-12-20T12:00:00Z'),
    row('pending', 'invited', ahead(-1), ahead(13)),
  ];
  const list = async (lang: string): Promise<SgClientList> => {
    const client = fakeClient({ projects: { list: async () => [{ tenantId: 'acme', id: 'p1', name: 'Maple' }] }, clients: { list: async () => ({ items: clients, nextCursor: null }) } });
    const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><sg-client-list .client=${client}></sg-client-list></div>`);
    const el = wrapper.querySelector('sg-client-list')!;
    await until(() => $$(el, '.row .dates').length === 3);
    return el;
  };
  const dates = (el: SgClientList, id: string) => textOf(rowOf(el, `${id}@example.com`)!.querySelector('.dates')!);

  it('says "expired" of an invite whose date has passed, "expires" of one still pending', async () => {
    const el = await list('en');
    expect(dates(el, 'expired')).to.equal('Sent Dec 5, 2025 · expired Dec 19, 2025');
    expect(dates(el, 'lapsed')).to.equal('Sent Dec 6, 2025 · expired Dec 20, 2025');
    // Its badge says the same as its dates.
    expect(badgeOf(el, 'lapsed@example.com')).to.equal('Invite expired');
    expect(badgeOf(el, 'pending@example.com')).to.equal('Invited');
    expect(dates(el, 'pending')).to.match(/^Sent .+ · expires .+$/);
  });

  it('in French: "expirée le", and "expire le" while pending', async () => {
    const el = await list('fr');
    expect(dates(el, 'expired')).to.equal('Envoyée le 5 déc. 2025 · expirée le 19 déc. 2025');
    expect(dates(el, 'pending')).to.match(/^Envoyée le .+ · expire le .+$/);
    await shots('client-list-invite-dates-fr', el);
  });
});
