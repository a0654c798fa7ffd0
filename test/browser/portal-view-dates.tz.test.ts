import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import { formatDay, formatDayRange } from '../../components/util/dates.js';
import { $, fakeClient, shot, textOf, until } from './support/helpers.js';

/**
 * Runs in the `los-angeles` group (web-test-runner.config.mjs): Chromium started with
 * TZ=America/Los_Angeles, where `new Date('2027-01-05')` is the evening of Jan 4.
 */
describe('calendar dates west of UTC', () => {
  it('runs in Los Angeles, where a naive date shows the day before', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone, 'run this file with `npx wtr --group los-angeles`').to.equal('America/Los_Angeles');
    expect(new Date('2027-01-05').toLocaleDateString('en-US')).to.equal('1/4/2027');
  });

  it('formats date-only values and ranges as the same calendar days', () => {
    expect(formatDay('2027-01-05', 'en-US')).to.equal('Jan 5, 2027');
    expect(formatDay('2027-01-05', 'fr')).to.equal('5 janv. 2027');
    expect(formatDayRange('2027-01-05', '2027-01-16', 'en-US')).to.match(/^Jan 5\s*–\s*16, 2027$/);
    expect(formatDayRange('2027-01-05', '2027-01-05', 'en-US')).to.equal('Jan 5, 2027');
    expect(formatDay('2027-02-30', 'en-US')).to.equal('2027-02-30');
  });

  it('keeps "Jan 5" as Jan 5 in the schedule, the milestone and invoice and log details', async () => {
    const at = new Date('2027-01-05T12:00:00Z');
    const base = { tenantId: 't', projectId: 'p', kind: 'item', updatedAt: at };
    const invoice = { ...base, module: 'invoices', id: 'i', name: 'Invoice #7', meta: { amount: 10, dueDate: '2027-01-05' } };
    const log = { ...base, module: 'dailyLogs', id: 'l', name: 'Log', meta: { date: '2027-01-05' } };
    const feed = {
      project: { tenantId: 't', id: 'p', name: 'West coast house' },
      tenant: { name: 'Pacific Builders', currency: 'USD' },
      modules: {
        invoices: [invoice],
        dailyLogs: [log],
        schedule: {
          resource: { ...base, module: 'schedule', id: 's', name: 'Schedule' },
          schedule: { tasks: [{ id: 't1', name: 'Roofing', start: '2099-01-05', end: '2099-01-16' }] },
        },
      },
    } as unknown as Feed;
    const byId = new Map([invoice, log].map((r) => [r.id, r]));
    const client = fakeClient({
      view: { projects: async () => [feed.project], feed: async () => feed, open: async (_p, _m, id) => ({ resource: byId.get(id)! }) as never },
    });
    const el = await fixture<SgPortalView>(html`<sg-portal-view lang="en-US" .client=${client}></sg-portal-view>`);
    const schedule = await until(() => $(el, 'section[data-module=schedule]'));
    expect(textOf(schedule)).to.match(/Jan 5\s*–\s*16, 2099/);
    expect(textOf($(el, '.overview')!)).to.match(/Roofing Jan 5\s*–\s*16, 2099/);
    for (const toggle of el.shadowRoot!.querySelectorAll<HTMLElement>('.disclosure.more')) toggle.click();
    await until(() => el.shadowRoot!.querySelectorAll('.panel .facts').length === 2);
    const invoices = textOf($(el, 'section[data-module=invoices]')!);
    expect(invoices).to.contain('Due Jan 5, 2027');
    expect(invoices).to.contain('Due date Jan 5, 2027');
    expect(textOf($(el, 'section[data-module=dailyLogs]')!)).to.contain('Date Jan 5, 2027');
    expect(textOf(el)).to.not.contain('Jan 4');
    await shot('portal-view-dates-los-angeles', el);
  });
});
