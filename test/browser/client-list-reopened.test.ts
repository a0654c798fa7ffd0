import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import type { Client, ClientDetails } from '../../src/model/client.js';
import type { NotificationPreference } from '../../src/model/notification.js';
import { $, $$, fakeClient, problem, textOf, until } from './support/helpers.js';

/**
 * A dialog closed while its request is out and opened again on the same client: the request
 * out is that client's, so the dialog shows it busy and sends nothing twice, then shows how it
 * went.
 */

const PROJECTS = [
  { tenantId: 'acme', id: 'p0', name: '12 Maple Street' },
  { tenantId: 'acme', id: 'p1', name: '4 Oak Lane' },
];
const ELI = { id: 'c-eli', tenantId: 'acme', email: 'eli@example.com', name: 'Eli', roleId: 'client', projectIds: ['p0'], status: 'active' } as unknown as Client;

/** Replies held open until the test answers them, in the order the requests were made. */
function held<T>() {
  const calls: { args: unknown[]; resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const fake = (...args: unknown[]) => new Promise<T>((resolve, reject) => calls.push({ args, resolve, reject }));
  return { calls, fake };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const openDialog = (el: SgClientList) => $<HTMLDialogElement>(el, 'dialog[open]');
const save = (el: SgClientList) => $<HTMLButtonElement>(el, 'dialog button[type=submit]')!;
const live = (el: SgClientList) => $(el, '.live [role=status]')!;

async function list(fakes: Parameters<typeof fakeClient>[0]['clients'], extra: Partial<PortalClient> = {}): Promise<SgClientList> {
  const client = {
    ...fakeClient({
      projects: { list: async () => PROJECTS },
      roles: { list: async () => [{ id: 'client', name: 'Client' }] as never },
      clients: { list: async () => ({ items: [ELI], nextCursor: null }), ...fakes },
    }),
    ...extra,
  } as PortalClient;
  const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
  await until(() => $$(el, '.row').length);
  return el;
}

/** Opens a dialog on the row from its menu. */
async function open(el: SgClientList, action: string): Promise<HTMLDialogElement> {
  $$(el, '[part=row-menu-button]')[0]!.click();
  (await until(() => $<HTMLElement>(el, `[role=menu] [data-action=${action}]`))).click();
  return until(() => openDialog(el));
}

/** The dialog's request sent and held, the dialog closed by Escape and opened again on the same client. */
async function reopenedWhileOut(el: SgClientList, action: string, send: (dialog: HTMLDialogElement) => void, calls: unknown[]): Promise<HTMLDialogElement> {
  send(await open(el, action));
  await until(() => calls.length === 1);
  await sendKeys({ press: 'Escape' });
  await until(() => !openDialog(el));
  return open(el, action);
}

/** "Edit details" renaming Eli, sent and held, then opened again on him. */
const renamedAndReopened = (el: SgClientList, calls: unknown[]) =>
  reopenedWhileOut(
    el,
    'edit',
    (d) => {
      d.querySelector<HTMLInputElement>('#f-name')!.value = 'Eli Stone';
      save(el).click();
    },
    calls,
  );

const isBusy = (button: HTMLButtonElement) => button.getAttribute('aria-disabled') === 'true' && textOf(button) === 'Saving…';

describe('sg-client-list: a dialog opened again while its client’s request is out', () => {
  it('"Edit details" shows the save out, sends nothing twice, and closes with its outcome', async () => {
    const update = held<Client>();
    const el = await list({ update: update.fake as never });
    const dialog = await renamedAndReopened(el, update.calls);
    await el.updateComplete;
    expect(isBusy(save(el)), 'Save is busy with the first save').to.equal(true);
    expect(textOf($$(el, '.row')[0]!)).to.contain('Saving…');

    save(el).click();
    dialog.querySelector('form')!.requestSubmit();
    await wait(100);
    expect(update.calls, 'no second save').to.have.length(1);
    expect(update.calls[0]!.args).to.deep.equal(['c-eli', { name: 'Eli Stone' }]);

    update.calls[0]!.resolve({ ...ELI, name: 'Eli Stone' });
    await until(() => !openDialog(el));
    await until(() => textOf(live(el)).includes('Details saved for Eli Stone.'));
    expect(textOf($$(el, '.row')[0]!)).to.not.contain('Saving…');

    // Answered: opened again, it shows the saved name and may save again.
    const again = await open(el, 'edit');
    expect(again.querySelector<HTMLInputElement>('#f-name')!.value).to.equal('Eli Stone');
    expect(save(el).hasAttribute('aria-disabled')).to.equal(false);
    expect(textOf(save(el))).to.equal('Save');
  });

  it('a failed save is said in the dialog opened again, which may then send it again', async () => {
    const update = held<Client>();
    const el = await list({ update: update.fake as never });
    const dialog = await renamedAndReopened(el, update.calls);
    update.calls[0]!.reject(problem('rate_limited'));
    const alert = await until(() => dialog.querySelector('[role=alert]'));
    expect(textOf(alert)).to.contain('Too many attempts');
    expect(openDialog(el)).to.equal(dialog);
    expect(save(el).hasAttribute('aria-disabled')).to.equal(false);

    dialog.querySelector<HTMLInputElement>('#f-name')!.value = 'Eli Stone';
    save(el).click();
    await until(() => update.calls.length === 2);
    update.calls[1]!.resolve({ ...ELI, name: 'Eli Stone' });
    await until(() => !openDialog(el));
  });

  it('"Project access" shows the save out and sends nothing twice; another dialog on that client waits and then shows the saved access', async () => {
    const setProjects = held<Client>();
    const el = await list({ setProjects: setProjects.fake as never });
    const tick = (d: HTMLDialogElement) => {
      d.querySelector<HTMLInputElement>('input[value=p1]')!.checked = true;
      save(el).click();
    };
    await reopenedWhileOut(el, 'projects', tick, setProjects.calls);
    await el.updateComplete;
    expect(isBusy(save(el))).to.equal(true);
    save(el).click();
    await wait(100);
    expect(setProjects.calls).to.have.length(1);

    // Edit details on the same client waits for the access save too, then shows the client as saved.
    await sendKeys({ press: 'Escape' });
    await until(() => !openDialog(el));
    const edit = await open(el, 'edit');
    await el.updateComplete;
    expect(isBusy(save(el))).to.equal(true);
    setProjects.calls[0]!.resolve({ ...ELI, name: 'Eli Stone', projectIds: ['p0', 'p1'] });
    await until(() => textOf(live(el)).includes('Project access updated'));
    await el.updateComplete;
    expect(openDialog(el), 'another dialog stays open').to.equal(edit);
    expect(edit.querySelector<HTMLInputElement>('#f-name')!.value).to.equal('Eli Stone');
    expect(save(el).hasAttribute('aria-disabled')).to.equal(false);
  });

  it('the email digest in "Show permissions" shows the save out, sends nothing twice, and then "Saved."', async () => {
    const setFor = held<NotificationPreference>();
    const details = { ...ELI, permissions: [] } as unknown as ClientDetails;
    const el = await list(
      { get: async () => details },
      { notifications: { getFor: async () => ({ frequency: 'weekly', isDefault: true }), setFor: setFor.fake } as never },
    );
    const digestSave = (d: HTMLDialogElement) => d.querySelector<HTMLButtonElement>('.digest button')!;
    const choose = async (d: HTMLDialogElement) => {
      const select = await until(() => d.querySelector<HTMLSelectElement>('#f-frequency'));
      select.value = 'daily';
      digestSave(d).click();
    };
    const first = await open(el, 'permissions');
    await choose(first);
    await until(() => setFor.calls.length === 1);
    await sendKeys({ press: 'Escape' });
    await until(() => !openDialog(el));
    const dialog = await open(el, 'permissions');
    const button = await until(() => dialog.querySelector<HTMLButtonElement>('.digest button'));
    await el.updateComplete;
    expect(isBusy(button)).to.equal(true);
    button.click();
    await wait(100);
    expect(setFor.calls).to.have.length(1);

    setFor.calls[0]!.resolve({ frequency: 'daily', isDefault: false, tenantDefault: 'weekly' });
    await until(() => textOf(dialog).includes('Saved.'));
    expect(dialog.querySelector<HTMLSelectElement>('#f-frequency')!.value).to.equal('daily');
    expect(digestSave(dialog).hasAttribute('aria-disabled')).to.equal(false);
  });
});
