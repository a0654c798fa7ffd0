import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgAcceptInvite, SgClientList, SgPortalView, SgShareButton, SgSignIn } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import type { Feed } from '../../src/model/feed.js';
import { $, $$, fakeClient, HOSTILE_NAME, HOSTILE_TITLE, HOSTILE_URL, problem, pwned, textOf, until } from './support/helpers.js';

/**
 * What the per-element suites leave out: the schedule, opened folders, every other module's
 * names and details, the photo viewer, problem messages from the server, hostile attributes,
 * and clicking everything. After each: no script ran, no markup came from data, no navigation.
 */
const JS_URLS = [HOSTILE_URL, ' javascript:window.__sgPwned=5', 'JaVaScRiPt:window.__sgPwned=6', 'java\tscript:window.__sgPwned=7', 'data:text/html,<script>window.__sgPwned=8</script>', 'vbscript:msgbox(1)'];
const at = new Date('2026-01-05T09:00:00Z');
const start = location.href;

/** Clicks every button and link inside the element once, then those that clicking revealed. */
async function clickEverything(el: Element) {
  const clicked = new Set<Element>();
  for (let round = 0; round < 3; round++) {
    for (const target of el.shadowRoot!.querySelectorAll<HTMLElement>('button, a, [role=button], summary')) {
      if (clicked.has(target)) continue;
      clicked.add(target);
      target.click();
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

async function expectInert(el: Element) {
  await new Promise((r) => setTimeout(r, 50));
  expect(pwned(), 'a payload ran').to.equal(undefined);
  expect(location.href, 'the page navigated').to.equal(start);
  expect(el.shadowRoot!.querySelector('script, iframe, object, embed, b, [onerror], [onclick]'), 'markup came from data').to.equal(null);
  for (const a of el.shadowRoot!.querySelectorAll('a[href]')) expect(a.getAttribute('href')!.trim().toLowerCase()).to.match(/^(https?:|\/|#)/);
  for (const img of el.shadowRoot!.querySelectorAll('img[src]')) expect(img.getAttribute('src')!.trim().toLowerCase()).to.match(/^(https?:|\/|blob:)/);
}

describe('hostile content, every element', () => {
  afterEach(() => {
    delete (window as unknown as { __sgPwned?: unknown }).__sgPwned;
  });

  it('sg-portal-view: every module, the schedule, opened folders and the photo viewer', async () => {
    const r = (id: string, module: string, extra: Record<string, unknown> = {}) =>
      ({ tenantId: 't', projectId: 'p', module, id, kind: 'item', name: `${HOSTILE_NAME} ${id}`, updatedAt: at, url: JS_URLS[id.length % JS_URLS.length], ...extra });
    const hostileMeta = { revision: HOSTILE_TITLE, revisions: [HOSTILE_NAME, { rev: HOSTILE_TITLE, date: HOSTILE_NAME }], weather: HOSTILE_NAME, notes: HOSTILE_TITLE, crew: HOSTILE_NAME, amount: HOSTILE_NAME, currency: '<b>', allowance: HOSTILE_NAME, choice: HOSTILE_TITLE, inspector: HOSTILE_NAME, size: HOSTILE_NAME };
    const feed = {
      project: { tenantId: 't', id: 'p', name: HOSTILE_TITLE },
      modules: {
        updates: [{ update: { id: 'u', title: HOSTILE_TITLE, body: `${HOSTILE_NAME}\n${HOSTILE_TITLE}\n${HOSTILE_URL}`, publishedAt: at, resources: [] }, resources: [r('ux', 'photos'), r('uy', 'documents')] }],
        documents: [r('d1', 'documents'), r('df', 'documents', { kind: 'folder', url: undefined })],
        drawings: [r('dr', 'drawings', { meta: hostileMeta })],
        reports: [r('rp', 'reports', { status: HOSTILE_NAME, meta: hostileMeta })],
        photos: JS_URLS.map((url, i) => r(`ph${i}`, 'photos', { url, meta: { thumbnailUrl: url } })).concat([r('pf', 'photos', { kind: 'folder', url: undefined })]),
        dailyLogs: [r('dl', 'dailyLogs', { meta: hostileMeta })],
        schedule: { resource: r('sc', 'schedule'), schedule: { id: HOSTILE_NAME, tasks: [{ id: 't1', name: HOSTILE_TITLE, start: HOSTILE_NAME, end: '2026-02-01', progress: 50 }, { id: 't2', name: HOSTILE_NAME, start: '2026-01-01', end: HOSTILE_TITLE }] } },
        selections: [r('se', 'selections', { status: HOSTILE_TITLE, meta: hostileMeta })],
        changeOrders: [r('co', 'changeOrders', { status: HOSTILE_NAME, meta: hostileMeta })],
        invoices: [r('in', 'invoices', { status: HOSTILE_NAME, meta: hostileMeta })],
      },
    } as unknown as Feed;
    const opened: string[] = [];
    const client = fakeClient({
      view: {
        projects: async () => [feed.project, { tenantId: 't', id: 'p2', name: HOSTILE_NAME }],
        feed: async () => feed,
        open: async (_p: string, module: string, id: string) => {
          opened.push(id);
          return { resource: r(id, module, { kind: 'folder' }), children: JS_URLS.map((url, i) => r(`${id}-c${i}`, module, { url })).concat([r(`${id}-sub`, module, { kind: 'folder', url: undefined })]) };
        },
      } as never,
    });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => $(el, 'section[data-module=schedule]'));
    expect(textOf(el)).to.contain(HOSTILE_TITLE);
    expect(textOf(el)).to.contain(HOSTILE_NAME);
    await clickEverything(el);
    expect(opened.length, 'folders were opened').to.be.greaterThan(0);
    expect($$(el, '.children .item').length + $$(el, '.children .thumb').length, 'opened folders show their children').to.be.greaterThan(0);
    await expectInert(el);
  });

  it('sg-portal-view: a hostile problem message from the server', async () => {
    const client = fakeClient({ view: { projects: () => Promise.reject(problem('weird_code', HOSTILE_NAME)) } });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => textOf(el).trim().length > 0 && !textOf(el).includes('Loading'));
    await expectInert(el);
  });

  it('sg-share-button: hostile attributes and a hostile problem message', async () => {
    const client = fakeClient({
      shares: {
        status: async (_p: string, _m: string, ids: string[]) => ids.map((id) => ({ id, status: 'not_shared' as const })),
        share: () => Promise.reject(problem('conflict', HOSTILE_TITLE)),
      } as never,
    });
    const el = await fixture<SgShareButton>(
      html`<sg-share-button project-id=${HOSTILE_NAME} module="documents" resource-id=${HOSTILE_TITLE} kind="item" .client=${client}></sg-share-button>`,
    );
    await until(() => $(el, '[part~=button]')?.getAttribute('aria-disabled') === 'false');
    await clickEverything(el);
    await expectInert(el);
  });

  it('sg-sign-in: a hostile signed-in email, and hostile problem and field messages', async () => {
    const signedIn = { client: { id: 'c', tenantId: 'acme', email: HOSTILE_NAME, name: HOSTILE_TITLE, projectIds: [], status: 'active' }, projects: [], rules: [] };
    const first = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${fakeClient({ me: async () => signedIn as never, sessions: { signOut: async () => {} } })}></sg-sign-in>`);
    await until(() => textOf(first).includes(HOSTILE_NAME));
    await expectInert(first);

    const client = fakeClient({
      me: () => Promise.reject(problem('unauthenticated')),
      sessions: { signIn: () => Promise.reject(problem('strange', HOSTILE_TITLE, [{ path: ['email'], message: HOSTILE_NAME }, { path: ['password'], message: HOSTILE_TITLE }])) },
    });
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id=${HOSTILE_NAME} .client=${client}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
    ($(el, '#password') as HTMLInputElement).value = 'x';
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await until(() => $(el, '[role=alert]'));
    await expectInert(el);
  });

  it('sg-accept-invite: hostile email and name, and a hostile problem on accept', async () => {
    const client = fakeClient({
      invites: {
        inspect: async () => ({ status: 'pending' as const, email: HOSTILE_NAME, name: HOSTILE_TITLE, tenantName: HOSTILE_NAME, expiresAt: new Date(Date.now() + 864e5) }),
        accept: () => Promise.reject(problem('weird', HOSTILE_TITLE, [{ path: ['password'], message: HOSTILE_NAME }])),
      } as never,
    });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token=${HOSTILE_URL} .client=${client}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    for (const input of $$(el, 'input')) (input as HTMLInputElement).value = 'a long enough password 1';
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await until(() => $(el, '[role=alert]'));
    await expectInert(el);
  });

  it('sg-client-list: hostile project names, emails and permissions, with every menu opened', async () => {
    const hostile = { id: 'c-h', tenantId: 'acme', email: `${HOSTILE_NAME}@example.com`, name: HOSTILE_TITLE, projectIds: ['p1', HOSTILE_NAME], roleId: HOSTILE_NAME, status: 'invited', inviteDelivery: { state: 'failed', reason: HOSTILE_TITLE, at } } as unknown as Client;
    const client = fakeClient({
      projects: { list: async () => [{ tenantId: 'acme', id: 'p1', name: HOSTILE_TITLE }, { tenantId: 'acme', id: HOSTILE_NAME, name: HOSTILE_NAME }] },
      clients: {
        list: async () => ({ items: [hostile], nextCursor: null }),
        get: async () => ({ ...hostile, permissions: [{ module: HOSTILE_NAME, actions: [HOSTILE_TITLE] }] }),
        sendInvite: () => Promise.reject(problem('odd', HOSTILE_TITLE)),
        revokeProject: () => Promise.reject(problem('odd', HOSTILE_NAME)),
        update: () => Promise.reject(problem('odd', HOSTILE_NAME)),
        setProjects: () => Promise.reject(problem('odd', HOSTILE_NAME)),
      } as never,
    });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    await until(() => $(el, '.row'));
    await clickEverything(el);
    await expectInert(el);
  });
});
