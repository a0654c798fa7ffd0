import { expect, fixture, html } from '@open-wc/testing';
import '../../components/i18n/fr.js';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import type { ModuleId } from '../../src/model/modules.js';
import { $, $$, shot, shots, textOf, until } from './support/helpers.js';
import { clientAs, staffClient, startMocks } from './support/mocks.js';

const danaId = async (): Promise<string> => (await staffClient().clients.list({ limit: 100 })).items.find((c) => c.email === 'dana@example.com')!.id;

/** Gives the seeded drawing A-101 a file, so its name is a link, as a host's drawing's is. */
function drawingWithFile(mock: MockPortal): void {
  mock.content.put({
    tenantId: 'acme',
    projectId: 'p-maple',
    module: 'drawings',
    id: 'dr-a101',
    kind: 'item',
    name: 'A-101 Floor plan',
    url: 'https://files.example/a101.pdf',
    updatedAt: new Date(),
    meta: { revision: 'C', revisions: ['A', 'B', 'C'] },
  });
}

/** The drawing A-101's row, whose name links to its file. */
const drawingRow = (el: SgPortalView) => $(el, 'section[data-module=drawings] li.item');

/**
 * Follows a resource's file link as a click would, without the new tab: the page's own handling
 * of the click (the view receipt) is what is under test.
 */
function follow(el: SgPortalView, link: HTMLAnchorElement): void {
  el.addEventListener('click', (e) => e.preventDefault(), { once: true });
  link.click();
}

/** Stops sharing one resource of the project, as the builder would while the client looks. */
async function unshare(projectId: string, module: ModuleId, id: string): Promise<void> {
  const share = (await staffClient().shares.list(projectId, { module })).items.find((sh) => sh.resourceId === id)!;
  await staffClient().shares.unshare(projectId, share.id);
}

/** Opens the first folder or Details toggle of a section, as a tap would. */
function openFirst(el: SgPortalView, module: string): HTMLElement {
  const toggle = $(el, `section[data-module=${module}] .disclosure`)!;
  toggle.click();
  return toggle;
}

describe('sg-portal-view when the client loses access while the page is open (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('says the project is no longer theirs and shows the one left, instead of failing item by item', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => $(el, 'section[data-module=documents] .disclosure'));
    const maple = $(el, 'h2')!.textContent!;

    await staffClient().clients.revokeProject(await danaId(), 'p-maple');
    openFirst(el, 'documents');

    const notice = await until(() => $(el, '[part=access-ended]'));
    expect(notice.textContent).to.contain(`Your access to ${maple} has ended`);
    await until(() => el.projectId === 'p-harbor' && el.feed);
    expect($(el, 'h2')!.textContent).not.to.equal(maple);
    expect($$(el, '.notice.error')).to.have.length(0);
    expect(textOf(el)).not.to.contain('could not be found');
    await shot('portal-view-access-ended', el);
  });

  it('with no project left, says so above the empty page', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => $(el, 'section[data-module=documents] .disclosure'));
    const id = await danaId();
    await staffClient().clients.setProjects(id, []);
    openFirst(el, 'documents');

    await until(() => $(el, '.empty-page'));
    expect($(el, '[part=access-ended]')!.textContent).to.contain('has ended');
    expect(textOf(el)).to.contain('You do not have access to any project right now.');
  });

  it('learns the access ended when a file link is followed after the revoke (its view is refused)', async () => {
    drawingWithFile(mock);
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const link = await until(() => drawingRow(el)?.querySelector<HTMLAnchorElement>('a.name'));
    const maple = $(el, 'h2')!.textContent!;

    await staffClient().clients.revokeProject(await danaId(), 'p-maple');
    follow(el, link);

    const notice = await until(() => $(el, '[part=access-ended]'));
    expect(notice.textContent).to.contain(`Your access to ${maple} has ended`);
    await until(() => el.projectId === 'p-harbor' && el.feed);
    expect($(el, 'h2')!.textContent).not.to.equal(maple);
  });

  it('keeps the page but says an item is no longer shared when only the item was unshared, and offers it no more', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => $(el, 'section[data-module=documents] .disclosure'));
    const projectId = el.projectId;
    const folder = $(el, 'section[data-module=documents] .disclosure')!;
    const id = folder.getAttribute('aria-controls')!.split('/').pop()!;
    await unshare(projectId, 'documents', id);
    folder.focus();
    folder.click();

    const notice = await until(() => $(el, 'section[data-module=documents] .no-longer-shared'));
    expect(notice.textContent).to.equal('This is no longer shared with you.');
    // The row keeps the name, as text: no toggle or link left to follow.
    const row = notice.closest('li')!;
    expect(row.querySelector('button, a')).to.equal(null);
    expect(textOf(row)).to.contain('Contracts');
    expect(textOf(el)).not.to.contain('could not be found');
    // The toggle that had focus went: focus is on what took its place.
    expect(el.shadowRoot!.activeElement).to.equal(notice);
    // Give a re-check of the projects time to come back: nothing else changes.
    await new Promise((r) => setTimeout(r, 300));
    expect($(el, '[part=access-ended]')).to.equal(null);
    expect(el.projectId).to.equal(projectId);
    await expect(el).to.be.accessible();
    await shots('portal-view-no-longer-shared', $(el, 'section[data-module=documents]')!);
  });

  it("says it when an item's Details are opened after it was unshared, in French too", async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr"><sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view></div>`);
    const el = wrapper.querySelector<SgPortalView>('sg-portal-view')!;
    const toggle = await until(() => drawingRow(el)?.querySelector<HTMLElement>('.disclosure.more'));
    await unshare(el.projectId, 'drawings', 'dr-a101');
    toggle.click();

    const notice = await until(() => $(el, 'section[data-module=drawings] .no-longer-shared'));
    expect(notice.textContent).to.equal('Ceci n’est plus partagé avec vous.');
    expect(drawingRow(el)!.querySelector('button, a')).to.equal(null);
    expect(textOf(el)).not.to.contain('introuvable');
  });

  it('says it when a file link is followed after the item was unshared (its view is refused)', async () => {
    drawingWithFile(mock);
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const link = await until(() => drawingRow(el)?.querySelector<HTMLAnchorElement>('a.name'));
    const projectId = el.projectId;
    await unshare(projectId, 'drawings', 'dr-a101');
    follow(el, link);

    const notice = await until(() => $(el, 'section[data-module=drawings] .no-longer-shared'));
    expect(notice.textContent).to.equal('This is no longer shared with you.');
    expect(drawingRow(el)!.querySelector('a')).to.equal(null);
    expect($(el, '[part=access-ended]')).to.equal(null);
    expect(el.projectId).to.equal(projectId);
    // The rest of the project stays as it was.
    expect($(el, 'section[data-module=documents] .disclosure')).to.not.equal(null);
  });
});
