import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, HOSTILE_NAME, HOSTILE_TITLE, HOSTILE_URL, problem, pwned, shot, textOf, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';

const section = (el: SgPortalView, module: string) => $(el, `section[data-module=${module}]`);

describe('sg-portal-view (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('shows the shared modules of the first project, accessibly', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(el, 'documents'));
    expect(textOf(section(el, 'updates')!)).to.contain('Foundation poured');
    expect(textOf(section(el, 'drawings')!)).to.contain('Revision C');
    expect(textOf(section(el, 'reports')!)).to.contain('Frame inspection');
    expect(textOf(section(el, 'reports')!)).to.not.contain('Punch list');
    expect(textOf(section(el, 'schedule')!)).to.contain('Framing');
    expect(textOf(section(el, 'schedule')!)).to.contain('20% complete');
    expect(textOf(section(el, 'dailyLogs')!)).to.not.contain('2026-01-07');
    expect(textOf(el)).to.not.contain('Internal budget');
    await expect(el).to.be.accessible();
    await shot('portal-view', el);
  });

  it('opens a folder by keyboard and shows its visible children', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const folder = await until(() => section(el, 'documents')?.querySelector<HTMLElement>('.disclosure'));
    const opened: Event[] = [];
    el.addEventListener('sg-resource-open', (e) => opened.push(e));
    folder.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(section(el, 'documents')!).includes('Building contract.pdf'));
    expect(folder.getAttribute('aria-expanded')).to.equal('true');
    expect(opened.length).to.equal(1);
    const link = section(el, 'documents')!.querySelector('a')!;
    expect(link.href).to.equal('https://files.example/contract.pdf');
    expect(link.rel).to.contain('noopener');
    await shot('portal-view-folder-open', section(el, 'documents')!);
    await sendKeys({ press: 'Enter' });
    await until(() => folder.getAttribute('aria-expanded') === 'false');
  });

  it('opens a photo in the viewer and closes it with Escape', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const folder = await until(() => section(el, 'photos')?.querySelector<HTMLElement>('.disclosure'));
    folder.click();
    const thumb = await until(() => section(el, 'photos')!.querySelector<HTMLElement>('.thumb'));
    thumb.focus();
    await sendKeys({ press: 'Enter' });
    const viewer = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    expect(textOf(viewer)).to.contain('Foundation pour.jpg');
    await sendKeys({ press: 'Escape' });
    await until(() => !viewer.open);
  });

  it('counts a followed link and each photo shown in the viewer as a view the builder sees', async () => {
    mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'photos', id: 'ph-2', kind: 'item', name: 'Framing.jpg', parentId: 'ph-week1', url: 'https://files.example/ph-2.jpg', updatedAt: new Date('2026-01-06T09:00:00Z') });
    const viewed = async (module: string, id: string) => (await mock.portal.receipts.list(mock.staff!, 'p-maple', { module: module as 'photos', id })).items.length > 0;
    const eventually = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
      expect(await check()).to.equal(true);
    };
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    // Following a link would open a tab: the page stops that after the element has heard the click.
    el.addEventListener('click', (event) => event.preventDefault());
    (await until(() => section(el, 'documents')?.querySelector<HTMLElement>('.disclosure'))).click();
    const link = await until(() => section(el, 'documents')!.querySelector<HTMLAnchorElement>('a[href="https://files.example/contract.pdf"]'));
    expect(await viewed('documents', 'd-contract')).to.equal(false);
    link.click();
    await eventually(() => viewed('documents', 'd-contract'));

    (await until(() => section(el, 'photos')?.querySelector<HTMLElement>('.disclosure'))).click();
    (await until(() => section(el, 'photos')!.querySelector<HTMLElement>('.thumb'))).click();
    await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
    // The photo shown counts, the other not yet; stepping to it counts it too.
    await eventually(async () => (await viewed('photos', 'ph-1')) !== (await viewed('photos', 'ph-2')));
    await sendKeys({ press: 'ArrowRight' });
    await eventually(async () => (await viewed('photos', 'ph-1')) && (await viewed('photos', 'ph-2')));
  });

  it('switches project', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const select = await until(() => $<HTMLSelectElement>(el, 'select'));
    select.value = 'p-harbor';
    select.dispatchEvent(new Event('change'));
    await until(() => textOf(el).includes('Harbor schedule') || textOf(el).includes('Site prep'));
    expect(el.projectId).to.equal('p-harbor');
    expect(textOf(el)).to.not.contain('Foundation poured');
  });

  it('says so when nothing has been shared yet', async () => {
    const feed = { project: { tenantId: 't', id: 'p', name: 'Empty house' }, modules: { documents: [], updates: [] } } as unknown as Feed;
    const client = fakeClient({ view: { projects: async () => [feed.project], feed: async () => feed } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => textOf(el).includes('Nothing has been shared with you yet.'));
    await expect(el).to.be.accessible();
  });

  it('shows a problem response in words', async () => {
    const client = fakeClient({ view: { projects: () => Promise.reject(problem('unauthenticated')) } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => textOf(el).includes('Please sign in to continue.'));
  });

  it('renders hostile titles, names and links as inert text', async () => {
    const at = new Date('2026-01-05T09:00:00Z');
    const r = (id: string, module: string, extra = {}) => ({ tenantId: 't', projectId: 'p', module, id, kind: 'item', name: HOSTILE_NAME, updatedAt: at, ...extra });
    const feed = {
      project: { tenantId: 't', id: 'p', name: HOSTILE_TITLE },
      modules: {
        updates: [{ update: { id: 'u', title: HOSTILE_TITLE, body: HOSTILE_NAME, publishedAt: at, resources: [] }, resources: [r('x', 'documents', { url: HOSTILE_URL })] }],
        documents: [r('d', 'documents', { url: HOSTILE_URL }), r('e', 'documents', { url: 'data:text/html,<script>window.__sgPwned=4</script>' })],
        photos: [r('ph', 'photos', { url: HOSTILE_URL })],
        invoices: [r('i', 'invoices', { meta: { amount: 10, currency: '<b>' } })],
      },
    } as unknown as Feed;
    const client = fakeClient({ view: { projects: async () => [feed.project], feed: async () => feed } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => section(el, 'documents'));
    expect(textOf(el)).to.contain(HOSTILE_TITLE);
    expect(textOf(el)).to.contain(HOSTILE_NAME);
    expect(el.shadowRoot!.querySelector('script, img, b')).to.equal(null);
    expect($$(el, 'a').length).to.equal(0); // no link survives the scheme check
    await new Promise((r) => setTimeout(r, 50));
    expect(pwned()).to.equal(undefined);
  });

  it("dates a drawing's row by its current revision when that revision has a date, else by its last change", async () => {
    const at = new Date('2026-10-10T15:00:00Z');
    const sheet = (id: string, meta: Record<string, unknown>) => ({ tenantId: 't', projectId: 'p', module: 'drawings', id, kind: 'item', name: id, updatedAt: at, meta });
    const feed = {
      project: { tenantId: 't', id: 'p', name: 'Drawings' },
      modules: {
        drawings: [
          sheet('A-101', { revision: 'C', revisions: [{ rev: 'B', date: '2026-09-01' }, { rev: 'C', date: '2026-10-06' }] }),
          sheet('A-201', { revision: 'B', revisions: [{ rev: 'A', date: '2026-08-02' }, { rev: 'B' }] }),
        ],
      },
    } as unknown as Feed;
    const client = fakeClient({ view: { projects: async () => [feed.project], feed: async () => feed } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => section(el, 'drawings'));
    const metas = [...section(el, 'drawings')!.querySelectorAll('.item > .meta')].map((m) => m.textContent!.trim());
    // The revision's own day, in any time zone; without one, when the sheet last changed.
    expect(metas).to.deep.equal(['Revision C · Oct 6, 2026', 'Revision B · Oct 10, 2026']);
  });

  it('lists drawing revisions given as strings or as records', async () => {
    const at = new Date('2026-01-05T09:00:00Z');
    const drawing = (id: string, revisions: unknown[]) => ({ tenantId: 't', projectId: 'p', module: 'drawings', id, kind: 'item', name: id, updatedAt: at, meta: { revision: 'C', revisions } });
    const feed = {
      project: { tenantId: 't', id: 'p', name: 'Drawings' },
      modules: { drawings: [drawing('A-101', ['A', 'B', 'C']), drawing('A-201', [{ rev: 'A', date: '2026-08-02' }, { rev: 'B' }, { rev: 'C' }])] },
    } as unknown as Feed;
    const drawings = feed.modules.drawings!;
    const open = async (_p: string, _m: string, id: string) => ({ resource: drawings.find((d) => d.id === id)! });
    const client = fakeClient({ view: { projects: async () => [feed.project], feed: async () => feed, open } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => section(el, 'drawings'));
    for (const toggle of section(el, 'drawings')!.querySelectorAll<HTMLElement>('.disclosure.more')) toggle.click();
    await until(() => section(el, 'drawings')!.querySelectorAll('.revisions').length === 2);
    expect(textOf(el)).to.not.contain('[object Object]');
    for (const list of section(el, 'drawings')!.querySelectorAll('.revisions')) {
      // Newest first; a record's date is shown beside its revision.
      const texts = [...list.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(texts.map((t) => t.split(' ').slice(0, 2).join(' '))).to.deep.equal(['Revision C', 'Revision B', 'Revision A']);
      expect(texts[0]).to.contain('Current');
      expect(list.querySelector('[aria-current="true"]')!.textContent).to.contain('Revision C');
    }
  });
});
