import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, shot, textOf, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';

/**
 * What a home owner met on trying the portal: daily-log rows dated a day late far east of UTC,
 * "Nothing new since your last visit" on a first visit, and the builder's default frequency no
 * longer labelled once another was chosen.
 */

const section = (el: SgPortalView, module: string) => $(el, `section[data-module=${module}]`);
/** Past the gap after which the next feed load is a new visit. */
const LATER = 31 * 60_000;
const WELCOME = 'Welcome! Here is everything your builder has shared with you.';

describe('sg-portal-view: daily logs in Pacific/Auckland (UTC+13 in October)', () => {
  // The page's clock is put in Auckland for these tests only (test/browser/support/time-zone-plugin.mjs).
  before(async () => {
    expect(await executeServerCommand('sg-time-zone', { timeZone: 'Pacific/Auckland' })).to.equal(true);
  });
  after(async () => {
    await executeServerCommand('sg-time-zone', { timeZone: '' });
  });

  it('dates a log’s row by the log’s own day, as its details do; without one, by its last change', async () => {
    // Written up at the end of Oct 20 in the builder's office (UTC): Oct 21 in Auckland.
    const at = new Date('2026-10-20T12:00:00Z');
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('Pacific/Auckland');
    expect(at.getDate()).to.equal(21);
    const base = { tenantId: 't', projectId: 'p', kind: 'item', updatedAt: at };
    const log = { ...base, module: 'dailyLogs', id: 'l1', name: 'Daily log — Oct 20', meta: { date: '2026-10-20', weather: 'Sunny, 18°C' } };
    const undated = { ...base, module: 'dailyLogs', id: 'l2', name: 'Daily log — site visit', meta: { weather: 'Rain' } };
    const feed = {
      project: { tenantId: 't', id: 'p', name: 'Harbour house' },
      tenant: { name: 'Kiwi Builders', currency: 'NZD' },
      modules: {
        dailyLogs: [log, undated],
        // The schedule's `publishedAt` is an instant (when it was published): the viewer's day.
        schedule: { resource: { ...base, module: 'schedule', id: 's', name: 'Schedule' }, schedule: { publishedAt: at, tasks: [{ id: 't1', name: 'Roofing', start: '2099-01-05', end: '2099-01-16' }] } },
      },
    } as unknown as Feed;
    const client = fakeClient({
      view: { projects: async () => [feed.project], feed: async () => feed, open: async (_p, _m, id) => ({ resource: id === 'l1' ? log : undated }) as never },
    });
    const el = await fixture<SgPortalView>(html`<sg-portal-view lang="en-US" .client=${client}></sg-portal-view>`);
    const logs = await until(() => section(el, 'dailyLogs'));
    const [dated, other] = $$(el, 'section[data-module=dailyLogs] .item .meta');
    expect(textOf(dated!)).to.equal('Sunny, 18°C · Oct 20, 2026');
    expect(textOf(other!)).to.equal('Rain · Oct 21, 2026');
    logs.querySelector<HTMLElement>('.disclosure.more')!.click();
    const panel = await until(() => logs.querySelector('.panel .facts'));
    expect(textOf(panel)).to.contain('Date Oct 20, 2026');
    expect(textOf(section(el, 'schedule')!)).to.contain('Published Oct 21, 2026');
    await shot('portal-view-daily-log-auckland', logs);
  });
});

describe('sg-portal-view: a client’s first visit (msw mocks, real core)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('welcomes a new client instead of saying nothing is new since a visit it never made', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const overview = await until(() => $(el, '.overview'));
    expect(textOf(overview)).to.contain(WELCOME);
    expect(textOf(overview)).to.not.contain('since your last visit');
    await expect(el).to.be.accessible();
    await shot('portal-view-first-visit', overview);

    // Back after the visit gap: the first visit is the last one, and the overview says so.
    el.remove();
    mock.advance(LATER);
    const again = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const next = await until(() => $(again, '.overview'));
    expect(textOf(next)).to.contain('Nothing new since your last visit');
    expect(textOf(next)).to.not.contain(WELCOME);
  });

  it('welcomes in French', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="fr"><sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view></div>`);
    const el = host.querySelector<SgPortalView>('sg-portal-view')!;
    const overview = await until(() => $(el, '.overview'));
    // `textOf` reads the no-break space before "!" as a space.
    expect(textOf(overview)).to.contain('Bienvenue ! Voici tout ce que votre constructeur a partagé avec vous.');
  });
});

describe('sg-portal-view: the builder’s default frequency (msw mocks, real core)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  const checked = (el: SgPortalView) => $<HTMLInputElement>(el, 'input[name=frequency]:checked')?.value;
  /** The choices labelled "(your builder’s default)", by value. */
  const labelled = (el: SgPortalView) => $$(el, '.prefs .choice').filter((c) => textOf(c).includes('(your builder’s default)')).map((c) => c.querySelector('input')!.value);

  async function openPreferences(el: SgPortalView): Promise<void> {
    await until(() => section(el, 'documents'));
    $<HTMLDetailsElement>(el, 'details.prefs')!.open = true;
    await until(() => checked(el));
  }

  it('keeps "Daily summary (your builder’s default)" after the client saves "As it happens", and after a reload', async () => {
    const client = await clientAs(mock, 'dana@example.com');
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await openPreferences(el);
    expect(checked(el)).to.equal('daily');
    expect(labelled(el)).to.deep.equal(['daily']);

    $<HTMLInputElement>(el, 'input[name=frequency][value=instant]')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.prefs button[type=submit]')!.click();
    await until(() => $(el, '.prefs .notice.success'));
    expect(checked(el)).to.equal('instant');
    expect(labelled(el)).to.deep.equal(['daily']);
    expect(textOf($(el, '.prefs')!)).to.contain('Daily summary (your builder’s default)');

    // A reload reads the preference again: the client's choice, the builder's default still named.
    el.remove();
    const again = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await openPreferences(again);
    expect(checked(again)).to.equal('instant');
    expect(labelled(again)).to.deep.equal(['daily']);
    await expect(again).to.be.accessible();
  });
});
