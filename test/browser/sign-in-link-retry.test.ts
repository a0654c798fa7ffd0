import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgSignIn } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import { $, fakeClient, problem, textOf, until } from './support/helpers.js';

/**
 * A sign-in link whose "Sign in" failed for a reason that may pass (no connection, a rate limit,
 * a busy server): the one-time link still works, so its button stays, with what went wrong beside
 * it, and pressing it again signs in. Only a dead link switches to "email me a link".
 */

const start = location.pathname + location.search;
const CLIENT = { id: 'c1', email: 'ada@example.com', name: 'Ada' } as unknown as Client;
const offline = (): Error => Object.assign(problem('internal', 'Failed to fetch'), { cause: new TypeError('Failed to fetch') });
const status = (code: string, value: number): Error => Object.assign(problem(code), { status: value });

const TRANSIENT: [string, () => Error, string][] = [
  ['a network failure', offline, 'Could not reach the server. Check your connection and try again.'],
  ['rate_limited (429)', () => status('rate_limited', 429), 'Too many attempts. Wait a moment and try again.'],
  ['busy (503)', () => status('busy', 503), 'The server is busy. Try again in a moment.'],
  ['storage_failed (503)', () => status('storage_failed', 503), 'The server could not save that right now. Please try again.'],
];

/** A card opened by `#token=TOKEN` whose first "Sign in" fails with `first`, the next succeeds. */
async function card(token: string, first: () => Error): Promise<{ el: SgSignIn; tokens: string[] }> {
  const tokens: string[] = [];
  const signInWithLink = (t: string) => (tokens.push(t), tokens.length === 1 ? Promise.reject(first()) : Promise.resolve({ client: CLIENT }));
  const client = fakeClient({ me: () => Promise.reject(problem('unauthenticated')), sessions: { signInWithLink } as never, tenants: { look: async () => ({}) } as never });
  history.replaceState(null, '', `${start}#token=${token}`);
  const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${client}></sg-sign-in>`);
  return { el, tokens };
}

describe('sg-sign-in: a sign-in link that failed for a reason that may pass', () => {
  afterEach(() => history.replaceState(null, '', start));

  for (const [name, error, words] of TRANSIENT) {
    it(`keeps "Sign in with your link" after ${name}, and pressing it again signs in`, async () => {
      const { el, tokens } = await card('tok-1', error);
      (await until(() => $<HTMLButtonElement>(el, '[part=use-link]'))).click();
      const alert = await until(() => $(el, '[role=alert]'));
      expect(textOf(alert)).to.equal(words);
      // Still the link's card, its button beside the message; not the "email me a link" form.
      const button = $<HTMLButtonElement>(el, '[part=use-link]');
      expect(button, 'the button stays').to.not.equal(null);
      expect(button!.getAttribute('aria-disabled'), 'not busy').to.equal(null);
      expect(textOf(el)).to.contain('Sign in with your link');
      expect($(el, 'input[name=email]'), 'no request form').to.equal(null);
      expect(el.shadowRoot!.activeElement, 'focus on what went wrong').to.equal(alert);
      await expect(el).to.be.accessible();

      const signedIn = new Promise<Event>((resolve) => el.addEventListener('sg-sign-in', resolve, { once: true }));
      button!.click();
      await signedIn;
      expect(tokens).to.deep.equal(['tok-1', 'tok-1']);
      await until(() => $(el, '[part=sign-out]'));
      expect(textOf(el)).to.contain('ada@example.com');
      expect($(el, '[role=alert]'), 'the old message is gone').to.equal(null);
    });
  }

  it('a dead link still switches to the "email me a link" form', async () => {
    const { el } = await card('tok-dead', () => status('link_expired', 410));
    (await until(() => $<HTMLButtonElement>(el, '[part=use-link]'))).click();
    await until(() => $(el, 'input[name=email]'));
    expect($(el, '[part=use-link]')).to.equal(null);
    expect(textOf(el)).to.contain('This link has expired.');
  });
});
