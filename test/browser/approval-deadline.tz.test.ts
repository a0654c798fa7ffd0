import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgApprovalButton, SgPortalView } from '../../components/index.js';
import { $$, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

// As `textOf` reads text: every run of spaces (Intl puts a narrow no-break one before "PM") as one.
const spaced = (format: Intl.DateTimeFormat) => ({ format: (d: Date) => format.format(d).replace(/\s+/g, ' ') });
const withTime = spaced(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }));
const dateOnly = spaced(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }));

/**
 * Runs in the `los-angeles` group: a deadline is an instant, picked as "the end of that day"
 * where the builder is. Here, west of the builder, the same instant is mid-afternoon, so the
 * date alone would give the client hours that are not there (or, east of it, take a day away).
 */
describe('an approval deadline read in another time zone', () => {
  it('shows the time with the date where the deadline is not the end of a local day, the date alone where it is', async () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/Los_Angeles');
    const mock = await startMocks();
    const ids = await approvalsSetup(mock);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    // Picked in a browser on UTC: 23:59:59 there, 15:59 (16:59 in summer) here.
    const utcEnd = new Date(Date.UTC(inAWeek.getUTCFullYear(), inAWeek.getUTCMonth(), inAWeek.getUTCDate(), 23, 59, 59));
    // Picked here: the end of a day in Los Angeles.
    const localEnd = new Date(inAWeek.getFullYear(), inAWeek.getMonth(), inAWeek.getDate() + 2, 23, 59, 59);
    const staff = staffClient();
    await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], dueAt: utcEnd });
    await staff.approvals.request('p-maple', { module: 'selections', id: 'sel-tile', approvers: [ids.dana], dueAt: localEnd });

    const el = await fixture<SgPortalView>(html`<sg-portal-view lang="en-US" .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => $$(el, '[part=approval]').length === 2);
    const due = (name: string) => {
      const card = $$(el, '[part=approval]').find((c) => textOf(c).includes(name))!;
      const term = [...card.querySelectorAll('dt')].find((dt) => textOf(dt) === 'Due date')!;
      return textOf(term.nextElementSibling!);
    };
    expect(due('CO-1')).to.equal(withTime.format(utcEnd));
    expect(due('CO-1')).to.not.equal(dateOnly.format(utcEnd));
    expect(due('Kitchen tile')).to.equal(dateOnly.format(localEnd));

    // The builder's own button says the same.
    const button = await fixture<SgApprovalButton>(html`<sg-approval-button lang="en-US" project-id="p-maple" module="changeOrders" resource-id="co-1" .client=${staff}></sg-approval-button>`);
    await until(() => !textOf(button).includes('Loading'));
    expect(textOf(button)).to.contain(`Due ${withTime.format(utcEnd)}`);
  });
});
