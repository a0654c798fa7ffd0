import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import { $, $$, fakeClient, until } from './support/helpers.js';

/**
 * The client list renders only the rows in and near view. Whatever the rows' heights and
 * wherever the user scrolls, the viewport must be covered by rows laid end to end, and the
 * scroll area must end exactly at the last client.
 */

const PROJECTS = [{ tenantId: 'acme', id: 'p0', name: '12 Maple Street' }];
const FAILED = { state: 'failed', reason: 'mailbox full', at: new Date() };

/**
 * `n` clients; when `tallEvery` is set, every such client's invite was not delivered, and in a
 * narrow list its status badge and delivery marker wrap onto two lines: a taller row.
 */
function clients(n: number, tallEvery = 0): Client[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    tenantId: 'acme',
    email: `client${i}@example.com`,
    name: `Client ${i}`,
    projectIds: ['p0'],
    ...(tallEvery && i % tallEvery === 0 ? { status: 'invited', inviteDelivery: FAILED } : { status: 'active' }),
  })) as unknown as Client[];
}

async function listOf(all: Client[], style = ''): Promise<{ el: SgClientList; list: HTMLElement }> {
  const client = fakeClient({
    projects: { list: async () => PROJECTS },
    clients: { list: async () => ({ items: all, nextCursor: null }) },
  });
  const el = await fixture<SgClientList>(html`<sg-client-list style=${style} .client=${client}></sg-client-list>`);
  await until(() => $$(el, '.row').length > 0);
  return { el, list: $(el, '[part="list"]')! };
}

const viewportBottom = (list: HTMLElement) => list.getBoundingClientRect().top + list.clientTop + list.clientHeight;

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** The rows in the DOM cover the scroller's viewport, one after the other, with no gap. */
function coverage(el: SgClientList, list: HTMLElement): string | undefined {
  const rows = $$(el, '.row');
  const top = list.getBoundingClientRect().top + list.clientTop;
  const box = { top, bottom: top + list.clientHeight };
  if (!rows.length) return 'no rows';
  for (let i = 1; i < rows.length; i++) {
    const gap = rows[i]!.getBoundingClientRect().top - rows[i - 1]!.getBoundingClientRect().bottom;
    if (Math.abs(gap) > 0.5) return `a ${gap}px gap between rows ${i - 1} and ${i}`;
  }
  const first = rows[0]!.getBoundingClientRect();
  const last = rows[rows.length - 1]!.getBoundingClientRect();
  if (first.top > box.top + 0.5) return `blank above the first row (${first.top - box.top}px)`;
  if (last.bottom < box.bottom - 0.5) return `blank below the last row (${box.bottom - last.bottom}px)`;
  return undefined;
}

async function scrollTo(el: SgClientList, list: HTMLElement, top: number): Promise<void> {
  list.scrollTop = top;
  await frame();
  await until(() => !coverage(el, list), 2000).catch(() => {
    throw new Error(`at scrollTop ${list.scrollTop}: ${coverage(el, list)}`);
  });
}

describe('sg-client-list windowing', () => {
  it('numbers rows for assistive technology, as most are not in the DOM', async () => {
    const { el } = await listOf(clients(5000));
    const first = $$(el, '.row')[0]!;
    expect(first.getAttribute('aria-posinset')).to.equal('1');
    expect(first.getAttribute('aria-setsize')).to.equal('5000');
    expect($(el, '[role=list]')!.getAttribute('aria-label')).to.equal('Client portal');
  });

  it('covers the viewport wherever the user scrolls, and ends at the last client', async () => {
    const { el, list } = await listOf(clients(5000));
    for (const fraction of [0.1, 0.5, 0.37, 0.9, 0.2]) await scrollTo(el, list, list.scrollHeight * fraction);
    await scrollTo(el, list, list.scrollHeight);
    const rows = $$(el, '.row');
    const last = rows[rows.length - 1]!;
    expect(last.getAttribute('aria-posinset')).to.equal('5000');
    expect(Math.abs(last.getBoundingClientRect().bottom - viewportBottom(list))).to.be.below(1);
    expect(rows.length).to.be.below(40);
  });

  it('lays out rows of different heights end to end, scrolling down and back up', async () => {
    const { el, list } = await listOf(clients(3000, 3), 'width: 40rem; display: block');
    const heights = new Set($$(el, '.row').map((r) => Math.round(r.getBoundingClientRect().height)));
    expect(heights.size, 'rows of two heights').to.be.greaterThan(1);
    // Scroll down a screen at a time, as a reader would, then jump, then back up.
    for (let i = 1; i <= 12; i++) await scrollTo(el, list, list.clientHeight * i * 0.8);
    await scrollTo(el, list, list.scrollHeight * 0.6);
    for (let i = 1; i <= 8; i++) await scrollTo(el, list, list.scrollTop - list.clientHeight * 0.8);
    await scrollTo(el, list, list.scrollHeight);
    await until(() => {
      const rows = $$(el, '.row');
      return rows[rows.length - 1]!.getAttribute('aria-posinset') === '3000';
    });
    // Measured rows keep their real heights: scrolled to the end, the last row is the bottom.
    await scrollTo(el, list, list.scrollHeight);
    const rows = $$(el, '.row');
    expect(Math.abs(rows[rows.length - 1]!.getBoundingClientRect().bottom - viewportBottom(list))).to.be.below(1);
  });

  it('scrolls smoothly through rows not measured yet: what the user reads moves with the scroll', async () => {
    const { el, list } = await listOf(clients(3000, 3), 'width: 40rem; display: block');
    // Jump far down, then read upwards a little at a time through rows never rendered before.
    await scrollTo(el, list, list.scrollHeight * 0.6);
    for (let step = 0; step < 60; step++) {
      const viewportTop = list.getBoundingClientRect().top + list.clientTop;
      const watched = $$(el, '.row').find((r) => r.getBoundingClientRect().top >= viewportTop)!;
      const id = watched.dataset['client'];
      const was = watched.getBoundingClientRect().top;
      await scrollTo(el, list, list.scrollTop - 23);
      const now = $(el, `.row[data-client="${id}"]`)!.getBoundingClientRect().top;
      expect(now - was, `step ${step}: ${id} moved`).to.be.closeTo(23, 1);
    }
  });

  it('re-measures when the width changes, and shows a short filtered list from the top', async () => {
    const { el, list } = await listOf(clients(4000, 4), 'width: 60rem; display: block');
    await scrollTo(el, list, list.scrollHeight * 0.75);
    el.style.width = '36rem';
    await frame();
    await scrollTo(el, list, list.scrollTop);
    const search = $<HTMLInputElement>(el, 'input[type=search]')!;
    search.value = 'client12';
    search.dispatchEvent(new Event('input'));
    // client12, client120–129, client1200–1299: 111 rows, far fewer than were scrolled past.
    await until(() => $$(el, '.row').some((r) => r.getAttribute('aria-setsize') === '111'));
    await scrollTo(el, list, list.scrollTop);
    await scrollTo(el, list, 0);
    expect($$(el, '.row')[0]!.textContent).to.contain('client12@example.com');
  });
});
