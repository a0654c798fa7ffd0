import { expect } from '@open-wc/testing';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import { $, $$, fakeClient, until } from './support/helpers.js';

/**
 * What `<sg-client-list>` does before and around its first rows: one paint with the rows (no
 * spinner frame for a quick load), the count once every page is in, pages shown once per frame,
 * dates without `Intl` in English (one formatter for every row in other languages), and a newer
 * load never mixed with an older one's pages.
 */

const PROJECTS = [{ tenantId: 'acme', id: 'p0', name: '12 Maple Street' }];
const expires = new Date('2026-01-08T00:00:00Z');

function clients(n: number, prefix = 'c'): Client[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    tenantId: 'acme',
    email: `${prefix}${i}@example.com`,
    name: `Client ${prefix}${i}`,
    projectIds: ['p0'],
    // A pending invite always has its expiry: the row shows it, as a date.
    ...(i % 2 ? { status: 'invited', inviteExpiresAt: expires } : { status: 'active' }),
  })) as unknown as Client[];
}

/** Pages of `limit`, each answered in a task of its own, as a real response is. */
function paged(all: Client[], delay = 0) {
  return async (q?: { cursor?: string; limit?: number; projectId?: string }) => {
    await new Promise((r) => setTimeout(r, delay));
    const start = Number(q?.cursor ?? 0);
    const end = start + Number(q?.limit ?? 50);
    return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null };
  };
}

/**
 * Appends the element and records, change by change, the text its shadow root showed and the
 * list size its first row announced.
 */
function mount(client: ReturnType<typeof fakeClient>): { el: SgClientList; seen: string[]; sizes: Set<string>; done: () => void } {
  const el = document.createElement('sg-client-list');
  el.client = client;
  const seen: string[] = [];
  const sizes = new Set<string>();
  const watch = new MutationObserver(() => {
    seen.push(el.shadowRoot?.textContent ?? '');
    const size = $(el, '.row')?.getAttribute('aria-setsize');
    if (size) sizes.add(size);
  });
  document.body.append(el);
  watch.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true, attributes: true });
  return { el, seen, sizes, done: () => (watch.disconnect(), el.remove()) };
}

describe('sg-client-list first render', () => {
  it('a quick load appears in one paint, rows and all, without a spinner first', async () => {
    const { el, seen, done } = mount(fakeClient({ projects: { list: async () => PROJECTS }, clients: { list: paged(clients(30)) } }));
    try {
      await until(() => $(el, '.row'));
      expect(seen.some((text) => text.includes('Loading')), 'a spinner was drawn').to.equal(false);
      expect($(el, '[part="toolbar"]'), 'the toolbar comes with the rows').to.not.equal(null);
    } finally {
      done();
    }
  });

  it('a slow load says "Loading…" after a moment, then shows the rows', async () => {
    let answer!: () => void;
    const slow = new Promise<void>((resolve) => (answer = resolve));
    const list = paged(clients(3));
    const { el, done } = mount(fakeClient({ projects: { list: async () => PROJECTS }, clients: { list: async (q) => (await slow, list(q)) } }));
    try {
      const loading = await until(() => $(el, '.state[role="status"]'), 2000);
      expect(loading.textContent).to.contain('Loading');
      expect($(el, '[part="invite-button"]'), 'the toolbar shows while it loads').to.not.equal(null);
      answer();
      await until(() => $$(el, '.row').length === 3);
    } finally {
      done();
    }
  });

  it('counts only once every page is in, and shows pages at most once a frame', async () => {
    const all = clients(6000);
    const { el, seen, sizes, done } = mount(fakeClient({ projects: { list: async () => PROJECTS }, clients: { list: paged(all) } }));
    try {
      await until(() => $(el, '.count')?.textContent?.includes('6,000 clients'), 8000);
      const counts = new Set(seen.map((text) => /([\d,]+) clients/.exec(text)?.[1]).filter(Boolean));
      expect([...counts], 'no count of the pages so far').to.deep.equal(['6,000']);
      // 12 pages of 500, each in a task of its own (quicker than frames): the rows were
      // re-rendered for the first page, the last, and once a frame between, not for every page.
      expect(sizes.has('500') && sizes.has('6000'), [...sizes].join(' ')).to.equal(true);
      expect(sizes.size, [...sizes].join(' ')).to.be.below(12);
    } finally {
      done();
    }
  });

  it('writes English dates without Intl.DateTimeFormat, and builds one formatter for every row in other languages', async () => {
    const intl = Intl as { DateTimeFormat: typeof Intl.DateTimeFormat };
    const real = intl.DateTimeFormat;
    let built = 0;
    intl.DateTimeFormat = new Proxy(real, { construct: (target, args) => (built++, Reflect.construct(target, args)) });
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    try {
      for (const [lang, formatters] of [['en', 0], ['de', 1]] as const) {
        built = 0;
        wrapper.lang = lang;
        const el = document.createElement('sg-client-list');
        el.client = fakeClient({ projects: { list: async () => PROJECTS }, clients: { list: paged(clients(40)) } });
        wrapper.replaceChildren(el);
        await until(() => $$(el, '.row .dates').length > 3);
        await el.updateComplete;
        const date = new real(lang, { dateStyle: 'medium' }).format(expires);
        expect($$(el, '.row .dates')[0]!.textContent, lang).to.contain(date);
        expect(built, lang).to.equal(formatters);
      }
    } finally {
      intl.DateTimeFormat = real;
      wrapper.remove();
    }
  });

  it('a newer load is never mixed with the pages of one it replaced', async () => {
    // The whole list answers slowly; the project's quickly: the old load's pages come last.
    const everyone = paged(clients(1200, 'all'), 60);
    const project = paged(clients(3, 'p'));
    const { el, done } = mount(
      fakeClient({ projects: { list: async () => PROJECTS }, clients: { list: (q?: { projectId?: string }) => (q?.projectId ? project(q) : everyone(q)) } }),
    );
    try {
      await new Promise((r) => setTimeout(r, 10));
      el.projectId = 'p0';
      await until(() => $$(el, '.row').length === 3);
      await new Promise((r) => setTimeout(r, 400));
      expect(el.clients!.map((c) => c.id)).to.deep.equal(['p0', 'p1', 'p2']);
    } finally {
      done();
    }
  });
});
