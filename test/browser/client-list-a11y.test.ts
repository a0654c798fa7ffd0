import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import type { Client } from '../../src/model/client.js';
import { $, $$, contrast, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';

/**
 * Keyboard and screen-reader use of the client list: focus never falls to the page while a
 * dialog is busy or after it answers, Tab in a row menu goes on from the row, and what a load,
 * a retry or a search brings is said in a live region.
 */

const PROJECTS = [{ tenantId: 'acme', id: 'p0', name: '12 Maple Street' }];
const CLIENTS = Array.from({ length: 30 }, (_, i) => ({
  id: `c${i}`,
  tenantId: 'acme',
  email: `client${i}@example.com`,
  name: `Client ${i}`,
  roleId: 'client',
  projectIds: ['p0'],
  status: 'active',
})) as unknown as Client[];

/** A promise and its `resolve`/`reject`, to hold a request open while the test looks at focus. */
function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** The element focused inside the list's shadow root (null: focus left it, e.g. for <body>). */
const focused = (el: SgClientList) => el.shadowRoot!.activeElement as HTMLElement | null;
/** Focus is on `node`, compared as text (see `nodeName`). */
const expectFocus = (el: SgClientList, node: Element | null | undefined) => expect(nodeName(focused(el))).to.equal(nodeName(node));
/** The always-present polite live region for loads and searches. */
const region = (el: SgClientList) => $$(el, '.sr-only[role=status]')[0];

async function list(fakes: Parameters<typeof fakeClient>[0] = {}, extra: Partial<PortalClient> = {}): Promise<SgClientList> {
  const client = {
    ...fakeClient({ projects: { list: async () => PROJECTS }, ...fakes, clients: { list: async () => ({ items: CLIENTS, nextCursor: null }), ...fakes.clients } }),
    ...extra,
  } as PortalClient;
  const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
  await until(() => $$(el, '.row').length > 0 || $(el, '.state'));
  return el;
}

describe('sg-client-list: focus and announcements', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('adds no landmark to the page it is dropped into: its title row is no banner', async () => {
    const el = await list();
    expect($$(el, 'header, main, nav, footer, aside, [role=banner], [role=main], [role=navigation], [role=contentinfo]')).to.have.length(0);
  });

  it('keeps focus in the invite dialog while sending and on the error when it fails', async () => {
    const add = pending<Client>();
    const calls: unknown[] = [];
    const el = await list({ clients: { add: (input: unknown) => (calls.push(input), add.promise) } as never });
    $(el, '[part=invite-button]')!.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    $<HTMLInputElement>(el, '#f-email')!.value = 'new.client@example.com';
    $<HTMLInputElement>(el, 'input[name=projectIds]')!.checked = true;
    const send = $<HTMLButtonElement>(el, 'dialog button[type=submit]')!;
    send.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => calls.length === 1);
    await el.updateComplete;
    // Busy: it says so, and keeps focus (a disabled button would drop it to <body>).
    expectFocus(el, send);
    expect(send.getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ press: 'Enter' }); // a second press while busy sends nothing
    expect(calls).to.have.length(1);

    add.reject(problem('unavailable', 'The server is busy'));
    const alert = await until(() => dialog.querySelector<HTMLElement>('[role=alert]'));
    await until(() => focused(el) === alert);
    expect(send.hasAttribute('aria-disabled')).to.equal(false);
    // Tab goes on inside the modal dialog, to its first field.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('f-email');
    expect(dialog.contains(focused(el))).to.equal(true);
  });

  it('keeps focus on Save in the details dialog once the digest is saved', async () => {
    const saved = pending<unknown>();
    const notifications = {
      getFor: async () => ({ frequency: 'daily', isDefault: true }),
      setFor: () => saved.promise,
    } as unknown as PortalClient['notifications'];
    const el = await list({ clients: { get: async (id: string) => ({ ...CLIENTS.find((c) => c.id === id)!, permissions: [] }) } as never }, { notifications });
    $$(el, '[part=row-menu-button]')[0]!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=permissions]'))).click();
    const select = await until(() => $<HTMLSelectElement>(el, 'dialog #f-frequency'));
    select.value = 'weekly';
    const save = select.parentElement!.querySelector('button')!;
    save.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expectFocus(el, save);
    saved.resolve({ frequency: 'weekly', isDefault: false });
    await until(() => textOf($(el, 'dialog')!).includes('Saved.'));
    expectFocus(el, save);
  });

  it('Tab in a row menu closes it and goes on from the row; Shift+Tab goes back from it', async () => {
    const el = await list();
    const buttons = () => $$(el, '[part=row-menu-button]');
    buttons()[2]!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[role=menu]') && focused(el)?.getAttribute('role') === 'menuitem');
    await sendKeys({ press: 'Tab' });
    await until(() => !$(el, '[role=menu]'));
    expectFocus(el, buttons()[3]);

    buttons()[2]!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[role=menu]') && focused(el)?.getAttribute('role') === 'menuitem');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await until(() => !$(el, '[role=menu]'));
    expectFocus(el, buttons()[1]);
  });

  it('after "Try again", focus goes to what replaced the error, and an empty list is said', async () => {
    let fail = true;
    const el = await list({ clients: { list: async () => (fail ? Promise.reject(problem('unavailable', 'down')) : { items: [], nextCursor: null }) } as never });
    const retry = await until(() => $<HTMLButtonElement>(el, '.state.error button'));
    fail = false;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    const empty = await until(() => $(el, '.state.empty'));
    await until(() => focused(el) === empty);
    expect(textOf(region(el)!)).to.equal('No clients yet. Invite a client to share this project with them.');
    await expect(el).to.be.accessible();
  });

  it('after "Try again" with clients, focus goes to the list', async () => {
    let fail = true;
    const el = await list({ clients: { list: async () => (fail ? Promise.reject(problem('unavailable', 'down')) : { items: CLIENTS, nextCursor: null }) } as never });
    const retry = await until(() => $<HTMLButtonElement>(el, '.state.error button'));
    fail = false;
    retry.click();
    await until(() => focused(el)?.getAttribute('role') === 'list');
  });

  it('says how many clients a search or filter shows, in a polite region that is always there', async () => {
    const el = await list();
    const live = region(el)!;
    expect(textOf(live)).to.equal('');
    $<HTMLInputElement>(el, 'input[type=search]')!.focus();
    await sendKeys({ type: 'client1' });
    await until(() => textOf(live) === '11 clients shown');
    expect(region(el) === live, 'the same region').to.equal(true);
    await sendKeys({ type: '9' });
    await until(() => textOf(live) === '1 client shown');
    await sendKeys({ type: 'x' });
    await until(() => textOf(live) === 'No clients match your search.');
    // Said once: the message in place of the list is not a second live region.
    expect($$(el, '[role=status]').filter((n) => textOf(n).includes('No clients match'))).to.have.length(1);
  });

  it('says a search\'s count once typing pauses, not at each keystroke', async () => {
    const el = await list();
    const live = region(el)!;
    const said: string[] = [];
    const watch = new MutationObserver(() => said.push(textOf(live)));
    watch.observe(live, { childList: true, characterData: true, subtree: true });
    $<HTMLInputElement>(el, 'input[type=search]')!.focus();
    await sendKeys({ type: 'client1' });
    await until(() => textOf(live) === '11 clients shown');
    await new Promise((resolve) => setTimeout(resolve, 700));
    watch.disconnect();
    expect(said.filter(Boolean)).to.deep.equal(['11 clients shown']);
  });

  it('names only descriptions that exist: a field without a hint points at no hint', async () => {
    const el = await list();
    $(el, '[part=invite-button]')!.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    const described = [...dialog.querySelectorAll('[aria-describedby]')];
    expect(described.length).to.be.greaterThan(2);
    for (const node of described) {
      for (const id of node.getAttribute('aria-describedby')!.split(/\s+/)) expect(el.shadowRoot!.getElementById(id), `#${id} of ${node.id}`).to.not.equal(null);
    }
    expect($(el, '#f-name')!.getAttribute('aria-describedby')).to.equal('name-error');
  });

  it('stops the spinner and button transitions for a reduced-motion preference', async () => {
    const el = await list({ clients: { list: () => new Promise(() => {}) } as never });
    const spinner = await until(() => $(el, '.spinner'));
    expect(getComputedStyle(spinner).animationName).to.equal('spin');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(spinner).animationName).to.equal('none');
    expect(getComputedStyle($(el, '[part=invite-button]')!).transitionDuration).to.equal('0s');
  });

  it('draws field borders at 3:1 or more against the card (search, filter and dialog fields)', async () => {
    const el = await list();
    $(el, '[part=invite-button]')!.click();
    await until(() => $(el, 'dialog[open]'));
    for (const selector of ['input[type=search]', 'select', '#f-email']) {
      const field = $(el, selector)!;
      const surface = getComputedStyle(field.closest('dialog, .card')!).backgroundColor;
      expect(contrast(getComputedStyle(field).borderTopColor, surface), selector).to.be.at.least(3);
    }
  });
});
