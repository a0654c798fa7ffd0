import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgApprovalButton } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, fakeClient, problem, shots, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

/**
 * The request dialog says before sending who cannot decide on the resource: those clients are
 * listed with a disabled box and the reason (and its fix) beside the name, tied to the box.
 */

const dialog = (el: SgApprovalButton) => $<HTMLDialogElement>(el, 'dialog')!;
const labelOf = (el: SgApprovalButton, name: string) => $$<HTMLLabelElement>(el, 'dialog label.check').find((l) => textOf(l).includes(name));
const checkbox = (el: SgApprovalButton, name: string) => labelOf(el, name)!.querySelector('input')!;
/** The text of the elements an element's `aria-describedby` names. */
const describedBy = (el: SgApprovalButton, node: Element) =>
  (node.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => textOf(el.shadowRoot!.getElementById(id)!));

async function opened(client: SgApprovalButton['client'], resourceId = 'co-1', module = 'changeOrders', lang = 'en'): Promise<SgApprovalButton> {
  const page = await fixture<HTMLElement>(
    html`<div lang=${lang}>
      <sg-approval-button refresh-seconds="0" project-id="p-maple" module=${module} resource-id=${resourceId} .client=${client}></sg-approval-button>
    </div>`,
  );
  const el = page.querySelector<SgApprovalButton>('sg-approval-button')!;
  (await until(() => $<HTMLElement>(el, '[part~=button]'))).click();
  await until(() => dialog(el).open && labelOf(el, 'Dana Client'));
  return el;
}

describe('sg-approval-button: who can decide, said before sending', () => {
  let mock: MockPortal;
  let ids: Awaited<ReturnType<typeof approvalsSetup>>;
  beforeEach(async () => {
    mock = await startMocks();
    ids = await approvalsSetup(mock);
  });

  it('shows a client who cannot decide with a disabled box and the reason tied to it; the others can be asked', async () => {
    const el = await opened(staffClient());
    const fay = checkbox(el, 'Fay Prospect');
    expect(fay.disabled).to.equal(true);
    expect(describedBy(el, fay)).to.deep.equal(['their role does not allow approving here (give them a role that can approve)']);
    expect(textOf(dialog(el))).to.contain('Fay Prospect');
    expect(checkbox(el, 'Dana Client').disabled).to.equal(false);
    expect(checkbox(el, 'Dana Client').hasAttribute('aria-describedby')).to.equal(false);
    expect(checkbox(el, 'Eli').disabled).to.equal(false);
    expect(textOf(dialog(el))).to.not.contain('None of this project');
    await expect(el).to.be.accessible();
    await shots('approval-button-cannot-decide', dialog(el));

    // A click on the disabled box chooses nobody.
    fay.click();
    await el.updateComplete;
    expect(fay.checked).to.equal(false);
    checkbox(el, 'Dana Client').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await until(() => !dialog(el).open);
    const [approval] = await staffClient().approvals.list('p-maple');
    expect(approval!.approvers).to.deep.equal([ids.dana]);
  });

  it('with nobody chosen, focuses the first client who can be chosen', async () => {
    await mock.portal.clients.update(mock.staff!, ids.dana, { roleId: 'client' });
    const el = await opened(staffClient());
    expect(checkbox(el, 'Dana Client').disabled).to.equal(true);
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(dialog(el)).includes('Choose at least one client.'));
    await until(() => el.shadowRoot!.activeElement === checkbox(el, 'Eli'));
  });

  it('says so when no client can decide, and why beside each', async () => {
    mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'selections', id: 'sel-paint', kind: 'item', name: 'Paint', updatedAt: new Date('2026-01-05T09:00:00Z') });
    const el = await opened(staffClient(), 'sel-paint', 'selections');
    const boxes = $$<HTMLInputElement>(el, 'dialog input[name=approver]');
    expect(boxes.length).to.equal(3);
    expect(boxes.every((b) => b.disabled)).to.equal(true);
    expect(describedBy(el, checkbox(el, 'Dana Client'))).to.deep.equal(['it is not shared with them (share it with them first)']);
    expect(describedBy(el, checkbox(el, 'Fay Prospect'))).to.deep.equal(['their role does not allow approving here (give them a role that can approve)']);
    const group = dialog(el).querySelector('fieldset')!;
    expect(describedBy(el, group)).to.include('None of this project’s active clients can decide on this yet; the reason is beside each name.');
    // Nothing to send: no "Send request" that could only say "Choose at least one client", one way out.
    expect(dialog(el).querySelector('button[type=submit]') === null).to.equal(true);
    const buttons = [...dialog(el).querySelectorAll<HTMLButtonElement>('.actions button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Close']);
    await expect(el).to.be.accessible();
    await shots('approval-button-none-can-decide', dialog(el));
    buttons[0]!.click();
    await until(() => !dialog(el).open);
  });

  it('says it in French under lang="fr"', async () => {
    const el = await opened(staffClient(), 'co-1', 'changeOrders', 'fr');
    expect(describedBy(el, checkbox(el, 'Fay Prospect'))).to.deep.equal(['son rôle ne permet pas d’approuver ici (donnez-lui un rôle qui peut approuver)']);
  });

  it('says, in the page’s language, that a request names at most 20 clients, and sends nothing', async () => {
    const clients = Array.from({ length: 21 }, (_, i) => ({ id: `c-${i}`, name: i ? `Client ${String(i).padStart(2, '0')}` : 'Dana Client', email: `c${i}@example.com` })) as Client[];
    let sent = 0;
    const client = fakeClient({
      approvals: {
        list: async () => [],
        approvers: async () => clients.map((c) => ({ clientId: c.id, name: c.name, email: c.email })),
        request: async () => {
          sent++;
          throw problem('validation_failed', 'refused', [{ path: ['approvers'], message: 'must name at most 20 approvers' } as never]);
        },
      },
      clients: { list: async () => ({ items: clients, nextCursor: null }) },
    });
    const el = await opened(client, 'co-1', 'changeOrders', 'fr');
    for (const box of $$<HTMLInputElement>(el, 'dialog input[name=approver]')) {
      box.click();
      await el.updateComplete;
    }
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await until(() => textOf(dialog(el)).includes('Choisissez au plus'));
    expect(dialog(el).textContent).to.contain('Choisissez au plus 20\u00a0clients.');
    expect(textOf(dialog(el))).not.to.contain('must name');
    expect(sent).to.equal(0);
  });

  it('leaves every client selectable when it cannot tell, and the request’s refusal still names them', async () => {
    const clients = [
      { id: 'c-dana', name: 'Dana Client', email: 'dana@example.com' },
      { id: 'c-fay', name: 'Fay Prospect', email: 'fay@example.com' },
    ] as Client[];
    const client = fakeClient({
      approvals: {
        list: async () => [],
        approvers: async () => Promise.reject(Object.assign(problem('internal'), { status: 500 })),
        request: async () => Promise.reject(problem('validation_failed', 'refused', [{ path: ['approvers', 0], message: 'no', code: 'may_not_approve' } as never])),
      },
      clients: { list: async () => ({ items: clients, nextCursor: null }) },
    });
    const el = await opened(client);
    expect($$<HTMLInputElement>(el, 'dialog input[name=approver]').map((b) => b.disabled)).to.deep.equal([false, false]);
    expect($$(el, 'dialog .why')).to.deep.equal([]);
    checkbox(el, 'Fay Prospect').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await until(() => textOf(dialog(el)).includes('cannot decide'));
    expect(textOf($(el, 'dialog [role=alert]')!)).to.equal('Fay Prospect cannot decide: their role does not allow approving here (give them a role that can approve)');
  });
});
