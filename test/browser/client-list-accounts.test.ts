import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, shots, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

/** The account actions of the row menu, against the real core behind msw. */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));

async function listed(): Promise<SgClientList> {
  const el = await fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`);
  await until(() => rowOf(el, 'dana@example.com'));
  return el;
}

/** Opens the row's menu with the arrow key and moves down to `label`. */
async function menuItemByKeyboard(el: SgClientList, email: string, label: string): Promise<void> {
  rowOf(el, email)!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.focus();
  await sendKeys({ press: 'ArrowDown' });
  await until(() => $(el, '[role=menu]'));
  for (let i = 0; i < 10 && el.shadowRoot!.activeElement?.textContent?.trim() !== label; i++) await sendKeys({ press: 'ArrowDown' });
  expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal(label);
}

const menuLabels = (el: SgClientList) => $$(el, '[role=menuitem]').map((b) => b.textContent!.trim());
const notice = (el: SgClientList) => $(el, '.live')!.textContent ?? '';

describe('sg-client-list account actions (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('shows when a pending invite was sent and until when it works', async () => {
    const el = await listed();
    expect(textOf(rowOf(el, 'eli@example.com')!)).to.match(/Sent .+ · expires .+|Expires .+/);
    // Gus's invite has run out: its date is said in the past tense.
    expect(textOf(rowOf(el, 'gus@example.com')!)).to.match(/Sent .+ · expired .+|Expired .+/);
    expect(textOf(rowOf(el, 'dana@example.com')!)).to.not.match(/xpires/);
  });

  it('corrects a mistyped email of an invited client by keyboard: the new address gets a working link, the old one dies', async () => {
    const el = await listed();
    const oldToken = mock.inviteToken('eli@example.com')!;
    await menuItemByKeyboard(el, 'eli@example.com', 'Edit details');
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    await until(() => dialog.querySelectorAll('#f-roleId option').length > 0);
    expect(dialog.querySelector<HTMLInputElement>('#f-email')!.value).to.equal('eli@example.com');
    expect(dialog.querySelector<HTMLInputElement>('#f-name')!.value).to.equal('Eli Invited');
    // The server's limits, so typing stops there rather than a refusal after sending.
    expect(dialog.querySelector<HTMLInputElement>('#f-name')!.maxLength).to.equal(200);
    expect(dialog.querySelector<HTMLInputElement>('#f-email')!.maxLength).to.equal(254);
    await expect(el).to.be.accessible();
    await shots('client-list-edit', dialog);
    const email = dialog.querySelector<HTMLInputElement>('#f-email')!;
    email.focus();
    email.select();
    await sendKeys({ type: 'eli.new@example.com' });
    await sendKeys({ press: 'Enter' });
    await until(() => notice(el).includes('Invite sent to eli.new@example.com'));
    expect($(el, 'dialog[open]')).to.equal(null);
    expect(textOf(rowOf(el, 'eli.new@example.com')!)).to.contain('Invited');
    const newToken = await until(() => mock.inviteToken('eli.new@example.com'));
    const api = staffClient();
    expect((await api.invites.inspect(newToken)).status).to.equal('pending');
    expect((await api.invites.inspect(oldToken)).status).to.not.equal('pending');
  });

  it('a corrected email of an active client waits for confirmation, and the list says so', async () => {
    const el = await listed();
    await menuItemByKeyboard(el, 'dana@example.com', 'Edit details');
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    await until(() => dialog.querySelectorAll('#f-roleId option').length > 0);
    dialog.querySelector<HTMLInputElement>('#f-email')!.value = 'dana.new@example.com';
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => notice(el).includes('A confirmation link was sent to dana.new@example.com. Until it is confirmed, Dana Client cannot sign in.'));
    expect(textOf(rowOf(el, 'Dana Client')!)).to.contain('Waiting for dana.new@example.com to be confirmed');
    expect(mock.accountLinkToken('dana.new@example.com', 'confirm-email')).to.be.a('string');
    await expect(el).to.be.accessible();
    await shots('client-list-email-pending', el);
  });

  it('with a change of address waiting, the dialog holds the new address: saved alone it sends a new link, the address in use withdraws it', async () => {
    const dana = (await staffClient().clients.list({ q: 'dana@example.com' } as never)).items[0]!;
    await staffClient().clients.update(dana.id, { email: 'dana.new@example.com' });
    const firstLink = await until(() => mock.accountLinkToken('dana.new@example.com', 'confirm-email'));
    const el = await listed();
    const openEdit = async () => {
      await until(() => textOf(rowOf(el, 'Dana Client')!).includes('Waiting for dana.new@example.com to be confirmed'));
      await menuItemByKeyboard(el, 'dana@example.com', 'Edit details');
      await sendKeys({ press: 'Enter' });
      const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
      await until(() => dialog.querySelectorAll('#f-roleId option').length > 0);
      return dialog;
    };
    let dialog = await openEdit();
    expect(dialog.querySelector<HTMLInputElement>('#f-email')!.value).to.equal('dana.new@example.com');
    expect(textOf(dialog)).to.contain('dana.new@example.com waits for confirmation. Save it unchanged to send a new link, or enter dana@example.com, the address in use, to withdraw the change.');
    await expect(el).to.be.accessible();
    await shots('client-list-edit-email-pending', dialog);
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => notice(el).includes('A confirmation link was sent to dana.new@example.com.'));
    const secondLink = await until(() => (mock.accountLinkToken('dana.new@example.com', 'confirm-email') !== firstLink ? mock.accountLinkToken('dana.new@example.com', 'confirm-email') : undefined));
    expect(secondLink).to.be.a('string');

    dialog = await openEdit();
    dialog.querySelector<HTMLInputElement>('#f-email')!.value = 'dana@example.com';
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => !$(el, 'dialog[open]') && !textOf(rowOf(el, 'Dana Client')!).includes('Waiting for'));
    expect((await staffClient().clients.get(dana.id)).pendingEmail).to.equal(undefined);
  });

  it('refuses an address another client has, next to the field, and changes nothing', async () => {
    const el = await listed();
    await menuItemByKeyboard(el, 'eli@example.com', 'Edit details');
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    dialog.querySelector<HTMLInputElement>('#f-email')!.value = 'dana@example.com';
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => dialog.querySelector('#f-email[aria-invalid=true]'));
    expect(dialog.querySelector('#email-error')!.textContent).to.contain('Another client already uses this email');
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-email');
    await expect(el).to.be.accessible();
    await shots('client-list-edit-taken', dialog);
    const eli = (await staffClient().clients.list({ q: 'eli' } as never)).items.find((c) => c.name === 'Eli Invited');
    expect(eli?.email).to.equal('eli@example.com');
  });

  it('sends a password reset to an active client only', async () => {
    const el = await listed();
    rowOf(el, 'eli@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    await until(() => $(el, '[role=menu]'));
    expect(menuLabels(el)).to.not.include('Send password reset');
    await sendKeys({ press: 'Escape' });
    await menuItemByKeyboard(el, 'dana@example.com', 'Send password reset');
    await expect(el).to.be.accessible();
    await shots('client-list-menu-active', el);
    await sendKeys({ press: 'Enter' });
    await until(() => notice(el).includes('Password reset link sent to dana@example.com'));
    expect(mock.accountLinkToken('dana@example.com', 'password-reset')).to.be.a('string');
  });

  it('archives a client out of the list, finds it under "Archived" and restores it', async () => {
    const el = await listed();
    await menuItemByKeyboard(el, 'dana@example.com', 'Archive');
    await sendKeys({ press: 'Enter' });
    await until(() => notice(el).includes('Dana Client was archived'));
    expect(rowOf(el, 'dana@example.com')).to.equal(undefined);

    const select = $<HTMLSelectElement>(el, 'select')!;
    expect([...select.options].map((o) => o.textContent)).to.include('Archived');
    select.value = 'archived';
    select.dispatchEvent(new Event('change'));
    await until(() => rowOf(el, 'dana@example.com'));
    expect($$(el, '.row')).to.have.length(1);
    expect(rowOf(el, 'dana@example.com')!.querySelector('[part=badge]')!.textContent).to.equal('Archived');
    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => $(el, '[role=menu]'));
    expect(menuLabels(el)).to.deep.equal(['Restore']);
    await expect(el).to.be.accessible();
    await shots('client-list-archived', el);
    await sendKeys({ press: 'Enter' });
    await until(() => notice(el).includes('Dana Client was restored'));
    expect(rowOf(el, 'dana@example.com')).to.equal(undefined);

    select.value = '';
    select.dispatchEvent(new Event('change'));
    await until(() => rowOf(el, 'dana@example.com'));
    expect(rowOf(el, 'dana@example.com')!.querySelector('[part=badge]')!.textContent).to.equal('Disabled');
  });

  it('says "already a client — project added" when the invited email is a client', async () => {
    const el = await listed();
    $(el, '[part=invite-button]')!.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    dialog.querySelector<HTMLInputElement>('#f-email')!.value = 'dana@example.com';
    const oak = [...dialog.querySelectorAll<HTMLInputElement>('input[name=projectIds]')].find((c) => c.value === 'p-oak')!;
    oak.checked = true;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => notice(el).includes('dana@example.com is already a client — project added.'));
    expect(textOf(rowOf(el, 'dana@example.com')!)).to.contain('Oak');
  });
});
