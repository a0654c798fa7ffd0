import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, HOSTILE_NAME, HOSTILE_TITLE, nodeName, pwned, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

const waiting = (el: SgPortalView) => $(el, '[part=waiting]');
const card = (el: SgPortalView, name: string) => $$(el, '[part=approval]').find((c) => textOf(c).includes(name));
const button = (root: Element, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b).startsWith(text))!;
const confirmDialog = (el: SgPortalView) => $<HTMLDialogElement>(el, 'dialog.confirm')!;

describe('sg-portal-view: Waiting on you (msw mocks, real core)', () => {
  let mock: MockPortal;
  let ids: Awaited<ReturnType<typeof approvalsSetup>>;
  beforeEach(async () => {
    mock = await startMocks();
    ids = await approvalsSetup(mock);
  });

  it('shows what is asked and approves by keyboard with a note; then the decision and who else decides', async () => {
    const dueAt = new Date(Date.now() + 5 * 86_400_000);
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'all', dueAt, message: 'The electrician can add it on Friday.' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const section = await until(() => waiting(el));
    // First in the overview, before the tiles.
    expect(section.closest('[part=overview]')!.firstElementChild?.nextElementSibling).to.equal(section);
    const text = textOf(section);
    expect(text).to.contain('Waiting on you');
    expect(text).to.contain('CO-1 Extra outlet');
    expect(text).to.contain('$420.00');
    expect(text).to.contain('The electrician can add it on Friday.');
    expect(text).to.contain(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(dueAt));
    await expect(el).to.be.accessible();
    await shots('portal-view-waiting', section);

    button(card(el, 'CO-1')!, 'Approve').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => confirmDialog(el).open);
    expect(textOf(confirmDialog(el))).to.contain('Approve CO-1 Extra outlet?');
    await sendKeys({ type: 'Fine by us' }); // the note field has focus first
    await expect(el).to.be.accessible();
    await shots('portal-view-approve-dialog', confirmDialog(el));
    button(confirmDialog(el), 'Approve').focus();
    await sendKeys({ press: 'Enter' });

    await until(() => !confirmDialog(el).open && textOf(card(el, 'CO-1')!).includes('You approved this'));
    expect(textOf(card(el, 'CO-1')!)).to.contain('Still waiting on 1 other approver.');
    // The Approve button that opened the dialog is gone: focus is on the outcome that replaced it.
    await until(() => el.shadowRoot!.activeElement?.classList.contains('outcome'));
    expect(card(el, 'CO-1')!.contains(el.shadowRoot!.activeElement)).to.equal(true);
    await shots('portal-view-waiting-decided', section);
    const [approval] = await staffClient().approvals.list('p-maple', { module: 'changeOrders' });
    expect(approval!.decisions).to.have.length(1);
    expect(approval!.decisions[0]).to.include({ clientId: ids.dana, decision: 'approved', note: 'Fine by us' });
  });

  it('offers a selection’s options and sends the one chosen', async () => {
    await staffClient().approvals.request('p-maple', { module: 'selections', id: 'sel-tile', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => card(el, 'Kitchen tile'));
    const text = textOf(card(el, 'Kitchen tile')!);
    expect(text).to.contain('Allowance');
    expect(text).to.contain('$1,500.00');
    expect(text).to.contain('Slate grey');
    button(card(el, 'Kitchen tile')!, 'Approve').click();
    await until(() => confirmDialog(el).open);
    // Nothing is chosen for the client: approving without a choice asks for one, and sends nothing.
    button(confirmDialog(el), 'Approve').click();
    await until(() => textOf(confirmDialog(el)).includes('Choose one of the options.'));
    const slate = [...confirmDialog(el).querySelectorAll<HTMLInputElement>('input[name=option]')].find((i) => i.value === 'opt-2')!;
    slate.focus();
    await sendKeys({ press: 'Space' });
    // Once an option is chosen, the request to choose one goes.
    await until(() => !textOf(confirmDialog(el)).includes('Choose one of the options.'));
    await shots('portal-view-option-dialog', confirmDialog(el));
    button(confirmDialog(el), 'Approve').click();
    await until(() => textOf(card(el, 'Kitchen tile')!).includes('Chose: Slate grey'));
    expect(textOf(card(el, 'Kitchen tile')!)).to.contain('Approved');
    expect(textOf(card(el, 'Kitchen tile')!)).to.contain('Nothing more is needed from you.');
    const [approval] = await staffClient().approvals.list('p-maple', { module: 'selections' });
    expect(approval!.decisions[0]!.optionId).to.equal('opt-2');
  });

  it('says in words why a decision was refused (stale) on the card, offering no decision, and the approval is unchanged', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => card(el, 'CO-1'));
    // The builder changes the amount after asking.
    mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 480 } });
    button(card(el, 'CO-1')!, 'Decline').click();
    await until(() => confirmDialog(el).open);
    button(confirmDialog(el), 'Decline').click();
    await until(() => !confirmDialog(el).open);
    expect(textOf(card(el, 'CO-1')!.querySelector('.outcome')!)).to.equal('This changed after approval was requested. The builder must request approval again.');
    expect(card(el, 'CO-1')!.querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
    await shots('portal-view-stale', card(el, 'CO-1')!);
    const [after] = await staffClient().approvals.list('p-maple');
    expect(after).to.include({ id: approval.id, status: 'pending' });
    expect(after!.decisions).to.deep.equal([]);
  });

  it('without a choice, marks the options, ties the message to them and focuses the first', async () => {
    await staffClient().approvals.request('p-maple', { module: 'selections', id: 'sel-tile', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    button((await until(() => card(el, 'Kitchen tile')))!, 'Approve').click();
    await until(() => confirmDialog(el).open);
    button(confirmDialog(el), 'Approve').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(confirmDialog(el)).includes('Choose one of the options.'));
    const group = confirmDialog(el).querySelector('fieldset')!;
    expect(group.getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(el.shadowRoot!.getElementById(group.getAttribute('aria-describedby')!)!)).to.equal('Choose one of the options.');
    await until(() => el.shadowRoot!.activeElement === group.querySelector('input'));
    await expect(el).to.be.accessible();
  });

  it('keeps focus in the confirmation while deciding, and puts it on a refusal', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    button((await until(() => card(el, 'CO-1')))!, 'Decline').click();
    await until(() => confirmDialog(el).open);
    // Dana's role no longer lets her approve: refused in the confirmation.
    await mock.portal.clients.update(mock.staff!, ids.dana, { roleId: 'client' });
    const decline = button(confirmDialog(el), 'Decline');
    decline.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    // In the confirmation all along: on its button while the decision is out, or already on the
    // refusal when the answer was quicker than this render.
    const active = el.shadowRoot!.activeElement;
    expect(active === decline || active === confirmDialog(el).querySelector('[role=alert]'), nodeName(active)).to.equal(true);
    const alert = await until(() => confirmDialog(el).querySelector('[role=alert]'));
    await until(() => el.shadowRoot!.activeElement === alert);
  });

  it('shows an approval the builder withdrew while the page was open as Withdrawn, with the reason, and no Approve or Decline', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    button((await until(() => card(el, 'CO-1')))!, 'Approve').click();
    await until(() => confirmDialog(el).open);
    await staffClient().approvals.withdraw('p-maple', approval.id, { reason: 'Asked the wrong owner' });
    button(confirmDialog(el), 'Approve').focus();
    await sendKeys({ press: 'Enter' });

    // Nothing to refuse: the question is gone, and the card says so.
    await until(() => !confirmDialog(el).open && textOf(card(el, 'CO-1')!).includes('Withdrawn'));
    const text = textOf(card(el, 'CO-1')!);
    expect(text).to.contain('Reason: Asked the wrong owner');
    expect(text).to.contain('Nothing more is needed from you.');
    expect(card(el, 'CO-1')!.querySelector('button')).to.equal(null);
    await until(() => el.shadowRoot!.activeElement?.classList.contains('outcome'));
    expect(card(el, 'CO-1')!.contains(el.shadowRoot!.activeElement)).to.equal(true);
    // Neutral: neither an outcome's green nor red.
    const badge = getComputedStyle(card(el, 'CO-1')!.querySelector('.status')!);
    expect(badge.backgroundColor).to.equal('rgb(244, 246, 248)');
    expect(badge.color).to.equal('rgb(86, 97, 113)');
    await expect(el).to.be.accessible();
    await shots('portal-view-waiting-withdrawn', waiting(el)!);
    const [after] = await staffClient().approvals.list('p-maple');
    expect(after).to.include({ status: 'withdrawn' });
    expect(after!.decisions).to.deep.equal([]);
    // A new visit no longer lists it: nothing waits on Dana.
    el.projectId = 'p-harbor';
    await until(() => !card(el, 'CO-1'));
    el.projectId = 'p-maple';
    await until(() => el.feed);
    await new Promise((r) => setTimeout(r, 100));
    expect(waiting(el)).to.equal(null);
  });

  it('nests its headings under the overview’s: "Waiting on you" an h4, each approval an h5', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => card(el, 'CO-1'));
    const levels = $$(el, '[part=overview] :is(h2, h3, h4, h5, h6)').map((h) => `${h.tagName} ${textOf(h)}`);
    expect(levels).to.deep.equal(['H3 Overview', 'H4 Waiting on you', 'H5 Change orders CO-1 Extra outlet']);
  });

  it('in a sequence, shows the second approver that another decides first, then its turn', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.eli, ids.dana], mode: 'sequence' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => card(el, 'CO-1'));
    expect(textOf(card(el, 'CO-1')!)).to.contain('another approver decides first');
    expect(card(el, 'CO-1')!.querySelector('button')).to.equal(null);
    await (await clientAs(mock, 'eli@example.com')).approvals.decide('p-maple', approval.id, { decision: 'approved' });
    // A new visit (here: the project again) shows Dana's turn.
    el.projectId = 'p-harbor';
    await until(() => !card(el, 'CO-1'));
    el.projectId = 'p-maple';
    await until(() => card(el, 'CO-1')?.querySelector('button'));
    expect(textOf(card(el, 'CO-1')!)).to.not.contain('another approver decides first');
  });

  it('offers Approve on a project opened after one with nothing to decide', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const client = await clientAs(mock, 'dana@example.com');
    // Each project's list read to its end, so the first project's load has finished before the switch.
    const listed: string[] = [];
    const listMine = client.approvals.listMine;
    client.approvals.listMine = async (...args: Parameters<typeof listMine>) => {
      const approvals = await listMine(...args);
      listed.push(args[0]);
      return approvals;
    };
    const el = await fixture<SgPortalView>(html`<sg-portal-view project-id="p-harbor" .client=${client}></sg-portal-view>`);
    await until(() => listed.includes('p-harbor'));
    expect(waiting(el)).to.equal(null);
    el.projectId = 'p-maple';
    const approve = await until(() => card(el, 'CO-1') && button(card(el, 'CO-1')!, 'Approve'));
    expect(approve.disabled).to.equal(false);
    expect(textOf(card(el, 'CO-1')!)).to.not.contain('another approver decides first');
  });

  it('in a sequence, counts every approver still to decide, not only the next', async () => {
    await mock.portal.clients.update(mock.staff!, ids.fay, { roleId: 'owner' });
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli, ids.fay], mode: 'sequence' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    button(await until(() => card(el, 'CO-1')), 'Approve').click();
    await until(() => confirmDialog(el).open);
    button(confirmDialog(el), 'Approve').click();
    await until(() => textOf(card(el, 'CO-1')!).includes('You approved this'));
    expect(textOf(card(el, 'CO-1')!)).to.contain('Still waiting on 2 other approvers.');
  });

  it('renders the builder’s message and the resource’s name as text, never as markup', async () => {
    mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: HOSTILE_NAME, updatedAt: new Date(), meta: { amount: 420 } });
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any', message: HOSTILE_TITLE });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const hostile = await until(() => card(el, HOSTILE_NAME));
    expect(textOf(hostile)).to.contain(HOSTILE_TITLE);
    expect(hostile.querySelector('img, script')).to.equal(null);
    button(hostile, 'Approve').click();
    await until(() => confirmDialog(el).open);
    expect(textOf(confirmDialog(el))).to.contain(`Approve ${HOSTILE_NAME}?`);
    expect(confirmDialog(el).querySelector('img, script')).to.equal(null);
    expect(pwned()).to.equal(undefined);
  });

  it('speaks French where the page is French', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const host = await fixture<HTMLElement>(html`<div lang="fr"><sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view></div>`);
    const el = host.querySelector<SgPortalView>('sg-portal-view')!;
    await until(() => card(el, 'CO-1'));
    expect(textOf(waiting(el)!)).to.contain('En attente de votre décision');
    expect(textOf(card(el, 'CO-1')!)).to.match(/420,00\s\$US/);
    expect(button(card(el, 'CO-1')!, 'Approuver')).to.not.equal(undefined);
  });
});
