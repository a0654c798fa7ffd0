import { fixture, html } from '@open-wc/testing';
import type { SgPortalView } from '../../../components/index.js';
import type { MockPortal } from '../../../src/mocks/index.js';
import { $, $$, textOf, until } from './helpers.js';
import { clientAs } from './mocks.js';

/**
 * Approvals on the mock portal: an "Owner" role that may approve change orders and selections,
 * Dana and Eli (both active, in p-maple) holding it, the change order `co-1` and a selection
 * with two options shared. Fay stays on the default role (she may not approve).
 */
export async function approvalsSetup(mock: MockPortal): Promise<{ dana: string; eli: string; fay: string }> {
  const { portal, content } = mock;
  const staff = mock.staff!;
  await portal.roles.save(staff, { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['read', 'approve'] }, { module: 'selections', actions: ['read', 'approve'] }] });
  content.put({
    tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date('2026-01-05T09:00:00Z'),
    meta: { amount: 420, description: 'One more outlet in the kitchen island.' },
  });
  content.put({
    tenantId: 'acme', projectId: 'p-maple', module: 'selections', id: 'sel-tile', kind: 'item', name: 'Kitchen tile', updatedAt: new Date('2026-01-05T09:00:00Z'),
    meta: { allowance: 1500, options: [{ id: 'opt-1', name: 'Matte white', price: 1200 }, { id: 'opt-2', name: 'Slate grey', price: 1650 }] },
  });
  await portal.shares.share(staff, 'p-maple', [{ module: 'changeOrders', id: 'co-1', kind: 'item' }, { module: 'selections', id: 'sel-tile', kind: 'item' }]);
  // Eli is invited in the seed; accepting the invite makes him active.
  await mock.signInAs('eli@example.com', { password: 'portal-password-eli' });
  await portal.clients.add(staff, { email: 'fay@example.com', projectIds: ['p-maple'], invite: true });
  await mock.signInAs('fay@example.com', { password: 'portal-password-fay' });
  const id = async (email: string) => (await portal.clients.list(staff, { q: email })).items[0]!.id;
  const [dana, eli, fay] = [await id('dana@example.com'), await id('eli@example.com'), await id('fay@example.com')];
  for (const c of [dana, eli]) await portal.clients.update(staff, c, { roleId: 'owner' });
  return { dana, eli, fay };
}

/** The "Waiting on you" card of the approval whose item is named `name`. */
export const card = (el: SgPortalView, name: string) => $$(el, '[part=approval]').find((c) => textOf(c).includes(name));

/** The confirmation a card's Approve or Decline opens. */
export const confirmDialog = (el: SgPortalView) => $<HTMLDialogElement>(el, 'dialog.confirm')!;

/** What a card says when the approval was asked again since the page showed it. */
export const REOPENED = 'The builder asked for this again after this page was opened, and what is asked may have changed. Nothing was decided.';
export const REOPENED_FR = 'Le constructeur a redemandé cette approbation après l’ouverture de cette page, et la demande a pu changer. Rien n’a été décidé.';

/** A portal view signed in as `email`, in French when `lang` says so. */
export async function viewAs(mock: MockPortal, email: string, lang = 'en'): Promise<SgPortalView> {
  const page = await fixture<HTMLElement>(html`<div lang=${lang}><sg-portal-view .client=${await clientAs(mock, email)}></sg-portal-view></div>`);
  return page.querySelector('sg-portal-view')!;
}

/** Presses the card's Approve (0) or Decline (1), then the confirmation's; resolves with the card once the dialog has closed. */
export async function decideOnCard(el: SgPortalView, which: 0 | 1, name = 'CO-1'): Promise<HTMLElement> {
  (await until(() => card(el, name)?.querySelectorAll<HTMLButtonElement>('button')[which]))!.click();
  await until(() => confirmDialog(el).open);
  confirmDialog(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await until(() => !confirmDialog(el).open);
  return card(el, name)!;
}
