import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgAcceptInvite } from '../../components/index.js';
import { $, fakeClient, textOf, until } from './support/helpers.js';

const pending = { status: 'pending' as const, email: 'lea@example.com', name: 'Léa', tenantName: 'Acme Builders' };

/** Fills both password fields and presses the join button. */
function join(el: SgAcceptInvite): void {
  ($(el, '#password') as HTMLInputElement).value = 'a long enough password';
  ($(el, '#confirm') as HTMLInputElement).value = 'a long enough password';
  $(el, '[part=submit]')!.click();
}

describe('sg-accept-invite sends the page’s language', () => {
  it('with the accept, as the nearest lang says it (full tag)', async () => {
    let accepted: unknown;
    const client = fakeClient({
      invites: {
        inspect: async () => pending,
        accept: async (_token, input) => {
          accepted = input;
          return { client: { id: 'c1', email: 'lea@example.com', name: 'Léa' } as never, session: { token: 's', expiresAt: new Date() } };
        },
      },
    });
    const page = await fixture<HTMLElement>(html`<div lang="fr-CA"><sg-accept-invite token="t1" .client=${client}></sg-accept-invite></div>`);
    const el = page.querySelector<SgAcceptInvite>('sg-accept-invite')!;
    await until(() => $(el, 'form'));
    join(el);
    await until(() => accepted);
    expect(accepted).to.deep.equal({ password: 'a long enough password', name: 'Léa', language: 'fr-CA' });
  });

  it('through the API, where it becomes the client’s email language', async () => {
    const { startMocks, staffClient } = await import('./support/mocks.js');
    const mock = await startMocks();
    const added = await staffClient().clients.add({ email: 'lea@example.com', name: 'Léa', projectIds: ['p-maple'] });
    const token = mock.inviteToken('lea@example.com')!;
    mock.staff = null;
    const bodies: unknown[] = [];
    const watched: typeof fetch = async (input, init) => {
      const request = new Request(input as RequestInfo, init);
      if (request.url.endsWith('/invites/accept')) bodies.push(await request.clone().json());
      return fetch(request);
    };
    const { createPortalClient } = await import('../../src/client/index.js');
    const client = createPortalClient({ baseUrl: '/api/portal', fetch: watched, keepSessionToken: false });
    const page = await fixture<HTMLElement>(html`<section lang="fr"><sg-accept-invite token=${token} .client=${client}></sg-accept-invite></section>`);
    const el = page.querySelector<SgAcceptInvite>('sg-accept-invite')!;
    await until(() => $(el, 'form'));
    join(el);
    await until(() => textOf(el).includes('Léa'));
    await until(() => bodies.length);
    expect(bodies[0]).to.include({ language: 'fr' });
    mock.staff = { type: 'staff', tenantId: 'acme', userId: 'u-alice' };
    expect((await staffClient().clients.get(added.id)).language).to.equal('fr');
  });
});
