import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import type { Feed, OpenedResource } from '../../src/model/feed.js';
import type { ApprovalView } from '../../src/model/approval.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

/** A promise the test settles when it chooses: a slow network, under control. */
function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

/** Lets a late reply land and the element render what it did with it. */
async function settled(el: SgPortalView): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  await el.updateComplete;
}

const at = new Date('2026-01-05T09:00:00Z');
const maple = { tenantId: 't', id: 'p-maple', name: 'Maple Street' };
const harbor = { tenantId: 't', id: 'p-harbor', name: 'Harbor View' };
/** Both projects have a folder `documents/d-contracts`. */
const contracts = (projectId: string) => ({ tenantId: 't', projectId, module: 'documents', id: 'd-contracts', kind: 'folder', name: 'Contracts', updatedAt: at });
const file = (projectId: string, name: string) => ({ tenantId: 't', projectId, module: 'documents', id: name, kind: 'item', name, updatedAt: at });
const feedOf = (project: typeof maple, ...extra: ReturnType<typeof file>[]) => ({ project, modules: { documents: [contracts(project.id), ...extra] } }) as unknown as Feed;
const opened = (projectId: string, name: string) => ({ resource: contracts(projectId), children: [file(projectId, name)] }) as unknown as OpenedResource;

const documents = (el: SgPortalView) => $(el, 'section[data-module=documents]');
const folderButton = (el: SgPortalView) => documents(el)?.querySelector<HTMLButtonElement>('.disclosure') ?? null;
const heading = (el: SgPortalView) => $(el, 'h2')?.textContent ?? '';

describe('sg-portal-view: slow replies and changed sessions', () => {
  it('never shows a folder’s late reply from the project left under the new one', async () => {
    const slow = later<OpenedResource>();
    const client = fakeClient({
      view: {
        projects: async () => [maple, harbor],
        feed: async (id) => feedOf(id === 'p-maple' ? maple : harbor),
        open: (projectId) => (projectId === 'p-maple' ? slow.promise : Promise.resolve(opened('p-harbor', 'Harbor lease.pdf'))),
      },
    });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    (await until(() => folderButton(el))).click();
    await until(() => textOf(documents(el)!).includes('Loading'));
    el.projectId = 'p-harbor';
    await until(() => heading(el) === 'Harbor View' && folderButton(el));
    slow.resolve(opened('p-maple', 'Maple lease.pdf'));
    await settled(el);
    expect(textOf(documents(el)!)).to.not.contain('Maple lease.pdf');
    expect(folderButton(el)!.getAttribute('aria-expanded')).to.equal('false');
    // Harbor's own folder of the same id opens with its own files.
    folderButton(el)!.click();
    await until(() => textOf(documents(el)!).includes('Harbor lease.pdf'));
    expect(textOf(documents(el)!)).to.not.contain('Maple lease.pdf');
  });

  it('keeps a folder closed while loading closed when its reply comes', async () => {
    const slow = later<OpenedResource>();
    const client = fakeClient({ view: { projects: async () => [maple], feed: async () => feedOf(maple), open: () => slow.promise } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    const button = await until(() => folderButton(el));
    button.click();
    await until(() => button.getAttribute('aria-expanded') === 'true');
    button.click();
    await until(() => button.getAttribute('aria-expanded') === 'false');
    slow.resolve(opened('p-maple', 'Maple lease.pdf'));
    await settled(el);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(textOf(documents(el)!)).to.not.contain('Maple lease.pdf');
  });

  it('drops the projects of a client replaced while they load', async () => {
    const slow = later<(typeof maple)[]>();
    const old = fakeClient({ view: { projects: () => slow.promise, feed: async () => feedOf(maple, file('p-maple', 'Old account.pdf')) } });
    const now = fakeClient({ view: { projects: async () => [harbor], feed: async () => feedOf(harbor, file('p-harbor', 'New account.pdf')) } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${old}></sg-portal-view>`);
    el.client = now; // the provider's base-url changed, or another account signed in
    await until(() => textOf(el).includes('New account.pdf'));
    slow.resolve([maple]);
    await settled(el);
    expect(heading(el)).to.equal('Harbor View');
    expect(el.projectId).to.equal('p-harbor');
    expect(textOf(el)).to.contain('New account.pdf');
    expect(textOf(el)).to.not.contain('Old account.pdf');
  });

  it('drops the feed of a client replaced while it loads, for the same project', async () => {
    const slow = later<Feed>();
    const old = fakeClient({ view: { projects: async () => [maple], feed: () => slow.promise } });
    const now = fakeClient({ view: { projects: async () => [maple], feed: async () => feedOf(maple, file('p-maple', 'New account.pdf')) } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${old}></sg-portal-view>`);
    await new Promise((r) => setTimeout(r, 20)); // the old client's feed is asked for
    el.client = now;
    await until(() => textOf(el).includes('New account.pdf'));
    slow.resolve(feedOf(maple, file('p-maple', 'Old account.pdf')));
    await settled(el);
    expect(textOf(el)).to.contain('New account.pdf');
    expect(textOf(el)).to.not.contain('Old account.pdf');
  });

  it('does not show a failed approvals load of the project left under the new one', async () => {
    const slow = later<ApprovalView[]>();
    const client = fakeClient({
      view: { projects: async () => [maple, harbor], feed: async (id) => feedOf(id === 'p-maple' ? maple : harbor) },
      approvals: { listMine: (projectId) => (projectId === 'p-maple' ? slow.promise : Promise.resolve([])) },
    });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => folderButton(el));
    el.projectId = 'p-harbor';
    await until(() => heading(el) === 'Harbor View' && folderButton(el));
    slow.reject(Object.assign(problem('internal'), { status: 500 }));
    await settled(el);
    expect(nodeName($(el, '[part=waiting]'))).to.equal('(nothing)');
    expect(textOf(el)).to.not.contain('Something went wrong');
  });
});

const card = (el: SgPortalView, name: string) => $$(el, '[part=approval]').find((c) => textOf(c).includes(name));
const button = (root: Element, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b).startsWith(text))!;
const confirmDialog = (el: SgPortalView) => $<HTMLDialogElement>(el, 'dialog.confirm')!;
const note = (el: SgPortalView) => confirmDialog(el).querySelector('textarea')!;

describe('sg-portal-view: deciding while the network is slow or the session changed (msw mocks, real core)', () => {
  let mock: MockPortal;
  let ids: Awaited<ReturnType<typeof approvalsSetup>>;
  beforeEach(async () => {
    mock = await startMocks();
    ids = await approvalsSetup(mock);
  });

  /** Dana's client, whose decisions wait for `gate` before they are sent. */
  async function slowDecisions(gate: Promise<unknown>): Promise<PortalClient> {
    const dana = await clientAs(mock, 'dana@example.com');
    const decide: PortalClient['approvals']['decide'] = async (...args) => {
      await gate;
      return dana.approvals.decide(...args);
    };
    return { ...dana, approvals: { ...dana.approvals, decide } };
  }

  /** Opens Decline on `name`'s card, and confirms it by keyboard (a key press, as a person does). */
  async function declineSent(el: SgPortalView, name: string): Promise<void> {
    button((await until(() => card(el, name)))!, 'Decline').click();
    await until(() => confirmDialog(el).open);
    button(confirmDialog(el), 'Decline').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => button(confirmDialog(el), 'Decline').getAttribute('aria-disabled') === 'true');
  }

  async function escapeTwice(el: SgPortalView): Promise<void> {
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await until(() => !confirmDialog(el).open);
    await settled(el);
  }

  it('does not decide as another client signed in in another tab, and keeps the note', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'any' });
    const dana = await clientAs(mock, 'dana@example.com');
    const eli = await clientAs(mock, 'eli@example.com');
    // One client object, as a page has: its session is the cookie, which another tab can replace.
    let session = dana;
    const client = new Proxy(dana, { get: (_, key) => Reflect.get(session, key) });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    button((await until(() => card(el, 'CO-1')))!, 'Approve').click();
    await until(() => confirmDialog(el).open);
    await sendKeys({ type: 'Fine by us' });
    session = eli; // in another tab, Dana signed out and Eli signed in
    button(confirmDialog(el), 'Approve').click();
    const alert = await until(() => confirmDialog(el).querySelector('[role=alert]'));
    expect(textOf(alert)).to.equal('You are now signed in as eli@example.com in another tab or window. Reload this page to continue.');
    expect(confirmDialog(el).open).to.equal(true);
    expect(note(el).value).to.equal('Fine by us');
    const [approval] = await staffClient().approvals.list('p-maple', { module: 'changeOrders' });
    expect(approval!.decisions).to.deep.equal([]);
    expect(textOf(card(el, 'CO-1')!)).to.not.contain('You approved this');
  });

  it('keeps the dialog while its decision is sent: Escape and Cancel do not pretend to cancel it', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const gate = later<void>();
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await slowDecisions(gate.promise)}></sg-portal-view>`);
    await declineSent(el, 'CO-1');
    await sendKeys({ press: 'Escape' });
    await settled(el);
    expect(confirmDialog(el).open, 'open after Escape').to.equal(true);
    button(confirmDialog(el), 'Cancel').click();
    await settled(el);
    expect(confirmDialog(el).open, 'open after Cancel').to.equal(true);
    gate.resolve();
    await until(() => !confirmDialog(el).open && textOf(card(el, 'CO-1')!).includes('You declined this'));
  });

  /**
   * CO-1 declined and its decision held at `gate`; its dialog closed by Escape twice (Chromium
   * lets a page hold off only the first Escape after a user action); then Kitchen tile's Decline
   * dialog open with "Too dark" typed.
   */
  async function secondDialogWhileFirstSends() {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    await staffClient().approvals.request('p-maple', { module: 'selections', id: 'sel-tile', approvers: [ids.dana], mode: 'any' });
    const gate = later<void>();
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await slowDecisions(gate.promise)}></sg-portal-view>`);
    await declineSent(el, 'CO-1');
    await escapeTwice(el);
    button(card(el, 'Kitchen tile')!, 'Decline').click();
    await until(() => confirmDialog(el).open && textOf(confirmDialog(el)).includes('Decline Kitchen tile?'));
    await sendKeys({ type: 'Too dark' });
    return { el, gate };
  }

  it('shows a decision of a dialog closed while sending on its own card, never in the next dialog', async () => {
    const { el, gate } = await secondDialogWhileFirstSends();
    gate.resolve();
    await until(() => textOf(card(el, 'CO-1')!).includes('You declined this'));
    await settled(el);
    expect(confirmDialog(el).open).to.equal(true);
    expect(textOf(confirmDialog(el))).to.contain('Decline Kitchen tile?');
    expect(note(el).value).to.equal('Too dark');
    expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(note(el)));
  });

  it('says on its card why the decision of a dialog closed while sending failed', async () => {
    const { el, gate } = await secondDialogWhileFirstSends();
    gate.reject(Object.assign(problem('busy'), { status: 503 }));
    const alert = await until(() => card(el, 'CO-1')!.querySelector('[role=alert]'));
    expect(textOf(alert)).to.equal('The server is busy. Try again in a moment.');
    expect(!!button(card(el, 'CO-1')!, 'Decline')).to.equal(true); // it can be decided again
    expect(confirmDialog(el).open).to.equal(true);
    expect(nodeName(confirmDialog(el).querySelector('[role=alert]'))).to.equal('(nothing)');
    expect(note(el).value).to.equal('Too dark');
  });
});

describe('sg-portal-view: one load of the project shown', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  const cases = [
    { name: 'the first project, without project-id (sync-hash)', view: (client: PortalClient) => html`<sg-portal-view sync-hash .client=${client}></sg-portal-view>` },
    { name: 'the first project, for a project-id the client no longer has', view: (client: PortalClient) => html`<sg-portal-view project-id="p-gone" .client=${client}></sg-portal-view>` },
    { name: 'the project of project-id', view: (client: PortalClient) => html`<sg-portal-view project-id="p-maple" .client=${client}></sg-portal-view>` },
  ];
  for (const { name, view } of cases) {
    it(`reads the feed and the approvals waiting once for ${name}`, async () => {
      history.replaceState(null, '', location.pathname + location.search);
      const feeds: string[] = [];
      const mine: string[] = [];
      const client = fakeClient({
        view: { projects: async () => [maple, harbor], feed: async (id) => (feeds.push(id), feedOf(maple)) },
        approvals: { listMine: async (id) => (mine.push(id), []) },
      });
      const el = await fixture<SgPortalView>(view(client));
      await until(() => heading(el) === 'Maple Street');
      await settled(el);
      expect(feeds).to.deep.equal(['p-maple']);
      expect(mine).to.deep.equal(['p-maple']);
    });
  }
});
