import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgApprovalButton } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, contrast, nodeName, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

/**
 * The request dialog for keyboard and screen-reader users: focus goes to what the request
 * refused, a group's error is tied to the group, a sequence's order is in each approver's name,
 * and the request that went out is said.
 */

const dialog = (el: SgApprovalButton) => $<HTMLDialogElement>(el, 'dialog')!;
const focused = (el: SgApprovalButton) => el.shadowRoot!.activeElement;
const checkbox = (el: SgApprovalButton, name: string) =>
  $$<HTMLLabelElement>(el, 'dialog label.check').find((l) => textOf(l).includes(name))!.querySelector('input')!;
/** Ticks a client, then waits for the form to render: its handlers read the draft they were drawn with. */
async function tick(el: SgApprovalButton, name: string): Promise<void> {
  checkbox(el, name).click();
  await el.updateComplete;
}
const send = (el: SgApprovalButton) => $<HTMLButtonElement>(el, 'dialog button[type=submit]')!;

/** A checkbox's name from its label as assistive technology reads it: text, without `aria-hidden` parts. */
function labelName(input: HTMLInputElement): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return;
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    node.childNodes.forEach(walk);
  };
  walk(input.labels![0]!);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

async function opened(lang = 'en', client = staffClient()): Promise<SgApprovalButton> {
  const page = await fixture<HTMLElement>(
    html`<div lang=${lang}><sg-approval-button project-id="p-maple" resource-id="co-1" .client=${client}></sg-approval-button></div>`,
  );
  const el = page.querySelector<SgApprovalButton>('sg-approval-button')!;
  (await until(() => $<HTMLElement>(el, '[part~=button]'))).click();
  await until(() => dialog(el).open && checkbox(el, 'Dana Client'));
  return el;
}

describe('sg-approval-button: the request dialog by keyboard and screen reader', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    await approvalsSetup(mock);
  });

  it('with nobody chosen, marks the group, ties the message to it and focuses its first choice', async () => {
    const el = await opened();
    send(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(dialog(el)).includes('Choose at least one client.'));
    const group = dialog(el).querySelector('fieldset')!;
    expect(group.getAttribute('aria-invalid')).to.equal('true');
    const described = group.getAttribute('aria-describedby')!.split(' ').map((id) => textOf(el.shadowRoot!.getElementById(id)!));
    expect(described).to.include('Choose at least one client.');
    await until(() => focused(el) === group.querySelector('input'));
    await expect(el).to.be.accessible();
    // Once a client is ticked and the request goes, the group is no longer marked.
    await tick(el, 'Dana Client');
    send(el).click();
    await until(() => !dialog(el).open);
    expect(group.getAttribute('aria-invalid')).to.equal('false');
  });

  it('keeps focus while sending, then moves it to a refused due date', async () => {
    const el = await opened();
    await tick(el, 'Dana Client');
    const due = $<HTMLInputElement>(el, '#due')!;
    due.value = '2020-01-01';
    due.dispatchEvent(new Event('input'));
    send(el).focus();
    // Where focus goes when it leaves the button: straight to the refused field, never dropped on
    // the way while the request is out. The answer may come before the check below runs.
    const leftFor: (EventTarget | null)[] = [];
    send(el).addEventListener('focusout', (e) => leftFor.push(e.relatedTarget));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect([nodeName(send(el)), nodeName(due)]).to.include(nodeName(focused(el)));
    await until(() => due.getAttribute('aria-invalid') === 'true');
    await until(() => focused(el) === due);
    expect(leftFor.map((target) => nodeName(target as Element | null))).to.deep.equal([nodeName(due)]);
    expect(dialog(el).open).to.equal(true);
    expect(textOf($(el, '#due-error')!)).to.equal('Choose a date from today on.');
  });

  it('says a refused due date in the page’s language, and its picker starts today', async () => {
    const el = await opened('fr');
    await tick(el, 'Dana Client');
    const due = $<HTMLInputElement>(el, '#due')!;
    const pad = (n: number) => String(n).padStart(2, '0');
    const now = new Date();
    expect(due.min).to.equal(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
    due.value = '2020-01-01';
    due.dispatchEvent(new Event('input'));
    send(el).click();
    await until(() => due.getAttribute('aria-invalid') === 'true');
    // The server's English ("must be in the future") never reaches a French form.
    expect(textOf($(el, '#due-error')!)).to.equal('Choisissez une date à partir d’aujourd’hui.');
  });

  /** The dialog with Dana ticked and "Send request" pressed, its request held until `fail` is called. */
  async function sending(): Promise<{ el: SgApprovalButton; fail: (error: unknown) => void }> {
    const client = staffClient();
    let fail!: (error: unknown) => void;
    client.approvals.request = () => new Promise((_, reject) => (fail = reject));
    const el = await opened('en', client);
    await tick(el, 'Dana Client');
    send(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => send(el).getAttribute('aria-disabled') === 'true');
    return { el, fail: (error) => fail(error) };
  }

  it('holds Escape and Cancel while sending, as the withdraw dialog does', async () => {
    const { el, fail } = await sending();
    const cancel = [...dialog(el).querySelectorAll<HTMLButtonElement>('.actions button')].find((b) => textOf(b) === 'Cancel')!;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(dialog(el).open, 'Escape held off').to.equal(true);
    cancel.click();
    await el.updateComplete;
    expect(dialog(el).open, 'Cancel held off').to.equal(true);
    expect(cancel.getAttribute('aria-disabled')).to.equal('true');
    // The failure is said in the dialog, which is still open.
    fail(new TypeError('Failed to fetch'));
    const alert = await until(() => dialog(el).querySelector('[role=alert]'));
    expect(textOf(alert)).to.equal('Could not reach the server. Check your connection and try again.');
    expect(cancel.hasAttribute('aria-disabled')).to.equal(false);
  });

  it('says a failure beside the button when the dialog was closed anyway while sending', async () => {
    const { el, fail } = await sending();
    // A second Escape cannot be held off by a page: the dialog closes while the request is out.
    dialog(el).close();
    fail(new TypeError('Failed to fetch'));
    const alert = await until(() => $(el, '[part=error][role=alert]'));
    expect(textOf(alert)).to.equal('Could not reach the server. Check your connection and try again.');
    expect(dialog(el).open).to.equal(false);
    expect(dialog(el).querySelector('[role=alert]'), 'nothing written into the closed dialog').to.equal(null);
  });

  it('names each approver’s place in a sequence (the visible number is hidden from screen readers)', async () => {
    const el = await opened();
    await tick(el, 'Eli');
    await tick(el, 'Dana Client');
    $$<HTMLInputElement>(el, 'input[name=mode]').find((i) => i.value === 'sequence')!.click();
    await el.updateComplete;
    await until(() => $$(el, '.order').length === 2);
    expect(labelName(checkbox(el, 'Eli'))).to.equal('Eli Invited , 1 of 2 in order');
    expect(labelName(checkbox(el, 'Dana Client'))).to.equal('Dana Client , 2 of 2 in order');
  });

  it('says the place in French under lang="fr"', async () => {
    const el = await opened('fr');
    $$<HTMLInputElement>(el, 'input[name=mode]').find((i) => i.value === 'sequence')!.click();
    await el.updateComplete;
    await tick(el, 'Dana Client');
    await until(() => $(el, '.order'));
    expect(textOf(checkbox(el, 'Dana Client').closest('label')!)).to.contain('1 sur 1 dans l’ordre');
  });

  it('draws the date and message fields’ borders at 3:1 or more against the dialog', async () => {
    const el = await opened();
    const surface = getComputedStyle(dialog(el)).backgroundColor;
    for (const id of ['#due', '#message']) expect(contrast(getComputedStyle($(el, id)!).borderTopColor, surface), id).to.be.at.least(3);
  });

  it('says whom approval was requested from, in a polite region outside the closed dialog', async () => {
    const el = await opened();
    await tick(el, 'Eli');
    await tick(el, 'Dana Client');
    send(el).click();
    await until(() => !dialog(el).open);
    const region = $$(el, '[role=status]').find((n) => !dialog(el).contains(n))!;
    await until(() => textOf(region) === 'Approval requested from Eli Invited, Dana Client.');
    expect(textOf($(el, '[part~=button]')!)).to.equal('Request approval again');
  });
});
