import { expect, fixture, html } from '@open-wc/testing';
import type { PortalClient } from '../../src/client/types.js';
import type { ShareStatus } from '../../src/model/share.js';
import { $, until } from './support/helpers.js';
import { fakeClient } from './support/helpers.js';

/**
 * A page where two bundles each include `sitegate/components` (say the host app and a widget):
 * both register the `sg-*` tags. This file imports no element itself; the copies are bundled by
 * the test server (support/bundled-copies.mjs), each with its own Lit.
 */
type Components = typeof import('../../components/index.js');
const load = (name: string) => import(/* @vite-ignore */ `/__sitegate-copy/${name}.js`) as Promise<Components>;

describe('two bundles with the elements on one page', () => {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  before(() => window.addEventListener('error', onError));
  after(() => window.removeEventListener('error', onError));

  it('loads the second copy without an error; the first registration stays', async () => {
    const first = await load('first');
    const second = await load('second');
    expect(first.SgShareButton).not.to.equal(second.SgShareButton);
    expect(customElements.get('sg-share-button')).to.equal(first.SgShareButton);
    for (const tag of ['sg-portal-provider', 'sg-client-list', 'sg-share-button', 'sg-portal-view', 'sg-accept-invite', 'sg-sign-in']) {
      expect(customElements.get(tag), tag).to.exist;
    }
    expect(errors).to.deep.equal([]);
  });

  it('elements work, with the api client provided across the copies', async () => {
    await load('first');
    const second = await load('second');
    const status = async (_p: string, _m: string, ids: string[]): Promise<ShareStatus[]> => ids.map((id) => ({ id, status: 'shared', shareId: 's1' }));
    const client: PortalClient = fakeClient({ shares: { status } });
    // The provider is the first copy's element; the context key is global, so the second copy's
    // context object reaches the same consumers.
    expect(second.portalClientContext).to.equal(Symbol.for('sitegate.client'));
    const provider = await fixture(html`<sg-portal-provider .client=${client}><sg-share-button project-id="p1" resource-id="d1"></sg-share-button></sg-portal-provider>`);
    const button = provider.querySelector('sg-share-button')!;
    await until(() => $(button, '[part~=button]')?.textContent?.includes('Shared with client'));
    expect($(button, '[part~=button]')!.getAttribute('aria-pressed')).to.equal('true');
    expect(errors).to.deep.equal([]);
  });
});
