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

/** A promise the test settles when it chooses: a slow network, under control. */
function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

/** An approval of the resource, waiting on Dana (open: Withdraw is offered). */
const pending = (resourceId: string, module = 'changeOrders') =>
  ({
    id: `a-${resourceId}`, tenantId: 'acme', projectId: 'p-maple', module, resourceId, approvers: ['c-dana'], mode: 'any', status: 'pending',
    snapshot: { name: `${resourceId.toUpperCase()} for ${resourceId}` }, snapshotHash: 'f'.repeat(64), round: 1,
    requestedAt: new Date('2026-01-05T09:00:00Z'), requestedBy: 'u-alice', updatedAt: new Date('2026-01-05T09:00:00Z'), decisions: [], waitingOn: ['c-dana'],
  }) as unknown as ApprovalView;
const noClients = { list: async () => ({ items: [], nextCursor: null }) };

/** Lets a late reply land and the element render what it did with it. */
async function settled(el: SgApprovalButton): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  await el.updateComplete;
}

describe('sg-approval-button: turned to another resource', () => {
  it('clears the last one at once, and shows nothing of it when the new one’s read is refused', async () => {
    const refused = later<ApprovalView[]>();
    const client = fakeClient({
      approvals: { list: (_projectId, query) => (query!.id === 'r1' ? Promise.resolve([pending('r1')]) : refused.promise) },
      clients: noClients,
    });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button refresh-seconds="0" project-id="p-maple" resource-id="r1" .client=${client}></sg-approval-button>`);
    await until(() => $(el, '[part~=withdraw]'));

    el.resourceId = 'r2';
    await el.updateComplete;
    expect(textOf(el)).to.contain('Loading');
    expect(textOf(el)).to.not.contain('for r1');
    expect(nodeName($(el, '[part~=withdraw]'))).to.equal('(nothing)');

    refused.reject(Object.assign(problem('forbidden'), { status: 403 }));
    await until(() => $(el, '[part=error]'));
    expect(textOf(el)).to.contain('You do not have permission');
    expect(textOf(el)).to.not.contain('for r1');
    expect(textOf(el)).to.not.contain('Waiting for a decision');
    expect(nodeName($(el, '[part~=withdraw]'))).to.equal('(nothing)');
  });

  it('closes a request dialog drawn up for the last resource', async () => {
    const client = fakeClient({ approvals: { list: async () => [], approvers: async () => [] }, clients: noClients });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button refresh-seconds="0" project-id="p-maple" resource-id="r1" .client=${client}></sg-approval-button>`);
    (await until(() => $<HTMLElement>(el, '[part~=button]'))).click();
    await until(() => $<HTMLDialogElement>(el, 'dialog.request')!.open);
    el.resourceId = 'r2';
    await el.updateComplete;
    expect($<HTMLDialogElement>(el, 'dialog.request')!.open).to.equal(false);
  });

  for (const what of ['module', 'client'] as const) {
    it(`drops a slow reply for the ${what} shown before`, async () => {
      const slow = later<ApprovalView[]>();
      const before = fakeClient({ approvals: { list: () => slow.promise }, clients: noClients });
      const after = fakeClient({ approvals: { list: async () => [] }, clients: noClients });
      const el = await fixture<SgApprovalButton>(html`<sg-approval-button refresh-seconds="0" project-id="p-maple" resource-id="r1" .client=${before}></sg-approval-button>`);
      if (what === 'module') {
        before.approvals.list = async () => [];
        el.module = 'selections';
      } else {
        el.client = after;
      }
      await until(() => textOf(el).includes('Not yet put to a client'));
      slow.resolve([pending('r1')]);
      await settled(el);
      expect(textOf(el)).to.contain('Not yet put to a client');
      expect(nodeName($(el, '[part~=withdraw]'))).to.equal('(nothing)');
    });
  }

  it('drops a re-read started before a withdrawal when its reply comes after the read that follows the withdrawal', async () => {
    const withdrawn = { ...pending('r1'), status: 'withdrawn', withdrawnAt: new Date(), waitingOn: [] } as ApprovalView;
    const periodic = later<ApprovalView[]>();
    let reads = 0;
    const client = fakeClient({
      approvals: {
        list: async () => (++reads === 2 ? periodic.promise : [reads === 1 ? pending('r1') : withdrawn]),
        withdraw: async () => withdrawn,
      },
      clients: noClients,
    });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button refresh-seconds="0" project-id="p-maple" resource-id="r1" .client=${client}></sg-approval-button>`);
    (await until(() => $<HTMLElement>(el, '[part~=withdraw]'))).click();
    const dialog = $<HTMLDialogElement>(el, 'dialog.withdraw')!;
    await until(() => dialog.open);
    // The periodic re-read, due while the dialog is open (it skips only while the withdrawal is sent).
    void el.refresh();
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => textOf($(el, '[part=status]')!) === 'Withdrawn');
    expect(reads).to.equal(3);

    periodic.resolve([pending('r1')]);
    await settled(el);
    expect(textOf($(el, '[part=status]')!)).to.equal('Withdrawn');
    expect(nodeName($(el, '[part~=withdraw]'))).to.equal('(nothing)');
  });
});
