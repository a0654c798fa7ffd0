import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgApprovalButton } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, HOSTILE_TITLE, nodeName, pwned, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

/**
 * "Withdraw" on `<sg-approval-button>`: the builder takes back an open approval (asked of the
 * wrong client, or waiting on one who can no longer decide), with an optional reason.
 */

const requestButton = (el: SgApprovalButton) => $(el, '[part~=button]')!;
const withdrawButton = (el: SgApprovalButton) => $(el, '[part~=withdraw]');
const withdrawDialog = (el: SgApprovalButton) => $<HTMLDialogElement>(el, 'dialog.withdraw')!;
const confirm = (el: SgApprovalButton) => withdrawDialog(el).querySelector<HTMLButtonElement>('button[type=submit]')!;
const reasonField = (el: SgApprovalButton) => withdrawDialog(el).querySelector<HTMLTextAreaElement>('textarea')!;
const focused = (el: SgApprovalButton) => el.shadowRoot!.activeElement;
const liveRegion = (el: SgApprovalButton) => $$(el, '[role=status]').find((n) => !n.closest('dialog'))!;

/** A promise the test settles when it chooses: a slow network, under control. */
function later() {
  let resolve!: () => void;
  const promise = new Promise<void>((yes) => (resolve = yes));
  return { promise, resolve };
}

/** A staff client whose withdrawals are counted and wait for `gate` before going out. */
function gatedStaff(gate: Promise<void>): { client: PortalClient; calls: unknown[][] } {
  const client = staffClient();
  const calls: unknown[][] = [];
  const real = client.approvals.withdraw.bind(client.approvals);
  client.approvals.withdraw = async (...args) => {
    calls.push(args);
    await gate;
    return real(...args);
  };
  return { client, calls };
}

async function shown(client: PortalClient, lang = 'en'): Promise<SgApprovalButton> {
  const page = await fixture<HTMLElement>(
    html`<div lang=${lang}><sg-approval-button project-id="p-maple" resource-id="co-1" refresh-seconds="0" .client=${client}></sg-approval-button></div>`,
  );
  return page.querySelector<SgApprovalButton>('sg-approval-button')!;
}

describe('sg-approval-button: withdrawing an open approval (msw mocks, real core)', () => {
  let mock: MockPortal;
  let ids: Awaited<ReturnType<typeof approvalsSetup>>;
  beforeEach(async () => {
    mock = await startMocks();
    ids = await approvalsSetup(mock);
  });

  it('withdraws by keyboard with a reason: said, focus on "Request approval again", event, shown withdrawn with the reason', async () => {
    const staff = staffClient();
    const asked = await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'sequence' });
    await (await clientAs(mock, 'dana@example.com')).approvals.decide('p-maple', asked.id, { decision: 'approved', note: 'Fine' });
    const el = await shown(staff);
    await until(() => textOf(el).includes('Waiting on Eli'));
    const withdrawn: unknown[] = [];
    el.addEventListener('sg-approval-withdraw', (e) => withdrawn.push(e.detail.approval));
    // Beside "Request approval again", on the same line.
    const button = withdrawButton(el)!;
    expect(textOf(button)).to.equal('Withdraw');
    expect(button.getBoundingClientRect().top).to.equal(requestButton(el).getBoundingClientRect().top);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => withdrawDialog(el).open);
    expect(textOf(withdrawDialog(el))).to.contain('Withdraw approval of CO-1 Extra outlet?');
    expect(textOf(withdrawDialog(el))).to.contain('The approvers can no longer decide. Decisions already made are kept.');
    expect(withdrawDialog(el).getAttribute('aria-describedby')).to.equal('withdraw-explain');
    // The reason field has focus first.
    await until(() => focused(el) === reasonField(el));
    await sendKeys({ type: 'Asked Eli by mistake: Sam decides this one.' });
    await expect(el).to.be.accessible();
    await shots('approval-button-withdraw-dialog', withdrawDialog(el));
    await sendKeys({ press: 'Tab' }); // Cancel
    await sendKeys({ press: 'Tab' }); // Withdraw approval
    expect(nodeName(focused(el))).to.equal(nodeName(confirm(el)));
    expect(textOf(confirm(el))).to.equal('Withdraw approval');
    await sendKeys({ press: 'Enter' });

    await until(() => !withdrawDialog(el).open && textOf($(el, '[part=status]')!) === 'Withdrawn');
    await until(() => focused(el) === requestButton(el));
    expect(textOf(requestButton(el))).to.equal('Request approval again');
    await until(() => textOf(liveRegion(el)) === 'Approval withdrawn.');
    expect(withdrawButton(el)).to.equal(null);
    expect(textOf(el)).to.not.contain('Waiting on');
    expect(withdrawn).to.have.length(1);
    expect(withdrawn[0]).to.include({ id: asked.id, status: 'withdrawn', withdrawReason: 'Asked Eli by mistake: Sam decides this one.' });

    // The evidence says when and why; Dana's decision is kept.
    $<HTMLDetailsElement>(el, 'details')!.open = true;
    const evidence = textOf($(el, 'details')!);
    expect(evidence).to.match(/Withdrawn \w{3} \d+, 2\d{3}/);
    expect(evidence).to.contain('Reason: Asked Eli by mistake: Sam decides this one.');
    expect(evidence).to.contain('Dana Client approved');
    // A neutral badge: neither the pending amber nor the declined and expired red.
    const badge = getComputedStyle($(el, '[part=status]')!);
    expect(badge.backgroundColor).to.equal('rgb(244, 246, 248)');
    expect(badge.color).to.equal('rgb(86, 97, 113)');
    await expect(el).to.be.accessible();
    await shots('approval-button-withdrawn', el);
    const [after] = await staff.approvals.list('p-maple', { module: 'changeOrders', id: 'co-1' });
    expect(after).to.include({ status: 'withdrawn', withdrawReason: 'Asked Eli by mistake: Sam decides this one.' });
    expect(after!.decisions).to.have.length(1);
  });

  it('offers Withdraw only while the approval is open: not once it is decided', async () => {
    const staff = staffClient();
    const asked = await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await shown(staff);
    await until(() => withdrawButton(el));
    await (await clientAs(mock, 'dana@example.com')).approvals.decide('p-maple', asked.id, { decision: 'approved' });
    await el.refresh();
    await until(() => textOf(el).includes('Approved'));
    expect(withdrawButton(el)).to.equal(null);
    expect(textOf(requestButton(el))).to.equal('Request approval again');
  });

  it('says in words that someone decided meanwhile (409), keeps the dialog open, and shows the new status behind it', async () => {
    const staff = staffClient();
    const asked = await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await shown(staff);
    (await until(() => withdrawButton(el)))!.click();
    await until(() => withdrawDialog(el).open);
    await (await clientAs(mock, 'dana@example.com')).approvals.decide('p-maple', asked.id, { decision: 'declined' });
    confirm(el).focus();
    await sendKeys({ press: 'Enter' });
    const alert = await until(() => withdrawDialog(el).querySelector('[role=alert]'));
    expect(textOf(alert)).to.equal('This approval is no longer open: it was decided, expired or withdrawn in the meantime. Nothing was withdrawn.');
    expect(withdrawDialog(el).open).to.equal(true);
    await until(() => focused(el) === alert);
    await until(() => textOf($(el, '[part=status]')!) === 'Declined');
    await expect(el).to.be.accessible();
    await shots('approval-button-withdraw-conflict', withdrawDialog(el));
    const [after] = await staff.approvals.list('p-maple');
    expect(after).to.include({ status: 'declined' });
    // Escape closes it and forgets the problem.
    await sendKeys({ press: 'Escape' });
    await until(() => !withdrawDialog(el).open);
    expect(withdrawDialog(el).querySelector('[role=alert]')).to.equal(null);
  });

  it('puts a refused reason beside its field, in words, and focuses it', async () => {
    const staff = staffClient();
    await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await shown(staff);
    (await until(() => withdrawButton(el)))!.click();
    await until(() => withdrawDialog(el).open);
    // NUL cannot be stored by every store: the server refuses it at ['reason'].
    reasonField(el).value = 'Wrong client\u0000';
    reasonField(el).dispatchEvent(new Event('input'));
    confirm(el).click();
    await until(() => reasonField(el).getAttribute('aria-invalid') === 'true');
    expect(textOf(el.shadowRoot!.getElementById('withdraw-reason-error')!)).to.equal('Must not contain NUL (U+0000) or unpaired surrogate characters.');
    expect(reasonField(el).getAttribute('aria-describedby')).to.contain('withdraw-reason-error');
    await until(() => focused(el) === reasonField(el));
    expect(withdrawDialog(el).open).to.equal(true);
    expect((await staff.approvals.list('p-maple'))[0]).to.include({ status: 'pending' });
  });

  it('while sending: "Withdrawing…", aria-disabled, focus kept, Escape held off, and a double click sends once', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const gate = later();
    const { client, calls } = gatedStaff(gate.promise);
    const el = await shown(client);
    (await until(() => withdrawButton(el)))!.click();
    await until(() => withdrawDialog(el).open);
    // Two real clicks (a person's double click): the first sends, the second finds it busy.
    const box = confirm(el).getBoundingClientRect();
    const middle: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    await sendMouse({ type: 'click', position: middle });
    await sendMouse({ type: 'click', position: middle });
    await el.updateComplete;
    expect(calls).to.have.length(1);
    expect(calls[0]).to.deep.equal(['p-maple', (await staffClient().approvals.list('p-maple'))[0]!.id, undefined]);
    expect(textOf(confirm(el))).to.equal('Withdrawing…');
    expect(confirm(el).getAttribute('aria-disabled')).to.equal('true');
    expect(nodeName(focused(el))).to.equal(nodeName(confirm(el)));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(withdrawDialog(el).open).to.equal(true);
    gate.resolve();
    await until(() => !withdrawDialog(el).open && textOf(el).includes('Withdrawn'));
    expect(calls).to.have.length(1);
    expect(confirm(el).hasAttribute('aria-disabled')).to.equal(false);
  });

  it('says a network failure in words inside the dialog', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const client = staffClient();
    client.approvals.withdraw = () => Promise.reject(new TypeError('Failed to fetch'));
    const el = await shown(client);
    (await until(() => withdrawButton(el)))!.click();
    await until(() => withdrawDialog(el).open);
    confirm(el).click();
    const alert = await until(() => withdrawDialog(el).querySelector('[role=alert]'));
    expect(textOf(alert)).to.equal('Could not reach the server. Check your connection and try again.');
    expect(withdrawDialog(el).open).to.equal(true);
  });

  it('names approvers who can no longer decide, and why, beside Withdraw — those no longer on the project too', async () => {
    const staff = staffClient();
    await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'sequence' });
    // Eli is taken off the project: no longer among its active clients, so read by name on his own.
    await staff.clients.setProjects(ids.eli, []);
    const el = await shown(staff);
    const note = await until(() => $(el, '[part=blocked]'));
    await until(() => textOf(note!).startsWith('Eli'));
    expect(textOf(note!)).to.equal('Eli Invited cannot decide: they have no access to this project (add it to their projects) It waits on them until you withdraw it or give them their access back.');
    expect(withdrawButton(el)).to.not.equal(null);
    await expect(el).to.be.accessible();
    await shots('approval-button-blocked', el);
    // Access back: nothing to say.
    await staff.clients.setProjects(ids.eli, ['p-maple']);
    await el.refresh();
    await until(() => !$(el, '[part=blocked]'));
  });

  it('says an open approval whose resource changed since it was asked can no longer be decided', async () => {
    const staff = staffClient();
    await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 480 } });
    const el = await shown(staff);
    const note = await until(() => $(el, '[part=blocked]'));
    expect(textOf(note!)).to.equal('CO-1 Extra outlet changed since it was asked: no one can decide on it. Withdraw it and request approval again.');
    expect(withdrawButton(el)).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('speaks French under lang="fr": Retirer, then Retirée with its reason', async () => {
    const staff = staffClient();
    const asked = await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any', message: 'Prise en plus' });
    const el = await shown(staff, 'fr');
    expect(textOf((await until(() => withdrawButton(el)))!)).to.equal('Retirer');
    withdrawButton(el)!.click();
    await until(() => withdrawDialog(el).open);
    // A no-break space before the question mark (textOf would collapse it).
    expect(withdrawDialog(el).querySelector('h2')!.textContent).to.equal('Retirer la demande d’approbation de CO-1 Extra outlet\u00a0?');
    expect(textOf(confirm(el))).to.equal('Retirer la demande');
    await sendKeys({ press: 'Escape' });
    await staff.approvals.withdraw('p-maple', asked.id, { reason: 'Mauvais client' });
    await el.refresh();
    await until(() => textOf($(el, '[part=status]')!) === 'Retirée');
    expect($(el, 'details')!.textContent).to.contain('Motif\u00a0: Mauvais client');
    // The builder's message is labelled as French writes it too: a no-break space before the colon.
    expect($(el, 'details .message')!.textContent).to.equal('Message\u00a0: Prise en plus');
    expect(textOf($(el, 'details')!)).to.match(/Retirée le \d+/);
  });

  it('shows the reason as text, never as markup', async () => {
    const staff = staffClient();
    const asked = await staff.approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    await staff.approvals.withdraw('p-maple', asked.id, { reason: HOSTILE_TITLE });
    const el = await shown(staff);
    await until(() => textOf(el).includes('Withdrawn'));
    expect(textOf($(el, 'details')!)).to.contain(`Reason: ${HOSTILE_TITLE}`);
    expect(el.shadowRoot!.querySelector('details script, details img')).to.equal(null);
    expect(pwned()).to.equal(undefined);
  });
});
