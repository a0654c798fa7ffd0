import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import { $, $$, fakeClient, problem, textOf, until } from './support/helpers.js';

/**
 * Requests still out when the person moves on: a dialog's reply belongs to the dialog that sent
 * it (not to the one open when it comes), and a row's one-click action runs once at a time,
 * saying so on its row.
 */

const PROJECTS = [{ tenantId: 'acme', id: 'p0', name: '12 Maple Street' }];
const at = new Date('2026-09-01T10:00:00Z');
const person = (id: string, email: string, status: string) =>
  ({ id, tenantId: 'acme', email, name: '', roleId: 'client', projectIds: ['p0'], status, inviteDelivery: { state: 'sent', at } }) as unknown as Client;
const ELI = person('c-eli', 'eli@example.com', 'invited');

/** Replies held open until the test answers them, in the order the requests were made. */
function held<T>() {
  const calls: { input: unknown; resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const fake = (input?: unknown) => new Promise<T>((resolve, reject) => calls.push({ input, resolve, reject }));
  return { calls, fake };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const openDialog = (el: SgClientList) => $<HTMLDialogElement>(el, 'dialog[open]');
const email = (el: SgClientList) => $<HTMLInputElement>(el, '#f-email')!;
const send = (el: SgClientList) => $<HTMLButtonElement>(el, 'dialog button[type=submit]')!;
const live = (el: SgClientList) => $(el, '.live [role=status]')!;

async function list(clients: Parameters<typeof fakeClient>[0]['clients']): Promise<SgClientList> {
  const client = fakeClient({ projects: { list: async () => PROJECTS }, clients: { list: async () => ({ items: [ELI], nextCursor: null }), ...clients } });
  const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
  await until(() => $$(el, '.row').length);
  return el;
}

/** Opens "Invite client" and types an address, by keyboard, with the project ticked. */
async function inviteForm(el: SgClientList, address: string): Promise<void> {
  $(el, '[part=invite-button]')!.click();
  await until(() => openDialog(el));
  email(el).focus();
  await sendKeys({ type: address });
  $<HTMLInputElement>(el, 'input[name=projectIds]')!.checked = true;
}

/** The first invite sent and held, its dialog closed by Escape, a second one open with its address typed. */
async function secondFormWhileFirstSends() {
  const add = held<Client>();
  const el = await list({ add: add.fake as never });
  await inviteForm(el, 'first@example.com');
  send(el).click();
  await until(() => add.calls.length === 1);
  await sendKeys({ press: 'Escape' });
  await until(() => !openDialog(el));
  await inviteForm(el, 'second@example.com');
  return { add, el };
}

describe('sg-client-list: replies to dialogs that closed', () => {
  it('a reply closes only the dialog that sent it: the one open now keeps its typing and its busy state', async () => {
    const { add, el } = await secondFormWhileFirstSends();
    // This form has sent nothing yet.
    expect(send(el).hasAttribute('aria-disabled')).to.equal(false);
    send(el).click();
    await until(() => add.calls.length === 2);
    await el.updateComplete;
    expect(send(el).getAttribute('aria-disabled')).to.equal('true');

    add.calls[0]!.resolve(person('c1', 'first@example.com', 'invited'));
    await until(() => textOf(live(el)).includes('first@example.com was invited.'));
    await el.updateComplete;
    expect(openDialog(el), 'the second dialog stays open').to.not.equal(null);
    expect(email(el).value).to.equal('second@example.com');
    expect(send(el).getAttribute('aria-disabled'), 'the second invite is still out').to.equal('true');

    add.calls[1]!.resolve(person('c2', 'second@example.com', 'invited'));
    await until(() => !openDialog(el));
    await until(() => textOf(live(el)).includes('second@example.com was invited.'));
    expect(add.calls.map((c) => (c.input as { email: string }).email)).to.deep.equal(['first@example.com', 'second@example.com']);
  });

  it('a failure of a dialog closed meanwhile is said in the notice, not in the dialog open now', async () => {
    const { add, el } = await secondFormWhileFirstSends();

    add.calls[0]!.reject(problem('rate_limited'));
    const alert = await until(() => $(el, '.notice.error [role=alert]:not(dialog *)'));
    expect(textOf(alert)).to.contain('Too many attempts');
    const dialog = openDialog(el)!;
    expect(dialog).to.not.equal(null);
    expect(dialog.querySelector('[role=alert]')).to.equal(null);
    expect(email(el).value).to.equal('second@example.com');
    expect(send(el).hasAttribute('aria-disabled')).to.equal(false);
  });
});

describe('sg-client-list: one action at a time per row', () => {
  const chooseOn = async (el: SgClientList, action: string) => {
    $$(el, '[part=row-menu-button]')[0]!.click();
    (await until(() => $<HTMLElement>(el, `[role=menu] [data-action=${action}]`))).click();
  };

  it('"Resend invite" says "Sending…" on its row and politely, and a second choice before the answer sends nothing', async () => {
    const resend = held<Client>();
    const el = await list({ sendInvite: resend.fake as never });
    await chooseOn(el, 'invite');
    await until(() => resend.calls.length === 1);
    const row = $$(el, '.row')[0]!;
    await until(() => textOf(row).includes('Sending…'));
    expect($$(el, '.sr-only[role=status]').map((n) => textOf(n))).to.include('Sending…');

    await chooseOn(el, 'invite');
    await wait(100);
    expect(resend.calls, 'no second mail').to.have.length(1);

    resend.calls[0]!.resolve(ELI);
    await until(() => textOf(live(el)).includes('Invite sent to eli@example.com'));
    await el.updateComplete;
    expect(textOf($$(el, '.row')[0]!)).to.not.contain('Sending…');
    expect($$(el, '.sr-only[role=status]').map((n) => textOf(n))).to.not.include('Sending…');
    // Settled: it may be sent again.
    await chooseOn(el, 'invite');
    await until(() => resend.calls.length === 2);
    resend.calls[1]!.resolve(ELI);
  });

  it('"Archive" says "Saving…" and is not sent twice, and a failure lets it be tried again', async () => {
    const archive = held<Client>();
    const el = await list({ archive: archive.fake as never });
    await chooseOn(el, 'archive');
    await until(() => archive.calls.length === 1);
    await until(() => textOf($$(el, '.row')[0]!).includes('Saving…'));
    await chooseOn(el, 'archive');
    await wait(100);
    expect(archive.calls).to.have.length(1);
    archive.calls[0]!.reject(problem('storage_failed'));
    await until(() => $(el, '.notice.error [role=alert]'));
    expect(textOf($$(el, '.row')[0]!)).to.not.contain('Saving…');
    await chooseOn(el, 'archive');
    await until(() => archive.calls.length === 2);
    archive.calls[1]!.reject(problem('storage_failed'));
  });
});
