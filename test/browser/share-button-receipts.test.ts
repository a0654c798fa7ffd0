import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgApprovalButton, SgShareButton } from '../../components/index.js';
import { $, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

describe('sg-share-button show-receipts (msw mocks, real core)', () => {
  it('says who viewed it and how long ago, only when the host opts in', async () => {
    const mock = await startMocks();
    const dana = await clientAs(mock, 'dana@example.com');
    await dana.view.open('p-maple', 'drawings', 'dr-a101');
    // The receipt is two hours old by the server's clock, and by the page's.
    const twoHours = 2 * 3_600_000;
    const realNow = Date.now;
    Date.now = () => realNow() + twoHours;
    try {
      const plain = await fixture<SgShareButton>(html`<sg-share-button project-id="p-maple" module="drawings" resource-id="dr-a101" .client=${staffClient()}></sg-share-button>`);
      await until(() => textOf(plain).includes('Shared with client'));
      expect($(plain, '[part=receipts]')).to.equal(null);

      const el = await fixture<SgShareButton>(html`<sg-share-button show-receipts project-id="p-maple" module="drawings" resource-id="dr-a101" .client=${staffClient()}></sg-share-button>`);
      await until(() => $(el, '[part=receipts]'));
      expect(textOf($(el, '[part=receipts]')!)).to.equal('Viewed by Dana Client · 2 hours ago');
      await expect(el).to.be.accessible();
      await shots('share-button-receipts', el);

      const fr = await fixture<HTMLElement>(html`<div lang="fr"><sg-share-button show-receipts project-id="p-maple" module="drawings" resource-id="dr-a101" .client=${staffClient()}></sg-share-button></div>`);
      const frButton = fr.querySelector<SgShareButton>('sg-share-button')!;
      await until(() => $(frButton, '[part=receipts]'));
      expect(textOf($(frButton, '[part=receipts]')!)).to.equal('Vu par Dana Client · il y a 2 heures');
    } finally {
      Date.now = realNow;
    }
  });

  it('names a viewer whose access was revoked since, by name and not by id', async () => {
    const mock = await startMocks();
    const dana = await clientAs(mock, 'dana@example.com');
    await dana.view.open('p-maple', 'drawings', 'dr-a101');
    const danaId = (await mock.portal.clients.list(mock.staff!, { q: 'dana@' })).items[0]!.id;
    await mock.portal.clients.revokeProject(mock.staff!, danaId, 'p-maple');
    const el = await fixture<SgShareButton>(html`<sg-share-button show-receipts project-id="p-maple" module="drawings" resource-id="dr-a101" .client=${staffClient()}></sg-share-button>`);
    await until(() => $(el, '[part=receipts]'));
    expect(textOf($(el, '[part=receipts]')!)).to.match(/^Viewed by Dana Client · /);
  });

  it('shares as ever, without the lines, where the receipts cannot be read', async () => {
    await startMocks();
    const staff = staffClient();
    // A staff role without the audit permission is refused receipts.
    staff.receipts.list = async () => Promise.reject(Object.assign(new Error('You may not read Audit'), { code: 'forbidden', status: 403 }));
    const el = await fixture<SgShareButton>(html`<sg-share-button show-receipts project-id="p-maple" module="drawings" resource-id="dr-a101" .client=${staff}></sg-share-button>`);
    await until(() => textOf(el).includes('Shared with client'));
    await el.updateComplete;
    expect($(el, '[part=error]')).to.equal(null);
    expect($(el, '[part=receipts]')).to.equal(null);
    expect($<HTMLButtonElement>(el, 'button')!.disabled).to.equal(false);
  });

  it('with multiple, reads only its own resources\' receipts, newest first, and names only the viewers it shows', async () => {
    const mock = await startMocks();
    const api = staffClient();
    await api.shares.share('p-maple', ['dl-1', 'dl-2', 'dl-3'].map((id) => ({ module: 'dailyLogs' as const, id, kind: 'item' as const })));
    const dana = await clientAs(mock, 'dana@example.com');
    await mock.signInAs('eli@example.com', { password: 'portal-password-eli' });
    const eli = await clientAs(mock, 'eli@example.com');
    await dana.view.open('p-maple', 'dailyLogs', 'dl-1');
    mock.advance(60_000);
    await eli.view.open('p-maple', 'dailyLogs', 'dl-2');
    mock.advance(60_000);
    // The newest view of all is of a log outside the selection: it is not asked for, nor shown.
    await dana.view.open('p-maple', 'dailyLogs', 'dl-3');
    const asked: unknown[] = [];
    const list = api.receipts.list.bind(api.receipts);
    api.receipts.list = (projectId, filter) => (asked.push(filter), list(projectId, filter));
    api.clients.list = () => Promise.reject(new Error('the whole client list is not needed for three names'));
    const el = await fixture<SgShareButton>(
      html`<sg-share-button show-receipts multiple project-id="p-maple" module="dailyLogs" resource-ids="dl-1 dl-2" .client=${api}></sg-share-button>`,
    );
    await until(() => $(el, '[part=receipts]'));
    const lines = [...$(el, '[part=receipts]')!.querySelectorAll('li')].map((li) => textOf(li));
    expect(lines.map((line) => /^Viewed by (.+?) · /.exec(line)?.[1])).to.deep.equal(['Eli Invited', 'Dana Client']);
    expect(asked).to.deep.equal([{ module: 'dailyLogs', ids: ['dl-1', 'dl-2'], limit: 100, cursor: undefined }]);
  });

  it('reads further pages only until it has three viewers', async () => {
    await startMocks();
    const api = staffClient();
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const receipt = (clientId: string, minutesAgo: number) =>
      ({ tenantId: 'acme', projectId: 'p-maple', clientId, module: 'drawings', id: 'dr-a101', firstViewedAt: at(minutesAgo), lastViewedAt: at(minutesAgo), views: 1 }) as const;
    // One busy viewer fills the first page; the next two viewers are on the second; a third page would follow.
    const pages = [
      { items: Array.from({ length: 100 }, (_, i) => receipt('cl-busy', i + 1)), nextCursor: 'page-2' },
      { items: [receipt('cl-busy', 200), receipt('cl-second', 201), receipt('cl-third', 202)], nextCursor: 'page-3' },
      { items: [receipt('cl-fourth', 300)], nextCursor: null },
    ];
    const cursors: unknown[] = [];
    api.receipts.list = async (_projectId, filter) => (cursors.push(filter?.cursor), pages[cursors.length - 1]!);
    const el = await fixture<SgShareButton>(html`<sg-share-button show-receipts project-id="p-maple" module="drawings" resource-id="dr-a101" .client=${api}></sg-share-button>`);
    await until(() => $(el, '[part=receipts]'));
    const names = [...$(el, '[part=receipts]')!.querySelectorAll('li')].map((li) => /^Viewed by (.+?) · /.exec(textOf(li))?.[1]);
    expect(names).to.deep.equal(['cl-busy', 'cl-second', 'cl-third']);
    expect(cursors).to.deep.equal([undefined, 'page-2']);
  });

  it('asks for a long selection in runs a request line can carry, and keeps the newest viewers across them', async () => {
    await startMocks();
    const api = staffClient();
    const ids = Array.from({ length: 600 }, (_, i) => `photo-${String(i).padStart(4, '0')}`);
    const viewedAt = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    // Who viewed what: the newest viewer of all is in the last run, the second in the first.
    const views = [
      { clientId: 'cl-last-run', id: ids[599]!, minutesAgo: 1 },
      { clientId: 'cl-first-run', id: ids[0]!, minutesAgo: 2 },
    ];
    const asked: string[][] = [];
    let inFlight = 0;
    let mostAtOnce = 0;
    api.receipts.list = async (_projectId, filter) => {
      const wanted = filter?.ids ?? [filter!.id!];
      asked.push(wanted);
      mostAtOnce = Math.max(mostAtOnce, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      const items = views
        .filter((v) => wanted.includes(v.id))
        .map((v) => ({ tenantId: 'acme', projectId: 'p-maple', clientId: v.clientId, module: 'photos' as const, id: v.id, firstViewedAt: viewedAt(v.minutesAgo), lastViewedAt: viewedAt(v.minutesAgo), views: 1 }));
      return { items, nextCursor: null };
    };
    const el = await fixture<SgShareButton>(
      html`<sg-share-button show-receipts multiple project-id="p-maple" module="photos" .resourceIds=${ids} .client=${api}></sg-share-button>`,
    );
    await until(() => $(el, '[part=receipts]'), 10_000);
    const names = [...$(el, '[part=receipts]')!.querySelectorAll('li')].map((li) => /^Viewed by (.+?) · /.exec(textOf(li))?.[1]);
    expect(names).to.deep.equal(['cl-last-run', 'cl-first-run']);
    expect(asked.length).to.be.greaterThan(1);
    expect(asked.flat()).to.deep.equal(ids);
    for (const run of asked) expect(run.map((id) => `&ids=${id}`).join('').length).to.be.at.most(4000);
    // One run after another, as the api client sends a long status read.
    expect(mostAtOnce).to.equal(1);
  });

  it('shows no viewer of another run older than what a run whose pages ran out may still hide', async () => {
    await startMocks();
    const api = staffClient();
    const ids = Array.from({ length: 600 }, (_, i) => `photo-${String(i).padStart(4, '0')}`);
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const receipt = (clientId: string, id: string, minutesAgo: number) =>
      ({ tenantId: 'acme', projectId: 'p-maple', clientId, module: 'photos', id, firstViewedAt: at(minutesAgo), lastViewedAt: at(minutesAgo), views: 1 }) as const;
    // The first run: one viewer of every photo, page after page, more than five pages of it
    // (its last read view 500 minutes ago). The last run: a viewer 10 minutes ago and one 900.
    api.receipts.list = async (_projectId, filter) => {
      const first = (filter?.ids ?? []).includes(ids[0]!);
      if (!first) return { items: [receipt('cl-recent', ids[599]!, 10), receipt('cl-old', ids[598]!, 900)], nextCursor: null };
      const page = Number(filter?.cursor ?? 0);
      return { items: Array.from({ length: 100 }, (_, i) => receipt('cl-busy', ids[i]!, page * 100 + i + 1)), nextCursor: String(page + 1) };
    };
    const el = await fixture<SgShareButton>(html`<sg-share-button show-receipts multiple project-id="p-maple" module="photos" .resourceIds=${ids} .client=${api}></sg-share-button>`);
    await until(() => $(el, '[part=receipts]'), 10_000);
    const names = [...$(el, '[part=receipts]')!.querySelectorAll('li')].map((li) => /^Viewed by (.+?) · /.exec(textOf(li))?.[1]);
    // "cl-old" (900 minutes ago) is left out: the first run may hold viewers newer than it unread.
    expect(names).to.deep.equal(['cl-busy', 'cl-recent']);
  });

  it('says "Not viewed yet" for a shared resource nobody opened', async () => {
    await startMocks();
    const el = await fixture<SgShareButton>(html`<sg-share-button show-receipts project-id="p-maple" module="reports" resource-id="r-inspection" .client=${staffClient()}></sg-share-button>`);
    await until(() => $(el, '[part=receipts]'));
    expect(textOf($(el, '[part=receipts]')!)).to.equal('Not viewed yet');
  });

  it('says who decided as soon as the approval button beside it reads the decision, without a reload', async () => {
    const mock = await startMocks();
    const ids = await approvalsSetup(mock);
    const api = staffClient();
    const approval = await api.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const row = await fixture<HTMLElement>(html`<div>
      <sg-share-button show-receipts project-id="p-maple" module="changeOrders" resource-id="co-1" .client=${api}></sg-share-button>
      <sg-share-button show-receipts project-id="p-maple" module="selections" resource-id="sel-tile" .client=${api}></sg-share-button>
      <sg-approval-button project-id="p-maple" module="changeOrders" resource-id="co-1" refresh-seconds="0" .client=${api}></sg-approval-button>
    </div>`);
    const [share, other] = [...row.querySelectorAll<SgShareButton>('sg-share-button')];
    const approvalButton = row.querySelector<SgApprovalButton>('sg-approval-button')!;
    await until(() => textOf($(share!, '[part=receipts]') ?? share!) === 'Not viewed yet' && textOf($(other!, '[part=receipts]') ?? other!) === 'Not viewed yet');
    await until(() => textOf(approvalButton).includes('Dana Client'));

    await (await clientAs(mock, 'dana@example.com')).approvals.decide('p-maple', approval.id, { decision: 'approved' });
    // The approval button's own re-read (its timer, or a call) sees the decision.
    await approvalButton.refresh();
    await until(() => textOf($(share!, '[part=receipts]')!).startsWith('Viewed by Dana Client'));
    // Only the resource decided on is read again.
    expect(textOf($(other!, '[part=receipts]')!)).to.equal('Not viewed yet');
  });
});
