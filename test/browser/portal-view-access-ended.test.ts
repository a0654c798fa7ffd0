import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, shot, textOf, until } from './support/helpers.js';
import { clientAs, staffClient, startMocks } from './support/mocks.js';

const danaId = async (): Promise<string> => (await staffClient().clients.list({ limit: 100 })).items.find((c) => c.email === 'dana@example.com')!.id;

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

  it('keeps the page as it is when only the item is gone', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => $(el, 'section[data-module=documents] .disclosure'));
    const projectId = el.projectId;
    const folder = $(el, 'section[data-module=documents] .disclosure')!;
    const id = folder.getAttribute('aria-controls')!.split('/').pop()!;
    const share = (await staffClient().shares.list(projectId, { module: 'documents' })).find((sh) => sh.resourceId === id)!;
    await staffClient().shares.unshare(projectId, share.id);
    folder.click();

    await until(() => $(el, 'section[data-module=documents] .notice.error'));
    // Give a re-check of the projects time to come back: nothing changes.
    await new Promise((r) => setTimeout(r, 300));
    expect($(el, '[part=access-ended]')).to.equal(null);
    expect(el.projectId).to.equal(projectId);
  });
});
