import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgApprovalButton } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, HOSTILE_NAME, HOSTILE_TITLE, pwned, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

const requestButton = (el: SgApprovalButton) => $(el, '[part~=button]');
const dialog = (el: SgApprovalButton) => $<HTMLDialogElement>(el, 'dialog')!;
const checkbox = (el: SgApprovalButton, name: string) =>
  $$<HTMLLabelElement>(el, 'dialog label.check').find((l) => textOf(l).includes(name))!.querySelector('input')!;

/** Moves keyboard focus to `target` by pressing Tab (at most 30 times), as a keyboard user would. */
async function tabTo(target: Element): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const active = (target.getRootNode() as ShadowRoot).activeElement;
    if (active === target) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error('could not reach the control by Tab');
}

describe('sg-approval-button (msw mocks, real core)', () => {
  let mock: MockPortal;
  let ids: Awaited<ReturnType<typeof approvalsSetup>>;
  beforeEach(async () => {
    mock = await startMocks();
    ids = await approvalsSetup(mock);
  });

  it('requests approval from two clients in sequence by keyboard, then shows who has to decide', async () => {
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button project-id="p-maple" module="changeOrders" resource-id="co-1" .client=${staffClient()}></sg-approval-button>`);
    await until(() => textOf(el).includes('Not yet put to a client'));
    await expect(el).to.be.accessible();
    await shots('approval-button-none', el);
    const requested: unknown[] = [];
    el.addEventListener('sg-approval-request', (e) => requested.push(e.detail.approval));

    requestButton(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open && checkbox(el, 'Dana Client'));
    // Eli first, then Dana: the order of ticking is the order of the sequence.
    await tabTo(checkbox(el, 'Eli'));
    await sendKeys({ press: 'Space' });
    await tabTo(checkbox(el, 'Dana Client'));
    await sendKeys({ press: 'Space' });
    const sequence = $$<HTMLInputElement>(el, 'input[name=mode]').find((i) => i.value === 'sequence')!;
    sequence.focus();
    await sendKeys({ press: 'Space' });
    await until(() => $$(el, '.order').length === 2);
    await tabTo($(el, '#message')!);
    await sendKeys({ type: 'The electrician can add it on Friday.' });
    await expect(el).to.be.accessible();
    await shots('approval-button-dialog', dialog(el));
    await sendKeys({ press: 'Enter' }); // in the textarea: a new line, not a submit
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });

    await until(() => !dialog(el).open && textOf(el).includes('Waiting for a decision'));
    expect(textOf(el)).to.contain('Waiting on Eli');
    expect(textOf(el)).to.contain('$420.00');
    // While it is open the builder can still ask again (e.g. after changing the change order).
    expect(textOf(requestButton(el)!)).to.contain('Request approval again');
    expect(requested).to.have.length(1);
    const [approval] = await staffClient().approvals.list('p-maple', { module: 'changeOrders', id: 'co-1' });
    expect(approval).to.include({ mode: 'sequence', status: 'pending' });
    expect(approval!.approvers).to.deep.equal([ids.eli, ids.dana]);
    expect(approval!.message).to.equal('The electrician can add it on Friday.');
  });

  it('shows each decision with its evidence, live, and downloads the evidence document', async () => {
    const staff = staffClient();
    const approval = await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'sequence', message: 'Please approve' });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button project-id="p-maple" resource-id="co-1" .client=${staff}></sg-approval-button>`);
    await until(() => textOf(el).includes('Waiting on Dana Client'));

    await (await clientAs(mock, 'dana@example.com')).approvals.decide('p-maple', approval.id, { decision: 'approved', note: 'Go ahead' });
    await el.refresh();
    await until(() => textOf(el).includes('Waiting on Eli'));
    await (await clientAs(mock, 'eli@example.com')).approvals.decide('p-maple', approval.id, { decision: 'declined', note: 'Too expensive' });
    await el.refresh();
    await until(() => textOf(el).includes('Declined'));

    const summary = $(el, 'details summary')!;
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $<HTMLDetailsElement>(el, 'details')!.open);
    const evidence = textOf($(el, '[part=evidence]')!);
    expect(evidence).to.match(/Dana Client approved · .*2026/);
    expect(evidence).to.contain('Note: Go ahead');
    expect(evidence).to.contain('Eli');
    expect(evidence).to.contain('declined');
    expect(evidence).to.contain(approval.snapshotHash.slice(0, 12));
    expect(textOf(el)).to.contain(approval.snapshotHash);
    // Settled: it can be asked again.
    expect(textOf(requestButton(el)!)).to.contain('Request approval again');
    await expect(el).to.be.accessible();
    await shots('approval-button-evidence', el);

    // The download is the server's export document, as JSON.
    const clicked: HTMLAnchorElement[] = [];
    const original = HTMLAnchorElement.prototype.click;
    const revoke = URL.revokeObjectURL;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    URL.revokeObjectURL = () => {}; // keep the blob readable for this check
    try {
      $<HTMLButtonElement>(el, '[part=export]')!.click();
      await until(() => clicked.length === 1);
    } finally {
      HTMLAnchorElement.prototype.click = original;
      URL.revokeObjectURL = revoke;
    }
    expect(clicked[0]!.download).to.equal(`approval-${approval.id}.json`);
    const doc = await (await fetch(clicked[0]!.href)).json();
    expect(doc).to.include({ format: 'sitegate.approval/v1', hashAlgorithm: 'SHA-256' });
    expect(doc.approval.decisions.map((d: { decision: string }) => d.decision)).to.deep.equal(['approved', 'declined']);
    expect(doc.approval.snapshotHash).to.equal(approval.snapshotHash);
  });

  it('names the client who cannot approve, in words, and changes nothing', async () => {
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button project-id="p-maple" resource-id="co-1" .client=${staffClient()}></sg-approval-button>`);
    await until(() => requestButton(el));
    requestButton(el)!.click();
    await until(() => dialog(el).open && checkbox(el, 'Fay Prospect'));
    // Nobody chosen: said at once, nothing sent.
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await until(() => textOf(dialog(el)).includes('Choose at least one client.'));
    checkbox(el, 'Dana Client').click();
    // Dana's role changes after the dialog said she could decide: the request's refusal names her.
    await mock.portal.clients.update(mock.staff!, ids.dana, { roleId: 'client' });
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await until(() => textOf(dialog(el)).includes('cannot decide'));
    expect(textOf($(el, 'dialog [role=alert]')!)).to.equal('Dana Client cannot decide: their role does not allow approving here (give them a role that can approve)');
    expect(dialog(el).open).to.equal(true);
    await expect(el).to.be.accessible();
    expect(await staffClient().approvals.list('p-maple')).to.deep.equal([]);
    // Escape closes the dialog and forgets the problem.
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el).open);
  });

  it('shows notes, messages and names as text, never as markup', async () => {
    const staff = staffClient();
    await mock.portal.clients.update(mock.staff!, ids.dana, { name: HOSTILE_NAME });
    const approval = await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any', message: HOSTILE_TITLE });
    await (await clientAs(mock, 'dana@example.com')).approvals.decide('p-maple', approval.id, { decision: 'approved', note: HOSTILE_TITLE });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button project-id="p-maple" resource-id="co-1" .client=${staff}></sg-approval-button>`);
    await until(() => textOf(el).includes('Approved'));
    $<HTMLDetailsElement>(el, 'details')!.open = true;
    expect(textOf(el)).to.contain(`${HOSTILE_NAME} approved`);
    expect(textOf(el)).to.contain(`Note: ${HOSTILE_TITLE}`);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect(pwned()).to.equal(undefined);
  });

  it('re-reads the status on its own every refresh-seconds', async () => {
    const staff = staffClient();
    const approval = await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button project-id="p-maple" resource-id="co-1" refresh-seconds="0.2" .client=${staff}></sg-approval-button>`);
    await until(() => textOf(el).includes('Waiting on Dana Client'));
    await (await clientAs(mock, 'dana@example.com')).approvals.decide('p-maple', approval.id, { decision: 'approved' });
    await until(() => textOf(el).includes('Approved'), 4000);
  });
});
