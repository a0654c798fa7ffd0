import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgApprovalButton } from '../../components/index.js';
import { $, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';

describe('sg-approval-button: a failed first read', () => {
  it('without refreshing, offers "Try again" instead of "Loading…" for ever, and reads again on it', async () => {
    let reads = 0;
    const client = fakeClient({
      approvals: {
        list: async () => {
          if (++reads === 1) throw Object.assign(problem('internal'), { status: 500 });
          return [];
        },
      },
      clients: { list: async () => ({ items: [], nextCursor: null }) },
    });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button refresh-seconds="0" project-id="p-maple" resource-id="co-1" .client=${client}></sg-approval-button>`);
    const error = await until(() => $(el, '[part=error]'));
    expect(textOf(error)).to.contain('Something went wrong on the server. Please try again.');
    expect(textOf(el)).to.not.contain('Loading');
    const retry = error.querySelector('button')!;
    expect(textOf(retry)).to.equal('Try again');
    await expect(el).to.be.accessible();
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(el).includes('Not yet put to a client'));
    expect(reads).to.equal(2);
    expect(nodeName($(el, '[part=error]'))).to.equal('(nothing)');
    // Focus goes to what took the error's place.
    await until(() => el.shadowRoot!.activeElement === $(el, '[part~=button]'));
  });
});
