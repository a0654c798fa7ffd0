import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgShareButton } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import { $, fakeClient, shot, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

const button = (el: SgShareButton) => $(el, '[part~=button]')!;
const settled = (el: SgShareButton, text: string) => until(() => button(el).textContent?.includes(text) && button(el).getAttribute('aria-disabled') === 'false');

describe('sg-share-button (msw mocks)', () => {
  beforeEach(startMocks);

  it('unshares and reshares a folder by click and by keyboard', async () => {
    const el = await fixture<SgShareButton>(
      html`<sg-share-button project-id="p-maple" module="documents" resource-id="d-contracts" kind="folder" .client=${staffClient()}></sg-share-button>`,
    );
    await settled(el, 'Shared with client');
    expect(button(el).getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
    await shot('share-button-shared', el);
    const changes: { shared: boolean }[] = [];
    el.addEventListener('sg-share-change', (e) => changes.push(e.detail));
    button(el).click();
    await settled(el, 'Share with client');
    expect(changes).to.deep.equal([{ projectId: 'p-maple', module: 'documents', resourceIds: ['d-contracts'], shared: false }].map((c) => ({ ...c })));
    expect((await staffClient().shares.status('p-maple', 'documents', ['d-contracts']))[0]!.status).to.equal('not_shared');
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await settled(el, 'Shared with client');
    expect(changes.at(-1)!.shared).to.equal(true);
  });

  it('shows an item inside a shared folder as shared via folder, and does not toggle it', async () => {
    const el = await fixture<SgShareButton>(
      html`<sg-share-button project-id="p-maple" module="documents" resource-id="d-permit" .client=${staffClient()}></sg-share-button>`,
    );
    await until(() => textOf(el).includes('Shared via folder'));
    await shot('share-button-via-folder', el);
    button(el).click();
    await new Promise((r) => setTimeout(r, 100));
    expect(textOf(el)).to.contain('Shared via folder');
    await expect(el).to.be.accessible();
  });

  it('wraps a long label inside a narrow column instead of running past it (a phone, a long language)', async () => {
    const column = await fixture<HTMLDivElement>(
      html`<div style="width: 120px"><sg-share-button project-id="p-maple" module="dailyLogs" multiple resource-ids="dl-1 dl-2 dl-3" .client=${staffClient()}></sg-share-button></div>`,
    );
    const el = column.querySelector<SgShareButton>('sg-share-button')!;
    await until(() => button(el).getAttribute('aria-disabled') === 'false' && textOf(button(el)).length > 12);
    const edge = column.getBoundingClientRect().right;
    expect(button(el).getBoundingClientRect().right, textOf(button(el))).to.be.at.most(edge + 0.5);
    expect(button(el).scrollWidth).to.be.at.most(button(el).clientWidth);
    await shot('share-button-narrow', column);
  });

  it('shares several daily logs at once in multiple mode', async () => {
    const el = await fixture<SgShareButton>(
      html`<sg-share-button project-id="p-maple" module="dailyLogs" multiple resource-ids="dl-1 dl-2 dl-3" .client=${staffClient()}></sg-share-button>`,
    );
    await settled(el, '2 of 3 shared');
    await shot('share-button-multiple', el);
    button(el).click();
    await settled(el, 'Shared with client (3)');
    const statuses = await staffClient().shares.status('p-maple', 'dailyLogs', ['dl-1', 'dl-2', 'dl-3']);
    expect(statuses.map((s) => s.status)).to.deep.equal(['shared', 'shared', 'shared']);
  });

  it('keeps every button of a project in step: unsharing a folder updates its children at once', async () => {
    const client = staffClient(); // one client, as one provider gives every element inside it
    const host = await fixture<HTMLElement>(html`<div>
      <sg-share-button id="folder" project-id="p-maple" module="documents" resource-id="d-contracts" kind="folder" .client=${client}></sg-share-button>
      <sg-share-button id="child" project-id="p-maple" module="documents" resource-id="d-permit" .client=${client}></sg-share-button>
    </div>`);
    const folder = host.querySelector<SgShareButton>('#folder')!;
    const child = host.querySelector<SgShareButton>('#child')!;
    await settled(folder, 'Shared with client');
    await until(() => textOf(child).includes('Shared via folder'));
    button(folder).click();
    await settled(folder, 'Share with client');
    await settled(child, 'Share with client');
    button(folder).click();
    await settled(folder, 'Shared with client');
    await until(() => textOf(child).includes('Shared via folder'));
  });

  it('updates the "all daily logs" button when one daily log is shared on its own', async () => {
    const client = staffClient();
    const host = await fixture<HTMLElement>(html`<div>
      <sg-share-button id="all" project-id="p-maple" module="dailyLogs" multiple resource-ids="dl-1 dl-2 dl-3" .client=${client}></sg-share-button>
      <sg-share-button id="one" project-id="p-maple" module="dailyLogs" resource-id="dl-3" .client=${client}></sg-share-button>
    </div>`);
    const all = host.querySelector<SgShareButton>('#all')!;
    const one = host.querySelector<SgShareButton>('#one')!;
    await settled(all, '2 of 3 shared');
    // Some of several shared: neither pressed nor not (the ARIA toggle's "mixed").
    expect(button(all).getAttribute('aria-pressed')).to.equal('mixed');
    await settled(one, 'Share with client');
    button(one).click();
    await settled(one, 'Shared with client');
    await settled(all, 'Shared with client (3)');
    expect(button(all).getAttribute('aria-pressed')).to.equal('true');
    // A button that left the page stops listening; one on another client never hears.
    one.remove();
    const other = await fixture<SgShareButton>(html`<sg-share-button project-id="p-maple" module="dailyLogs" resource-id="dl-1" .client=${staffClient()}></sg-share-button>`);
    await settled(other, 'Shared with client');
    button(all).click();
    await settled(all, 'Share 3 with client');
    await new Promise((r) => setTimeout(r, 200));
    expect(textOf(other)).to.contain('Shared with client');
  });

  it('says when clients see an unshared item through an update it is attached to, also right after unsharing it', async () => {
    const staff = staffClient();
    await staff.updates.publish('p-maple', { body: 'Budget attached.', resources: [{ module: 'documents', id: 'd-budget' }] });
    const el = await fixture<SgShareButton>(
      html`<sg-share-button project-id="p-maple" module="documents" resource-id="d-budget" show-receipts .client=${staff}></sg-share-button>`,
    );
    await settled(el, 'Share with client');
    expect($(el, '[part=attached]')?.textContent).to.equal('Clients see it: it is attached to an update.');
    // Visible, so "Not viewed yet" is worth saying, as for a shared item.
    await until(() => $(el, '[part=receipts]')?.textContent?.includes('Not viewed yet'));
    await expect(el).to.be.accessible();
    await shot('share-button-attached', el);
    button(el).click();
    await settled(el, 'Shared with client');
    expect($(el, '[part=attached]')).to.equal(null);
    button(el).click();
    await settled(el, 'Share with client');
    expect($(el, '[part=attached]')?.textContent).to.equal('Clients see it: it is attached to an update.');

    // Many at once: counted, in the plural the language asks for.
    const many = await fixture<SgShareButton>(
      html`<sg-share-button project-id="p-maple" module="documents" multiple resource-ids="d-budget d-contract" .client=${staff}></sg-share-button>`,
    );
    await until(() => $(many, '[part=attached]') !== null);
    expect($(many, '[part=attached]')!.textContent).to.equal('1 of these is seen by clients: attached to an update.');
    // An item nobody sees says nothing more than "Share with client".
    const hidden = await fixture<SgShareButton>(
      html`<sg-share-button project-id="p-maple" module="drawings" resource-id="dr-a201" .client=${staff}></sg-share-button>`,
    );
    await until(() => button(hidden).getAttribute('aria-disabled') === 'false');
    expect($(hidden, '[part=attached]')).to.equal(null);
  });

  it('reads as unshared when the share was already removed elsewhere, with no error', async () => {
    const el = await fixture<SgShareButton>(
      html`<sg-share-button project-id="p-maple" module="documents" resource-id="d-contracts" kind="folder" .client=${staffClient()}></sg-share-button>`,
    );
    await settled(el, 'Shared with client');
    // Another tab (or the API) unshares it while this button still shows it shared.
    const [status] = await staffClient().shares.status('p-maple', 'documents', ['d-contracts']);
    await staffClient().shares.unshare('p-maple', status!.shareId!);
    const changes: { shared: boolean }[] = [];
    el.addEventListener('sg-share-change', (e) => changes.push(e.detail));
    button(el).click();
    await settled(el, 'Share with client');
    expect($(el, '[part=error]')?.textContent ?? 'no error').to.equal('no error');
    expect(changes.map((c) => c.shared)).to.deep.equal([false]);
  });

  it('shows a problem response in words', async () => {
    const el = await fixture<SgShareButton>(
      html`<sg-share-button project-id="p-nowhere" module="documents" resource-id="d-x" .client=${staffClient()}></sg-share-button>`,
    );
    // Status of an unknown resource may read as "not shared"; sharing it is refused in words.
    const error = await until(() => $(el, '[part=error]') ?? (button(el).getAttribute('aria-disabled') === 'false' && (button(el).click(), null)));
    expect(error.textContent).to.match(/could not be found|not found|fields need attention|no documents resource/i);
    await expect(el).to.be.accessible();
  });

  it('says why a draft report cannot be shared, in the page language, and shares nothing', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div lang="fr"><sg-share-button project-id="p-maple" module="reports" resource-id="r-draft" .client=${staffClient()}></sg-share-button></div>`,
    );
    const el = page.querySelector<SgShareButton>('sg-share-button')!;
    await until(() => button(el).getAttribute('aria-disabled') === 'false');
    button(el).click();
    const error = await until(() => $(el, '[part=error]'));
    expect(error.textContent).to.equal('Seuls les rapports terminés peuvent être partagés.');
    expect((await staffClient().shares.status('p-maple', 'reports', ['r-draft']))[0]!.status).to.equal('not_shared');
  });
});

describe('sg-share-button: a long error on a phone', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  /** A server fault whose reference is as long as a proxy's may be (128 characters, no space in it). */
  const FAULT = Object.assign(new Error('internal'), { name: 'SitegateError', code: 'internal', status: 500, requestId: `req-${'a1b2c3d4'.repeat(15)}-end` });

  /** A button whose share is refused with `FAULT`; `attached`: clients see it through an update, and no one viewed it yet. */
  function refused(attached: boolean): PortalClient {
    const client = fakeClient({
      shares: {
        status: async (_p: string, _m: string, ids: string[]) => ids.map((id) => ({ id, status: 'not_shared' as const, ...(attached ? { attached } : {}) })),
        share: () => Promise.reject(FAULT),
      },
      clients: { list: async () => ({ items: [], nextCursor: null }) },
    });
    return Object.assign(client, { receipts: { list: async () => ({ items: [], nextCursor: null }) } });
  }

  for (const [lang, attached] of [['en', false], ['fr', true]] as const) {
    it(`wraps inside the page, under the button (${lang}${attached ? ', beside the attached and receipts lines' : ''})`, async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div lang=${lang}><sg-share-button project-id="p1" module="documents" resource-id="d1" ?show-receipts=${attached} .client=${refused(attached)}></sg-share-button></div>`,
      );
      const el = page.querySelector<SgShareButton>('sg-share-button')!;
      await until(() => button(el).getAttribute('aria-disabled') === 'false' && (!attached || $(el, '[part=receipts]')));
      button(el).click();
      const error = await until(() => $(el, '[part=error]'));
      expect(error.textContent).to.contain(FAULT.requestId);
      for (const width of [1280, 390]) {
        await setViewport({ width, height: 900 });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        await shot(`share-button-long-error${attached ? '-attached' : ''}-${lang}-${width}`, page);
        expect(document.documentElement.scrollWidth, `${width}: the page does not scroll sideways`).to.be.at.most(innerWidth);
        expect(error.getBoundingClientRect().right, `${width}: inside the element`).to.be.at.most(el.getBoundingClientRect().right + 0.5);
        expect(error.scrollWidth, `${width}: nothing cut`).to.be.at.most(error.clientWidth + 0.5);
        expect(error.getBoundingClientRect().top, `${width}: under the button`).to.be.at.least(button(el).getBoundingClientRect().bottom);
        expect(error.getBoundingClientRect().left).to.be.closeTo(button(el).getBoundingClientRect().left, 0.5);
        // The attached and receipts lines still sit beside the button at 1280 px.
        if (attached && width === 1280) {
          expect($(el, '[part=attached]')!.getBoundingClientRect().left).to.be.at.least(button(el).getBoundingClientRect().right);
          expect($(el, '[part=attached]')!.getBoundingClientRect().top).to.be.below(button(el).getBoundingClientRect().bottom);
        }
      }
    });
  }
});
