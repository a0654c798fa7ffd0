import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgSignIn } from '../../components/index.js';
import { $, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';

/**
 * A sign-in link that failed: a dead one (expired, used, not valid) is not offered again when the
 * element is moved in the page or the page reloaded (both read the token kept in history.state);
 * one that failed for a reason that may pass (no connection, a rate limit) still is.
 */

const start = location.pathname + location.search;

/** A card opened by `#token=TOKEN` whose "Sign in" fails with `error`, pressed and answered. */
async function failedLink(token: string, error: Error): Promise<SgSignIn> {
  const client = fakeClient({ me: () => Promise.reject(problem('unauthenticated')), sessions: { signInWithLink: () => Promise.reject(error) } as never, tenants: { look: async () => ({}) } as never });
  history.replaceState(null, '', `${start}#token=${token}`);
  const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${client}></sg-sign-in>`);
  (await until(() => $<HTMLButtonElement>(el, '[part=use-link]'))).click();
  await until(() => $(el, '[role=alert]'));
  return el;
}

/** Re-parented (a framework, a tab container): disconnected and connected again at once. */
async function moved(el: SgSignIn): Promise<SgSignIn> {
  el.parentElement!.appendChild(document.createElement('div')).append(el);
  await el.updateComplete;
  return el;
}

/** What a reload of the page shows: a new card on the same history entry, no `#token=` left. */
function reloaded(el: SgSignIn): Promise<SgSignIn> {
  return fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${el.client}></sg-sign-in>`);
}

describe('sg-sign-in: a sign-in link that failed (fake client)', () => {
  afterEach(() => history.replaceState(null, '', start));

  for (const code of ['link_expired', 'link_used', 'link_invalid']) {
    it(`forgets a dead link (${code}): moving the element or reloading does not offer it again`, async () => {
      const el = await failedLink(`dead-${code}`, problem(code));
      await moved(el);
      expect(nodeName($(el, '[part=use-link]')), 'moved').to.equal('(nothing)');
      expect(textOf(el)).not.to.contain('Sign in with your link');
      expect(JSON.stringify(history.state ?? null), 'what a reload reads').not.to.contain(`dead-${code}`);
      const again = await reloaded(el);
      await until(() => $(again, 'form'));
      expect(nodeName($(again, '[part=use-link]')), 'reloaded').to.equal('(nothing)');
    });
  }

  it('keeps a link that failed for a reason that may pass: no connection, a rate limit', async () => {
    const offline = Object.assign(problem('internal', 'Failed to fetch'), { cause: new TypeError('Failed to fetch') });
    for (const [token, error] of [['kept-offline', offline], ['kept-limited', problem('rate_limited')]] as const) {
      const el = await failedLink(token, error);
      expect(JSON.stringify(history.state ?? null), token).to.contain(token);
      await moved(el);
      expect($(el, '[part=use-link]'), token).to.not.equal(null);
      const again = await reloaded(el);
      expect(await until(() => $(again, '[part=use-link]')), token).to.not.equal(null);
    }
  });
});
