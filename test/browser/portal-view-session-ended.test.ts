import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import type { Resource } from '../../src/model/resource.js';
import { $, fakeClient, problem, textOf, until } from './support/helpers.js';

/**
 * A 401 loading the portal (the session expired or ended): "Try again" would only get the same
 * answer, so the page offers "Sign in" — `sg-sign-in-request` for the host, or a link to
 * `sign-in-url` — and keeps "Try again" for failures that may pass.
 */

const PROJECT = { tenantId: 't', id: 'p0', name: 'Maple Street' };
const doc = (id: string, name: string) =>
  ({ tenantId: 't', projectId: 'p0', module: 'documents', id, kind: 'item', name, updatedAt: new Date('2026-10-20T10:00:00Z') }) as Resource;
const FEED = { project: PROJECT, modules: { documents: [doc('d1', 'Contract.pdf')] }, more: { documents: 'c1' } } as unknown as Feed;
const status = (code: string, value: number): Error => Object.assign(problem(code), { status: value });
const ENDED = { session_invalid: 'Your session has ended. Please sign in again.', unauthenticated: 'Please sign in to continue.' };

type View = Parameters<typeof fakeClient>[0]['view'];

async function portal(view: View, signInUrl?: string): Promise<SgPortalView> {
  const client = fakeClient({ view });
  const el = signInUrl
    ? await fixture<SgPortalView>(html`<sg-portal-view sign-in-url=${signInUrl} .client=${client}></sg-portal-view>`)
    : await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
  await until(() => $(el, 'section, .notice.error'));
  return el;
}

/** Presses the error's button and collects the `sg-sign-in-request` the document hears. */
async function pressSignIn(el: SgPortalView): Promise<Event[]> {
  const asked: Event[] = [];
  const listen = (e: Event): number => asked.push(e);
  document.addEventListener('sg-sign-in-request', listen);
  try {
    const button = $<HTMLButtonElement>(el, '.notice.error button[part=sign-in]')!;
    expect(textOf(button)).to.equal('Sign in');
    button.click();
  } finally {
    document.removeEventListener('sg-sign-in-request', listen);
  }
  return asked;
}

describe('sg-portal-view: the session ended', () => {
  for (const [code, words] of Object.entries(ENDED)) {
    it(`view.projects answering 401 (${code}) offers "Sign in", which asks the host (sg-sign-in-request)`, async () => {
      let asked = 0;
      const el = await portal({ projects: () => (asked++, Promise.reject(status(code, 401))) } as never);
      expect(textOf(el)).to.contain(words);
      expect(textOf(el)).not.to.contain('Try again');
      const requests = await pressSignIn(el);
      expect(requests).to.have.length(1);
      expect(requests[0]!.bubbles && requests[0]!.composed, 'bubbles, composed').to.equal(true);
      expect(asked, 'no load again').to.equal(1);
      await expect(el).to.be.accessible();
    });
  }

  it('view.feed answering 401 offers "Sign in" too', async () => {
    const el = await portal({ projects: async () => [PROJECT], feed: () => Promise.reject(status('session_invalid', 401)) } as never);
    expect(textOf(el)).to.contain(ENDED.session_invalid);
    expect(textOf(el)).not.to.contain('Try again');
    expect(await pressSignIn(el)).to.have.length(1);
  });

  it('"Show more" answering 401 offers "Sign in"', async () => {
    const el = await portal({
      projects: async () => [PROJECT],
      feed: (_id: string, page?: { cursor?: string }) => (page?.cursor ? Promise.reject(status('unauthenticated', 401)) : Promise.resolve(FEED)),
    } as never);
    (await until(() => $<HTMLButtonElement>(el, '[data-more=documents]'))).click();
    await until(() => $(el, '.notice.error'));
    expect(textOf(el)).to.contain(ENDED.unauthenticated);
    expect(textOf(el)).not.to.contain('Try again');
    expect(await pressSignIn(el)).to.have.length(1);
  });

  it('with sign-in-url, "Sign in" is a link there (as on <sg-accept-invite>)', async () => {
    const el = await portal({ projects: () => Promise.reject(status('session_invalid', 401)) } as never, '/portal/sign-in');
    const link = $<HTMLAnchorElement>(el, '.notice.error a[part=sign-in]')!;
    expect(link.href).to.equal(new URL('/portal/sign-in', location.href).href);
    expect(textOf(link)).to.equal('Sign in');
    expect(textOf(el)).not.to.contain('Try again');
  });

  it('an unsafe sign-in-url is no link: the button asks the host', async () => {
    const el = await portal({ projects: () => Promise.reject(status('session_invalid', 401)) } as never, 'javascript:alert(1)');
    expect($(el, 'a')).to.equal(null);
    expect(await pressSignIn(el)).to.have.length(1);
  });

  it('keeps "Try again" for a failure that may pass (503), and it loads again', async () => {
    let calls = 0;
    const el = await portal({
      projects: () => (++calls === 1 ? Promise.reject(status('busy', 503)) : Promise.resolve([PROJECT])),
      feed: async () => FEED,
    } as never);
    expect($(el, '[part=sign-in]')).to.equal(null);
    const retry = $<HTMLButtonElement>(el, '.notice.error button')!;
    expect(textOf(retry)).to.equal('Try again');
    retry.click();
    await until(() => textOf(el).includes('Contract.pdf'));
    expect(calls).to.equal(2);
  });

  it('says "Sign in" in the page’s language', async () => {
    const client = fakeClient({ view: { projects: () => Promise.reject(status('session_invalid', 401)) } as never });
    const page = await fixture<HTMLElement>(html`<div lang="fr"><sg-portal-view .client=${client}></sg-portal-view></div>`);
    const el = page.querySelector<SgPortalView>('sg-portal-view')!;
    const button = await until(() => $(el, '[part=sign-in]'));
    expect(textOf(button)).to.equal('Se connecter');
  });
});
