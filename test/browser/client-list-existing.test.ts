import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import { createPortalClient } from '../../src/client/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, nodeName, textOf, until } from './support/helpers.js';
import { BASE, startMocks } from './support/mocks.js';

/**
 * Inviting an address that is already a client says what still keeps an archived or disabled one
 * out, and "Update project access" saved with no project ticked asks first, as "Revoke access to
 * all projects" does. Against the real core behind msw, every request the list sends recorded.
 */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));
/** The success notice's words (without its dismiss button). */
const notice = (el: SgClientList) => textOf($(el, '.live .notice > span') ?? document.createElement('span'));
const focused = (el: SgClientList) => el.shadowRoot!.activeElement;
const expectFocus = (el: SgClientList, node: Element | null | undefined) => expect(nodeName(focused(el))).to.equal(nodeName(node));
const boxes = (el: SgClientList) => $$<HTMLInputElement>(el, 'dialog input[name=projectIds]');
const ticked = (el: SgClientList) => boxes(el).filter((b) => b.checked).map((b) => b.value);

/** The requests that change something (not GET), as `METHOD /path body`. */
let sent: string[] = [];

async function listed(): Promise<SgClientList> {
  const watched: typeof fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (request.method !== 'GET') sent.push(`${request.method} ${new URL(request.url).pathname} ${await request.clone().text()}`);
    return fetch(request);
  };
  const client = createPortalClient({ baseUrl: BASE, fetch: watched, keepSessionToken: false });
  const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
  await until(() => rowOf(el, 'eli@example.com'));
  return el;
}

/** Invites `email` to 4 Oak Lane through the invite dialog and waits for the notice. */
async function invite(el: SgClientList, email: string): Promise<string> {
  $(el, '[part=invite-button]')!.click();
  const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
  dialog.querySelector<HTMLInputElement>('#f-email')!.value = email;
  [...dialog.querySelectorAll<HTMLInputElement>('input[name=projectIds]')].find((c) => c.value === 'p-oak')!.checked = true;
  dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await until(() => !dialog.open && notice(el));
  expect(sent.map((s) => s.split(' ').slice(0, 2).join(' '))).to.deep.equal(['POST /api/portal/clients']);
  return notice(el);
}

/** Opens the row's menu with the arrow key, moves down to `label` and chooses it. */
async function choose(el: SgClientList, email: string, label: string): Promise<void> {
  rowOf(el, email)!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.focus();
  await sendKeys({ press: 'ArrowDown' });
  await until(() => $(el, '[role=menu]'));
  for (let i = 0; i < 10 && focused(el)?.textContent?.trim() !== label; i++) await sendKeys({ press: 'ArrowDown' });
  expect(focused(el)?.textContent?.trim()).to.equal(label);
  await sendKeys({ press: 'Enter' });
}

describe('sg-client-list: inviting an existing client (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    sent = [];
  });

  it('an archived client: says they stay archived, and how to give access (Restore, then Enable portal access)', async () => {
    const dana = (await mock.storage.getClientByEmail('acme', 'dana@example.com'))!;
    await mock.portal.clients.archive(mock.staff!, dana.id);
    const el = await listed();
    expect(await invite(el, 'dana@example.com')).to.equal(
      'dana@example.com is archived. Project added, but they see nothing until you restore them and enable portal access.',
    );
    // The server added the project and left the client archived (out of this list).
    const after = (await mock.storage.getClientByEmail('acme', 'dana@example.com'))!;
    expect(after.projectIds).to.include('p-oak');
    expect(after.archivedAt).to.be.instanceOf(Date);
    expect(rowOf(el, 'dana@example.com')).to.equal(undefined);
    expect($(el, '[role=alert]')).to.equal(null);
  });

  it('a client with portal access off: says they cannot sign in until Enable portal access', async () => {
    const el = await listed();
    expect(await invite(el, 'hal@example.com')).to.equal(
      'hal@example.com has portal access off. Project added, but they cannot sign in until you enable portal access.',
    );
    expect(textOf(rowOf(el, 'hal@example.com')!)).to.contain('Oak');
    expect(rowOf(el, 'hal@example.com')!.querySelector('[part=badge]')!.textContent).to.equal('Disabled');
  });

  it('an active client: still "already a client — project added"', async () => {
    const el = await listed();
    expect(await invite(el, 'dana@example.com')).to.equal('dana@example.com is already a client — project added.');
  });

  it('an address another client is confirming: said beside the field, in the list\'s words, and nothing added', async () => {
    const dana = (await mock.storage.getClientByEmail('acme', 'dana@example.com'))!;
    await mock.portal.clients.update(mock.staff!, dana.id, { email: 'dana.new@example.com' });
    const el = await listed();
    $(el, '[part=invite-button]')!.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    dialog.querySelector<HTMLInputElement>('#f-email')!.value = 'dana.new@example.com';
    [...dialog.querySelectorAll<HTMLInputElement>('input[name=projectIds]')].find((c) => c.value === 'p-oak')!.checked = true;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const error = dialog.querySelector('#email-error')!;
    await until(() => textOf(error));
    expect(textOf(error)).to.equal('Another client is confirming this email as their new address.');
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('#f-email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(await mock.storage.getClientByEmail('acme', 'dana.new@example.com')).to.equal(null);
  });

  it('a new address refused for another reason (archived meanwhile) is not said as an address another client has', async () => {
    const el = await listed();
    const dana = (await mock.storage.getClientByEmail('acme', 'dana@example.com'))!;
    await mock.portal.clients.archive(mock.staff!, dana.id);
    await choose(el, 'dana@example.com', 'Edit details');
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    dialog.querySelector<HTMLInputElement>('#f-email')!.value = 'dana.new@example.com';
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => textOf(dialog).includes('That changed in the meantime'));
    expect(textOf(dialog.querySelector('#email-error')!)).to.equal('');
    expect(dialog.open).to.equal(true);
  });

  it('an active client who already had every project chosen: nothing changed, and it says so', async () => {
    const el = await listed();
    await invite(el, 'dana@example.com');
    sent = [];
    expect(await invite(el, 'dana@example.com')).to.equal('dana@example.com is already a client of the projects you chose. Nothing changed.');
  });
});

describe('sg-client-list: project access saved with no project ticked (msw mocks)', () => {
  beforeEach(async () => {
    await startMocks();
    sent = [];
  });

  /** Opens Dana's "Update project access", unticks both her projects and saves by keyboard. */
  async function saveNone(el: SgClientList): Promise<HTMLDialogElement> {
    await choose(el, 'dana@example.com', 'Update project access');
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    await until(() => boxes(el).length);
    expect(ticked(el)).to.deep.equal(['p-maple', 'p-harbor']);
    for (const box of boxes(el)) box.checked = false;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(dialog).includes('Revoke access?'));
    return dialog;
  }

  it('asks as "Revoke access to all projects" does, with focus on Cancel; Cancel and Escape go back to the boxes and send nothing', async () => {
    const el = await listed();
    const dialog = await saveNone(el);
    expect(textOf(dialog)).to.contain('Dana Client will no longer see any project. Their account and history are kept.');
    expect(textOf(dialog.querySelector('button[type=submit]')!)).to.equal('Revoke access');
    expect(dialog.querySelector('button[type=submit]')!.classList.contains('danger')).to.equal(true);
    const cancel = [...dialog.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel')!;
    await until(() => focused(el) === cancel);
    expect(dialog.open).to.equal(true);
    await expect(el).to.be.accessible();
    expect(sent).to.deep.equal([]);

    // Cancel: back to the boxes, unticked as they were, focus on the first; nothing sent.
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(dialog).includes('Project access for Dana Client'));
    expect(textOf(dialog)).to.not.contain('Revoke access?');
    expect(dialog.open).to.equal(true);
    expect(ticked(el)).to.deep.equal([]);
    await until(() => focused(el) === boxes(el)[0]);
    expect(sent).to.deep.equal([]);

    // Escape in the confirmation does the same.
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(dialog).includes('Revoke access?'));
    await until(() => focused(el) === cancel);
    await sendKeys({ press: 'Escape' });
    await until(() => textOf(dialog).includes('Project access for Dana Client'));
    expect(dialog.open).to.equal(true);
    expect(ticked(el)).to.deep.equal([]);

    // A box ticked again saves without asking.
    boxes(el)[1]!.checked = true;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => !dialog.open);
    expect(sent).to.have.length(1);
    expect(sent[0]).to.match(/^PUT \/api\/portal\/clients\/[^/]+\/projects /);
    expect(JSON.parse(sent[0]!.split(' ').slice(2).join(' '))).to.deep.equal({ projectIds: ['p-harbor'] });
  });

  it('sends PUT …/projects with no projects once confirmed, then closes and gives focus back to the row', async () => {
    const el = await listed();
    const revoked: CustomEvent[] = [];
    el.addEventListener('sg-access-revoked', (e) => revoked.push(e as CustomEvent));
    const dialog = await saveNone(el);
    expect(sent).to.deep.equal([]);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.textContent?.trim()).to.equal('Revoke access');
    await sendKeys({ press: 'Enter' });
    await until(() => !dialog.open);
    expect(sent).to.have.length(1);
    expect(sent[0]).to.match(/^PUT \/api\/portal\/clients\/[^/]+\/projects /);
    expect(JSON.parse(sent[0]!.split(' ').slice(2).join(' '))).to.deep.equal({ projectIds: [] });
    await until(() => textOf(rowOf(el, 'dana@example.com')!).includes('No project access'));
    expect(revoked[0]!.detail.projectIds).to.deep.equal(['p-maple', 'p-harbor']);
    expectFocus(el, rowOf(el, 'dana@example.com')!.querySelector('[aria-haspopup=menu]'));
  });
});
