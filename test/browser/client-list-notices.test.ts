import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import { NOTICE } from '../../components/client-list/notice.js';
import type { Client } from '../../src/model/client.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, problem, shots, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

/** Notices that fade, "Revoke access" that says how far it reaches, a confirmed "Disable portal access", whole project names. */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));
const badgeOf = (el: SgClientList, email: string) => rowOf(el, email)!.querySelector('[part=badge]')!.textContent;
const badgesOf = (el: SgClientList, email: string) => [...rowOf(el, email)!.querySelectorAll('[part=badge]')];
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function listed(attrs = ''): Promise<SgClientList> {
  const el = await fixture<SgClientList>(attrs ? html`<sg-client-list .client=${staffClient()} project-id=${attrs}></sg-client-list>` : html`<sg-client-list .client=${staffClient()}></sg-client-list>`);
  await until(() => rowOf(el, attrs ? 'eli@example.com' : 'dana@example.com'));
  return el;
}

/** Opens the row's menu by keyboard and moves down to `label`. */
async function menuItem(el: SgClientList, email: string, label: string): Promise<void> {
  rowOf(el, email)!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.focus();
  await sendKeys({ press: 'ArrowDown' });
  await until(() => $(el, '[role=menu]'));
  for (let i = 0; i < 10 && el.shadowRoot!.activeElement?.textContent?.trim() !== label; i++) await sendKeys({ press: 'ArrowDown' });
  expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal(label);
}

describe('sg-client-list notices, revoke and portal access (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    NOTICE.ms = 300;
  });
  afterEach(() => {
    NOTICE.ms = 6000;
  });

  it('wraps an address with no space in it inside the notice at 390 px, its dismiss button on screen', async () => {
    const long = `${'a'.repeat(60)}@${'b'.repeat(60)}.example.com`;
    await mock.portal.clients.add(mock.staff!, { email: long, projectIds: ['p-maple'], invite: true });
    NOTICE.ms = 60_000;
    try {
      const el = await listed();
      await until(() => rowOf(el, long));
      await menuItem(el, long, 'Resend invite');
      await sendKeys({ press: 'Enter' });
      const live = $(el, '.live')!;
      await until(() => textOf(live).includes('Invite sent'));
      await setViewport({ width: 390, height: 844 });
      expect(document.documentElement.scrollWidth).to.be.at.most(390);
      expect(live.querySelector('button')!.getBoundingClientRect().right).to.be.at.most(390);
      await shots('client-list-long-address-notice', live);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('a success notice is said in a status region already in the accessibility tree: only its words change', async () => {
    const el = await listed();
    const region = $(el, '.live [role=status]')!;
    expect(textOf(region)).to.equal('');
    // Nothing keeps it out of the tree before it has words (a region that appears with its text
    // is often not read): no `display: none`, `hidden` or `aria-hidden` on it or around it.
    expect(region.checkVisibility({ visibilityProperty: true }), 'rendered').to.equal(true);
    for (let node: Element | null = region; node; node = node.parentElement) {
      expect(node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true', node.outerHTML.slice(0, 60)).to.equal(false);
    }
    await menuItem(el, 'eli@example.com', 'Resend invite');
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(region) === 'Invite sent to eli@example.com.');
    expect($(el, '.live [role=status]'), 'the same region').to.equal(region);
    expect(region.checkVisibility({ visibilityProperty: true })).to.equal(true);
    // Gone after a while: out of sight again, and still there for the next one.
    await until(() => !textOf(region));
    expect($(el, '.live [role=status]')).to.equal(region);
    expect(region.checkVisibility({ visibilityProperty: true })).to.equal(true);
    expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
  });

  it('a success notice is a status that leaves after a while, but not while hovered or focused', async () => {
    const el = await listed();
    await menuItem(el, 'eli@example.com', 'Resend invite');
    await sendKeys({ press: 'Enter' });
    const live = $(el, '.live')!;
    await until(() => textOf(live).includes('Invite sent to eli@example.com'));
    expect(live.querySelector('[role=alert]')).to.equal(null);
    // The status says the words alone: the dismiss button beside them is not read out with them.
    expect(textOf(live.querySelector('[role=status]')!)).to.equal('Invite sent to eli@example.com.');
    expect(live.querySelector('[role=status] button')).to.equal(null);
    // The words are in the page once (a host's test that looks for them finds one element).
    expect(textOf(live)).to.equal('Invite sent to eli@example.com. ×');
    // Pointer on it: it stays.
    live.dispatchEvent(new MouseEvent('mouseenter'));
    await wait(600);
    expect(textOf(live)).to.contain('Invite sent');
    live.dispatchEvent(new MouseEvent('mouseleave'));
    await until(() => !textOf(live));
    // Focus on its dismiss button: it stays until dismissed; focus then goes back to the row's button.
    await menuItem(el, 'eli@example.com', 'Resend invite');
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(live).includes('Invite sent'));
    live.querySelector<HTMLElement>('button')!.focus();
    await wait(600);
    expect(textOf(live)).to.contain('Invite sent');
    // The pointer passing over and away leaves it held by the focus still in it.
    live.dispatchEvent(new MouseEvent('mouseenter'));
    live.dispatchEvent(new MouseEvent('mouseleave'));
    await wait(600);
    expect(textOf(live)).to.contain('Invite sent');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await until(() => !textOf(live));
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Actions for Eli Invited');
  });

  it('a success notice moved in the page still leaves: when it was due, at once if that has passed', async () => {
    NOTICE.ms = 1500;
    const el = await listed();
    const live = $(el, '.live')!;
    // Re-parented (a framework, drag and drop): disconnected and connected again at once.
    const move = () => el.parentElement!.appendChild(document.createElement('div')).append(el);
    const resend = async () => {
      await menuItem(el, 'eli@example.com', 'Resend invite');
      await sendKeys({ press: 'Enter' });
      await until(() => textOf(live).includes('Invite sent to eli@example.com'));
    };
    await resend();
    const shown = performance.now();
    await wait(1000);
    move();
    await until(() => !textOf(live), 3000);
    expect(performance.now() - shown, 'its time counts from when it appeared, not from the move').to.be.below(2200);

    // Out of the page for longer than its time (a tab container), it leaves as soon as it is back.
    await resend();
    const box = el.parentElement!;
    el.remove();
    await wait(1700);
    box.append(el);
    await until(() => !textOf(live), 400);

    // Held by the pointer when moved: no mouseleave comes, so the move ends the hold.
    await resend();
    live.dispatchEvent(new MouseEvent('mouseenter'));
    move();
    await until(() => !textOf(live), 3000);
  });

  it('an error notice is an alert that stays until dismissed', async () => {
    const dana = { id: 'c-d', tenantId: 'acme', email: 'd@example.com', name: 'Dana', roleId: 'client', projectIds: ['p1'], status: 'active' } as unknown as Client;
    const client = fakeClient({
      projects: { list: async () => [{ tenantId: 'acme', id: 'p1', name: 'Maple' }] },
      clients: { list: async () => ({ items: [dana], nextCursor: null }), sendPasswordReset: async () => Promise.reject(problem('rate_limited')) },
    });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    await until(() => rowOf(el, 'd@example.com'));
    await menuItem(el, 'd@example.com', 'Send password reset');
    await sendKeys({ press: 'Enter' });
    const alert = await until(() => $(el, '.notice.error [role=alert]'));
    expect(textOf(alert)).to.contain('Too many attempts');
    expect(alert.querySelector('button'), 'the alert is the words, without "Dismiss"').to.equal(null);
    await wait(NOTICE.ms * 2);
    expect($(el, '[role=alert]')).to.equal(alert);
    await expect(el).to.be.accessible();
    await shots('client-list-error-notice', el);
    alert.closest('.notice')!.querySelector<HTMLElement>('button[aria-label=Dismiss]')!.click();
    await until(() => !$(el, '[role=alert]'));
  });

  it('"Revoke access to all projects" says so, and the badge then says "No access"', async () => {
    const el = await listed();
    await menuItem(el, 'dana@example.com', 'Revoke access to all projects');
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    expect(textOf(dialog)).to.contain('Dana Client will no longer see any project');
    expect(textOf(rowOf(el, 'dana@example.com')!)).to.not.contain('No access');
    $(el, 'dialog button[type=submit]')!.click();
    await until(() => textOf(rowOf(el, 'dana@example.com')!).includes('No access'));
    // The account stays active (the status filter files it there); the second badge says it sees nothing.
    expect(badgesOf(el, 'dana@example.com').map((b) => b.textContent)).to.deep.equal(['Active', 'No access']);
    expect(textOf(rowOf(el, 'dana@example.com')!)).to.contain('No project access');
    await shots('client-list-no-access', rowOf(el, 'dana@example.com')!);
  });

  it('with project-id, the menu says the revoke is for this project only', async () => {
    const el = await listed('p-maple');
    await menuItem(el, 'eli@example.com', 'Revoke access to this project');
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    expect(textOf(dialog)).to.contain('Eli Invited will no longer see 12 Maple Street');
  });

  it('"Disable portal access" asks first: Escape changes nothing, confirming disables', async () => {
    const el = await listed();
    await menuItem(el, 'dana@example.com', 'Disable portal access');
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    expect(textOf(dialog)).to.contain('Dana Client is signed out at once');
    await expect(el).to.be.accessible();
    await shots('client-list-disable-confirm', dialog);
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, 'dialog[open]'));
    expect(badgeOf(el, 'dana@example.com')).to.equal('Active');
    expect((await mock.storage.getClientByEmail('acme', 'dana@example.com'))!.portalAccess).to.equal(true);

    await menuItem(el, 'dana@example.com', 'Disable portal access');
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, 'dialog[open] button[type=submit]'));
    $(el, 'dialog button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => badgeOf(el, 'dana@example.com') === 'Disabled');
    expect(textOf(el)).to.contain('Portal access disabled for Dana Client');
    // Enabling again needs no confirmation.
    await menuItem(el, 'dana@example.com', 'Enable portal access');
    await sendKeys({ press: 'Enter' });
    await until(() => badgeOf(el, 'dana@example.com') === 'Active');
  });
});

describe('sg-client-list project names', () => {
  it('shows every project name whole, wrapping, at 1280 and 390 px', async () => {
    const long = 'Harbor View Townhomes — Phase 2, Building C, Units 14 to 22 (north elevation)';
    const projects = [
      { tenantId: 'acme', id: 'p1', name: long },
      { tenantId: 'acme', id: 'p2', name: '12 Maple Street' },
    ];
    const c = { id: 'c-l', tenantId: 'acme', email: 'long@example.com', name: 'Lena Long', roleId: 'client', projectIds: ['p1', 'p2'], status: 'active' } as unknown as Client;
    const client = fakeClient({ projects: { list: async () => projects }, clients: { list: async () => ({ items: [c], nextCursor: null }) } });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    await until(() => textOf(el).includes('Phase 2'));
    const cell = $(el, '.projects')!;
    expect(textOf(cell)).to.equal(`${long}, 12 Maple Street`);
    await shots('client-list-long-project', el);
    for (const width of [1280, 390]) {
      const { setViewport } = await import('@web/test-runner-commands');
      await setViewport({ width, height: 900 });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      expect(cell.scrollWidth, `${width} px`).to.be.at.most(cell.clientWidth);
      expect(getComputedStyle(cell).textOverflow).to.not.equal('ellipsis');
    }
    await expect(el).to.be.accessible();
  });
});
