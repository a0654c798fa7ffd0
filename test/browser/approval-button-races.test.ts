import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgApprovalButton } from '../../components/index.js';
import type { ApprovalView } from '../../src/model/approval.js';
import { $, $$, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';

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

describe('sg-approval-button: a withdrawal answered after the element moved on', () => {
  it('changes nothing on screen for the resource now shown, and still tells the host', async () => {
    const open = (resourceId: string) =>
      ({
        id: `a-${resourceId}`, tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', resourceId, approvers: ['c-dana'], mode: 'any', status: 'pending',
        snapshot: { name: resourceId === 'co-1' ? 'CO-1 Extra outlet' : 'CO-2 Windows' }, snapshotHash: 'f'.repeat(64), round: 1,
        requestedAt: new Date('2026-01-05T09:00:00Z'), requestedBy: 'u-alice', updatedAt: new Date('2026-01-05T09:00:00Z'), decisions: [], waitingOn: ['c-dana'],
      }) as unknown as ApprovalView;
    let answer!: (approval: ApprovalView) => void;
    const client = fakeClient({
      approvals: {
        list: async (_projectId, query) => [open(query!.id!)],
        withdraw: () => new Promise<ApprovalView>((resolve) => (answer = resolve)),
      },
      clients: { list: async () => ({ items: [], nextCursor: null }) },
    });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button refresh-seconds="0" project-id="p-maple" resource-id="co-1" .client=${client}></sg-approval-button>`);
    const heard: ApprovalView[] = [];
    el.addEventListener('sg-approval-withdraw', (e) => heard.push(e.detail.approval));
    (await until(() => $<HTMLElement>(el, '[part~=withdraw]')))!.click();
    const dialog = $<HTMLDialogElement>(el, 'dialog.withdraw')!;
    await until(() => dialog.open);
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => answer);

    // The page shows another change order before the answer comes.
    el.resourceId = 'co-2';
    await until(() => textOf(el).includes('CO-2 Windows'));
    expect(dialog.open).to.equal(false);
    answer({ ...open('co-1'), status: 'withdrawn', withdrawnAt: new Date(), waitingOn: [] } as ApprovalView);
    await until(() => heard.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(heard[0]).to.include({ resourceId: 'co-1', status: 'withdrawn' });
    expect(textOf($(el, '[part=status]')!)).to.equal('Waiting for a decision');
    expect($(el, '[part~=withdraw]')).to.not.equal(null);
    expect(textOf($$(el, '[role=status]').find((n) => !n.closest('dialog'))!)).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(null);
  });
});
