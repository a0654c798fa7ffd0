import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { ClientDetails } from '../../src/model/client.js';
import { $, $$, fakeClient, shots, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

/** A client's email digest frequency, shown and changed in its details dialog. */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));

async function openDetails(el: SgClientList, email: string): Promise<HTMLDialogElement> {
  rowOf(el, email)!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.focus();
  await sendKeys({ press: 'ArrowDown' });
  await until(() => $(el, '[role=menu]'));
  for (let i = 0; i < 10 && el.shadowRoot!.activeElement?.textContent?.trim() !== 'Show permissions'; i++) await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  return until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
}

describe('sg-client-list email digest (msw mocks, real core)', () => {
  beforeEach(async () => {
    await startMocks();
  });

  it('shows the client’s frequency and changes it by keyboard', async () => {
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`);
    await until(() => rowOf(el, 'dana@example.com'));
    const dialog = await openDetails(el, 'dana@example.com');
    const select = await until(() => dialog.querySelector<HTMLSelectElement>('#f-frequency'));
    const dana = (await staffClient().clients.list({ q: 'dana' })).items[0]!;
    const before = await staffClient().notifications.getFor(dana.id);
    expect(select.value).to.equal(before.frequency);
    expect(textOf(dialog)).to.contain('Email updates');
    if (before.isDefault) expect(textOf(dialog)).to.contain('Your default for clients');
    await until(() => dialog.querySelector('table'));
    await expect(el).to.be.accessible();
    await shots('client-list-digest', dialog);

    select.focus();
    select.value = before.frequency === 'weekly' ? 'off' : 'weekly';
    select.dispatchEvent(new Event('change'));
    const chosen = select.value;
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Save');
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(dialog).includes('Saved.'));
    const after = await staffClient().notifications.getFor(dana.id);
    expect(after).to.deep.equal({ frequency: chosen, isDefault: false, tenantDefault: before.tenantDefault });
    expect(dialog.open).to.equal(true);
  });

  it('without notifications on the server, the details still show', async () => {
    const c = { id: 'c-1', tenantId: 'acme', email: 'a@example.com', name: 'Ann', roleId: 'client', projectIds: ['p1'], status: 'active' } as unknown as ClientDetails;
    const client = fakeClient({
      projects: { list: async () => [{ tenantId: 'acme', id: 'p1', name: 'Maple' }] },
      clients: { list: async () => ({ items: [c], nextCursor: null }), get: async () => ({ ...c, permissions: [{ module: 'documents', actions: ['read'] }] }) },
    });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    await until(() => rowOf(el, 'a@example.com'));
    const dialog = await openDetails(el, 'a@example.com');
    await until(() => dialog.querySelector('table'));
    expect(dialog.querySelector('#f-frequency')).to.equal(null);
    expect(dialog.querySelector('[role=alert]')).to.equal(null);
  });
});
