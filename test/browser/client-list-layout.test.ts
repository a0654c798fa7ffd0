import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import { $, $$, fakeClient, shots, until } from './support/helpers.js';

/**
 * Where things sit in the client list, measured in the browser: the actions button on each row's
 * first line at desktop and phone width, nothing beyond a 390 px screen, and a list only as tall
 * as its rows (up to its greatest height), still windowed when long.
 */

const LONG_NAME = 'Maximiliana Featherstonehaugh-Oyelaran';
const PROJECTS = [
  { tenantId: 'acme', id: 'p1', name: 'Harbor View Townhomes — Phase 2, Building C' },
  { tenantId: 'acme', id: 'p2', name: '12 Maple Street' },
];
const FAILED = { state: 'failed', reason: 'mailbox full', at: new Date() };

function clients(n: number): Client[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    tenantId: 'acme',
    email: `client${i}.with.a.long.address@example.com`,
    name: i === 0 ? LONG_NAME : `Client ${i}`,
    projectIds: i % 2 ? ['p2'] : ['p1', 'p2'],
    ...(i === 1 ? { status: 'invited', inviteDelivery: FAILED, inviteExpiresAt: new Date() } : { status: 'active' }),
  })) as unknown as Client[];
}

async function listOf(all: Client[]): Promise<{ el: SgClientList; list: HTMLElement }> {
  const client = fakeClient({
    projects: { list: async () => PROJECTS },
    clients: { list: async () => ({ items: all, nextCursor: null }) },
  });
  const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
  await until(() => $$(el, '.row').length > 0);
  return { el, list: $(el, '[part="list"]')! };
}

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

describe('sg-client-list layout', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [1280, 390]) {
    it(`keeps each row's actions button on the row's first line, inside the screen, at ${width} px`, async () => {
      await setViewport({ width, height: 900 });
      const { el } = await listOf(clients(3));
      await frame();
      const rows = $$(el, '.row');
      expect(rows.length).to.equal(3);
      for (const row of rows) {
        const button = row.querySelector('.more')!.getBoundingClientRect();
        const name = row.querySelector('.name')!.getBoundingClientRect();
        const label = row.getAttribute('data-client')!;
        // On the first line: the button overlaps the name's line vertically, and sits after it.
        expect(button.top, `${label}: button top`).to.be.below(name.bottom);
        expect(button.bottom, `${label}: button bottom`).to.be.above(name.top);
        expect(button.left, `${label}: button after the name`).to.be.at.least(name.right);
        expect(button.right, `${label}: inside the screen`).to.be.at.most(width);
        for (const node of row.querySelectorAll('*')) expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 60)).to.be.at.most(width);
      }
      // The whole name is there: wrapped on a phone, never cut short with an ellipsis there.
      const long = rows[0]!.querySelector<HTMLElement>('.name')!;
      if (width === 390) expect(long.scrollWidth).to.be.at.most(long.clientWidth);
      await shots('client-list-layout', el);
    });
  }

  it('is only as tall as a few rows, and no taller than its greatest height when long', async () => {
    await setViewport({ width: 1280, height: 900 });
    const { el, list } = await listOf(clients(3));
    await frame();
    const rows = $$(el, '.row');
    const content = rows[rows.length - 1]!.getBoundingClientRect().bottom - rows[0]!.getBoundingClientRect().top;
    expect(list.clientHeight, 'no empty area under the rows').to.be.within(content - 1, content + 1);
    expect(list.scrollHeight).to.be.at.most(list.clientHeight + 1);

    const long = await listOf(clients(10_000));
    await until(() => long.list.clientHeight > 0);
    await frame();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    expect(long.list.clientHeight, 'the default greatest height, 30rem').to.be.within(30 * rem - 2, 30 * rem);
    expect($$(long.el, '.row').length, 'still windowed').to.be.below(60);
  });
});
