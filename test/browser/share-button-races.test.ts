import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgShareButton } from '../../components/index.js';
import type { ShareStatus } from '../../src/model/share.js';
import { $, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';

/** A promise the test settles when it chooses: a slow network, under control. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((yes) => (resolve = yes));
  return { promise, resolve };
}

const button = (el: SgShareButton) => $(el, '[part~=button]')!;

describe('sg-share-button: slow and failed status reads', () => {
  it('ignores the status of the project it left, and changes only the shown project’s share', async () => {
    const maple = later<ShareStatus[]>();
    const calls: string[] = [];
    const client = fakeClient({
      shares: {
        status: (projectId, _module, ids) => (projectId === 'p-maple' ? maple.promise : Promise.resolve(ids.map((id) => ({ id, status: 'not_shared' as const })))),
        share: async (projectId) => (calls.push(`share ${projectId}`), []),
        unshare: async (projectId, shareId) => void calls.push(`unshare ${projectId} ${shareId}`),
      },
    });
    const el = await fixture<SgShareButton>(html`<sg-share-button project-id="p-maple" module="documents" resource-id="d-contracts" .client=${client}></sg-share-button>`);
    el.projectId = 'p-harbor';
    await until(() => textOf(button(el)) === 'Share with client');
    maple.resolve([{ id: 'd-contracts', status: 'shared', shareId: 's-maple' }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(textOf(button(el))).to.equal('Share with client');
    expect(button(el).getAttribute('aria-pressed')).to.equal('false');
    button(el).click();
    await until(() => calls.length);
    expect(calls).to.deep.equal(['share p-harbor']);
  });

  it('does not toggle the last project’s status while the new one’s loads', async () => {
    const harbor = later<ShareStatus[]>();
    const calls: string[] = [];
    const client = fakeClient({
      shares: {
        status: (projectId) => (projectId === 'p-harbor' ? harbor.promise : Promise.resolve([{ id: 'd-contracts', status: 'shared', shareId: 's-maple' }])),
        unshare: async (projectId, shareId) => void calls.push(`unshare ${projectId} ${shareId}`),
      },
    });
    const el = await fixture<SgShareButton>(html`<sg-share-button project-id="p-maple" module="documents" resource-id="d-contracts" .client=${client}></sg-share-button>`);
    await until(() => textOf(button(el)) === 'Shared with client');
    el.projectId = 'p-harbor';
    await el.updateComplete;
    expect(textOf(button(el))).to.equal('Loading…');
    button(el).click();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).to.deep.equal([]);
  });

  it('after a failed first read, says "Try again", and pressing it reads the status again', async () => {
    let reads = 0;
    const client = fakeClient({
      shares: {
        status: async (_p, _m, ids) => {
          if (++reads === 1) throw Object.assign(problem('internal'), { status: 500 });
          return ids.map((id) => ({ id, status: 'shared' as const, shareId: 's-1' }));
        },
      },
    });
    const el = await fixture<SgShareButton>(html`<sg-share-button project-id="p-maple" module="documents" resource-id="d-contracts" .client=${client}></sg-share-button>`);
    await until(() => $(el, '[part=error]'));
    expect(textOf($(el, '[part=error]')!)).to.equal('Something went wrong on the server. Please try again.');
    expect(textOf(button(el))).to.equal('Try again');
    expect(button(el).getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(button(el)) === 'Shared with client');
    expect(reads).to.equal(2);
    expect(nodeName($(el, '[part=error]'))).to.equal('(nothing)');
    expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(button(el)));
  });
});
