import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, HOSTILE_NAME, problem, pwned, shot, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

const rowOf = (el: SgClientList, email: string) =>
  $$(el, '.row').find((r) => r.textContent?.includes(email));

async function listed(): Promise<SgClientList> {
  const el = await fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`);
  await until(() => rowOf(el, 'dana@example.com'));
  return el;
}

async function openMenuByKeyboard(el: SgClientList, email: string): Promise<void> {
  rowOf(el, email)!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.focus();
  await sendKeys({ press: 'Enter' });
  await until(() => $(el, '[role=menu]'));
}

describe('sg-client-list (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('lists every client with status badges, and is accessible', async () => {
    const el = await listed();
    for (const [email, status] of [
      ['dana@example.com', 'Active'],
      ['eli@example.com', 'Invited'],
      ['fay@example.com', 'Not invited'],
      ['gus@example.com', 'Invite expired'],
      ['hal@example.com', 'Disabled'],
    ] as const) {
      expect(rowOf(el, email)!.querySelector('[part=badge]')!.textContent).to.equal(status);
    }
    expect(textOf(rowOf(el, 'dana@example.com')!)).to.contain('12 Maple Street');
    await expect(el).to.be.accessible();
    await shot('client-list', el);
  });

  it('searches and filters by status', async () => {
    const el = await listed();
    const search = $<HTMLInputElement>(el, 'input[type=search]')!;
    search.focus();
    await sendKeys({ type: 'eli' });
    await until(() => $$(el, '.row').length === 1);
    search.value = '';
    search.dispatchEvent(new Event('input'));
    const select = $<HTMLSelectElement>(el, 'select')!;
    select.value = 'disabled';
    select.dispatchEvent(new Event('change'));
    await until(() => $$(el, '.row').length === 1 && rowOf(el, 'hal@example.com'));
    select.value = 'expired';
    search.value = 'nobody';
    search.dispatchEvent(new Event('input'));
    await until(() => textOf(el).includes('No clients match'));
  });

  it('invites a client by keyboard, validating inline first', async () => {
    const el = await listed();
    const invited: CustomEvent[] = [];
    el.addEventListener('sg-client-invited', (e) => invited.push(e as never));
    $(el, '[part=invite-button]')!.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    await until(() => $(el, '#f-email'));
    await expect(el).to.be.accessible();
    await shot('client-list-invite-dialog', dialog);
    // Focus starts in the dialog; submit empty to see the inline errors.
    $(el, '#f-email')!.focus();
    await sendKeys({ type: 'not-an-email' });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '#email-error')!.textContent);
    expect($(el, '#email-error')!.textContent).to.contain('valid email');
    expect($(el, '#projectIds-error')!.textContent).to.contain('at least one project');
    const email = $<HTMLInputElement>(el, '#f-email')!;
    email.select();
    await sendKeys({ type: 'new.client@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'New Client' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' }); // first project checkbox
    await sendKeys({ press: 'Enter' });
    await until(() => invited.length);
    expect(dialog.open).to.equal(false);
    await until(() => rowOf(el, 'new.client@example.com'));
    expect(rowOf(el, 'new.client@example.com')!.querySelector('[part=badge]')!.textContent).to.equal('Invited');
    expect(mock.inviteLink('new.client@example.com')).to.be.a('string');
    expect(textOf(el)).to.contain('new.client@example.com was invited');
  });

  it('shows the server’s validation problem next to the field', async () => {
    const el = await listed();
    $(el, '[part=invite-button]')!.click();
    await until(() => $(el, '#f-email'));
    $<HTMLInputElement>(el, '#f-email')!.value = `${'a'.repeat(250)}@x.io`;
    $<HTMLInputElement>(el, 'input[name=projectIds]')!.checked = true;
    $(el, 'dialog button[type=submit]')!.click();
    await until(() => $(el, '#email-error')!.textContent);
    expect($(el, '#email-error')!.textContent).to.contain('254');
  });

  it('resends an invite from the row menu by keyboard', async () => {
    const el = await listed();
    const before = mock.inviteLink('eli@example.com');
    await openMenuByKeyboard(el, 'eli@example.com');
    await shot('client-list-menu', el);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Edit details');
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Update project access');
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Resend invite');
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(el).includes('Invite sent to eli@example.com'));
    expect(mock.inviteLink('eli@example.com')).to.be.a('string').and.not.equal(before);
    expect($(el, '[role=menu]')).to.equal(null);
  });

  it('closes the menu on Escape and returns focus to its button', async () => {
    const el = await listed();
    await openMenuByKeyboard(el, 'fay@example.com');
    await sendKeys({ press: 'End' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Revoke access to all projects');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '[role=menu]')).to.equal(null);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Actions for Fay Prospect');
  });

  it('revokes access by click after confirming', async () => {
    const el = await listed();
    const revoked: Event[] = [];
    el.addEventListener('sg-access-revoked', (e) => revoked.push(e));
    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=revoke]')))!.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    expect(textOf(dialog)).to.contain('Dana Client will no longer see any project');
    await shot('client-list-revoke', dialog);
    $(el, 'dialog button[type=submit]')!.click();
    await until(() => revoked.length);
    await until(() => textOf(rowOf(el, 'dana@example.com')!).includes('No project access'));
    const dana = (await staffClient().clients.list({ q: 'dana' })).items[0]!;
    expect(dana.projectIds).to.deep.equal([]);
  });

  it('a cancelled revoke changes nothing (Escape closes the dialog)', async () => {
    const el = await listed();
    await openMenuByKeyboard(el, 'dana@example.com');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, 'dialog[open]'));
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, 'dialog[open]'));
    expect(textOf(rowOf(el, 'dana@example.com')!)).to.contain('12 Maple Street');
  });

  it('updates project access, shows permissions and disables portal access', async () => {
    const el = await listed();
    rowOf(el, 'fay@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=projects]')))!.click();
    await until(() => $(el, 'dialog[open] input[value=p-maple]'));
    $<HTMLInputElement>(el, 'input[value=p-maple]')!.checked = true;
    $(el, 'dialog button[type=submit]')!.click();
    await until(() => textOf(rowOf(el, 'fay@example.com')!).includes('12 Maple Street'));

    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=permissions]')))!.click();
    const table = await until(() => $(el, 'dialog[open] table'));
    expect(textOf(table)).to.contain('Documents');
    expect(textOf(table)).to.contain('View');
    await shot('client-list-permissions', $(el, 'dialog')!);
    $(el, 'dialog button[type=submit]')!.click();
    await until(() => !$(el, 'dialog[open]'));

    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=portal]')))!.click();
    (await until(() => $<HTMLElement>(el, 'dialog[open] button[type=submit]')))!.click();
    await until(() => rowOf(el, 'dana@example.com')!.querySelector('[part=badge]')!.textContent === 'Disabled');
  });

  it('a dialog opened right after another closed stays open (the late close event is the old one’s)', async () => {
    const el = await listed();
    $<HTMLElement>(el, '[part=invite-button]')!.click();
    await until(() => $(el, 'dialog[open]'));
    // Cancel queues the dialog's close event; open the next dialog before that task runs.
    $<HTMLElement>(el, 'dialog button:not([type=submit])')!.click();
    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    await el.updateComplete;
    $<HTMLElement>(el, '[data-action=permissions]')!.click();
    const table = await until(() => $(el, 'dialog[open] table'));
    expect(textOf(table)).to.contain('Documents');
  });

  it('shows a load failure in words with a retry', async () => {
    let calls = 0;
    const client = fakeClient({
      projects: { list: async () => [] },
      clients: { list: async () => (calls++ ? { items: [], nextCursor: null } : Promise.reject(problem('forbidden', 'no'))) },
    });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    const alert = await until(() => $(el, '.state.error'));
    expect(alert.textContent).to.contain('You do not have permission to do that.');
    await expect(el).to.be.accessible();
    alert.querySelector('button')!.click();
    await until(() => textOf(el).includes('No clients yet'));
  });

  it('marks invites that were not delivered', async () => {
    const failing = { id: 'c-x', tenantId: 'acme', email: 'x@example.com', name: 'Xavier', projectIds: [], status: 'invited', inviteDelivery: { state: 'failed', reason: 'mailbox full', at: new Date() } } as unknown as Client;
    const client = fakeClient({ projects: { list: async () => [] }, clients: { list: async () => ({ items: [failing], nextCursor: null }) } });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    const marker = await until(() => $(el, '[part=delivery-problem]'));
    expect(marker.textContent).to.contain('Invite not delivered');
  });

  it('renders hostile names as text', async () => {
    const hostile = { id: 'c-h', tenantId: 'acme', email: 'h@example.com', name: HOSTILE_NAME, projectIds: ['<b>p</b>'], status: 'active' } as unknown as Client;
    const client = fakeClient({ projects: { list: async () => [] }, clients: { list: async () => ({ items: [hostile], nextCursor: null }) } });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    const row = await until(() => $(el, '.row'));
    expect(row.querySelector('.name')!.textContent).to.equal(HOSTILE_NAME);
    expect(row.querySelector('img, b')).to.equal(null);
    await new Promise((r) => setTimeout(r, 50));
    expect(pwned()).to.equal(undefined);
  });

  it('stays light with 12,000 clients: loads every page, renders only what is visible', async () => {
    const all = Array.from({ length: 12_000 }, (_, i) => ({
      id: `c${i}`,
      tenantId: 'acme',
      email: `client${i}@example.com`,
      name: `Client ${i}`,
      projectIds: ['p-maple'],
      status: 'active',
    })) as unknown as Client[];
    const client = fakeClient({
      projects: { list: async () => [{ tenantId: 'acme', id: 'p-maple', name: '12 Maple Street' }] },
      clients: {
        list: async (q) => {
          const start = Number(q?.cursor ?? 0);
          const end = start + Number(q?.limit ?? 50);
          return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null };
        },
      },
    });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    await until(() => $(el, '.count')?.textContent?.includes('12,000 clients'), 8000).catch((e) => { throw new Error(String($(el, '.count')?.textContent) + e); });
    await until(() => $(el, '.row'));
    expect($$(el, '.row').length).to.be.below(60);
    const list = $(el, '[part="list"]')!;
    // The scroll area stands for every row, measured or estimated, from the first render on.
    await until(() => list.scrollHeight > 100_000);
    const started = performance.now();
    // Keep scrolling to the middle, as a user would, until the rows there are rendered.
    await until(() => {
      if (list.scrollTop < list.scrollHeight / 3) list.scrollTop = list.scrollHeight / 2;
      return $$(el, '.row').some((r) => /Client [56]\d{3}\b/.test(r.textContent ?? ''));
    });
    expect(performance.now() - started).to.be.below(1000);
    expect($$(el, '.row').length).to.be.below(60);
  });

  it('paints its first rows without waiting for the number formatter, then writes the count', async () => {
    // A page's first Intl.NumberFormat loads the browser's number data (tens of ms): the first rows go before it.
    const all = Array.from({ length: 1200 }, (_, i) => ({
      id: `c${i}`,
      tenantId: 'acme',
      email: `client${i}@example.com`,
      name: `Client ${i}`,
      projectIds: ['p-maple'],
      status: 'active',
    })) as unknown as Client[];
    const client = fakeClient({
      projects: { list: async () => [{ tenantId: 'acme', id: 'p-maple', name: '12 Maple Street' }] },
      clients: {
        list: async (q) => {
          const start = Number(q?.cursor ?? 0);
          const end = start + Number(q?.limit ?? 50);
          return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null };
        },
      },
    });
    const intl = Intl as { NumberFormat: typeof Intl.NumberFormat };
    const real = intl.NumberFormat;
    let built = 0;
    intl.NumberFormat = new Proxy(real, { construct: (target, args) => (built++, Reflect.construct(target, args)) });
    const el = document.createElement('sg-client-list');
    try {
      el.client = client;
      document.body.append(el);
      // Read in the same task as the render that puts the first rows in (before any frame).
      const atFirstRows = await new Promise<{ built: number; count: string | undefined }>((resolve) => {
        const watch = new MutationObserver(() => {
          if (!$(el, '.row')) return;
          watch.disconnect();
          resolve({ built, count: $(el, '.count')?.textContent });
        });
        watch.observe(el.shadowRoot!, { childList: true, subtree: true });
      });
      expect(atFirstRows).to.deep.equal({ built: 0, count: undefined });
      await until(() => $(el, '.count')?.textContent?.includes('1,200 clients'));
      expect(built).to.be.above(0);
    } finally {
      intl.NumberFormat = real;
      el.remove();
    }
  });
});
