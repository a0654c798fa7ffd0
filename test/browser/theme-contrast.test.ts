import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse } from '@web/test-runner-commands';
import { nothing, type TemplateResult } from 'lit';
import '../../components/index.js';
import type { SgApprovalButton, SgClientList, SgPortalView, SgSignIn } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import type { Client } from '../../src/model/client.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, contrast, fakeClient, resolvedColor, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';
import { richContent } from './support/portal-content.js';

/**
 * Colours that read in the dark theme as in the light one, however the dark theme is asked for
 * (`theme="dark"`, `auto` with a dark preference, a dark provider around the element): the
 * destructive buttons, and a builder's brand colour, which is the accent only in the theme whose
 * surface it reads on.
 */

type Theme = 'light' | 'dark' | 'auto' | 'provider';
const DARK_THEMES: Theme[] = ['dark', 'auto', 'provider'];

/**
 * The element `make` draws, in `theme`: its own attribute, `auto` under a dark preference, or
 * inside `<sg-portal-provider theme="dark">` (which provides it `client`). Motion is reduced, so
 * colours are read after their transitions (each `emulateMedia` call sets every feature anew).
 */
async function mount<E extends HTMLElement>(theme: Theme, tag: string, client: PortalClient, make: (theme: string | typeof nothing) => TemplateResult): Promise<E> {
  await emulateMedia({ colorScheme: theme === 'auto' ? 'dark' : 'light', reducedMotion: 'reduce' });
  if (theme !== 'provider') return fixture<E>(make(theme));
  const provider = await fixture(html`<sg-portal-provider theme="dark" .client=${client}>${make(nothing)}</sg-portal-provider>`);
  return provider.querySelector<E>(tag)!;
}

const ratio = (node: Element): number => {
  const style = getComputedStyle(node);
  return contrast(style.color, style.backgroundColor);
};

/** A button's text on its own background reads at 4.5:1, with the pointer over it too. */
async function buttonReads(button: HTMLElement, what: string): Promise<void> {
  expect(ratio(button), what).to.be.at.least(4.5);
  button.scrollIntoView({ block: 'center' });
  const box = button.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
  expect(button.matches(':hover'), `${what} hovered`).to.equal(true);
  expect(ratio(button), `${what} hovered`).to.be.at.least(4.5);
  await sendMouse({ type: 'move', position: [0, 0] });
}

/** Keyboard focus on `node` (Shift alone moves nothing): its `:focus-visible` outline reads at 3:1 on `surface`. */
async function outlineReads(node: HTMLElement, surface: string, what: string): Promise<void> {
  node.focus();
  await sendKeys({ press: 'Shift' });
  const style = getComputedStyle(node);
  expect(style.outlineStyle, `${what} outline`).to.equal('solid');
  expect(contrast(style.outlineColor, surface), `${what} outline`).to.be.at.least(3);
}

const reset = () => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });

describe('theme contrast: destructive buttons and the search field', () => {
  after(reset);

  const CLIENTS = [{ id: 'c1', tenantId: 'acme', email: 'dana@example.com', name: 'Dana Client', roleId: 'client', projectIds: ['p0'], status: 'active' }] as unknown as Client[];
  const api = () =>
    fakeClient({ projects: { list: async () => [{ tenantId: 'acme', id: 'p0', name: '12 Maple Street' }] }, clients: { list: async () => ({ items: CLIENTS, nextCursor: null }) } });

  for (const theme of ['light', ...DARK_THEMES] as Theme[]) {
    it(`"Revoke access" reads at 4.5:1 on its danger colour, hovered too (${theme})`, async () => {
      const client = api();
      const el = await mount<SgClientList>(theme, 'sg-client-list', client, (t) => html`<sg-client-list theme=${t} .client=${client}></sg-client-list>`);
      (await until(() => $<HTMLElement>(el, '[part=row-menu-button]')))!.click();
      (await until(() => $<HTMLElement>(el, '[role=menu] [data-action=revoke]')))!.click();
      const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'));
      const revoke = dialog.querySelector<HTMLElement>('button.danger')!;
      if (theme !== 'light') expect(getComputedStyle(revoke).backgroundColor).to.equal('rgb(255, 138, 128)'); // the dark danger colour
      await buttonReads(revoke, `${theme} Revoke access`);
    });
  }

  for (const theme of ['light', ...DARK_THEMES] as Theme[]) {
    it(`the client search's placeholder reads at 4.5:1 on the field (${theme})`, async () => {
      const client = api();
      const el = await mount<SgClientList>(theme, 'sg-client-list', client, (t) => html`<sg-client-list theme=${t} .client=${client}></sg-client-list>`);
      const search = await until(() => $<HTMLInputElement>(el, 'input[type=search]'));
      expect(contrast(getComputedStyle(search, '::placeholder').color, getComputedStyle(search).backgroundColor)).to.be.at.least(4.5);
    });
  }

  it('"Withdraw request" reads at 4.5:1 in the dark theme', async () => {
    const mock: MockPortal = await startMocks();
    const ids = await approvalsSetup(mock);
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const client = staffClient();
    const el = await mount<SgApprovalButton>('dark', 'sg-approval-button', client, (t) => html`<sg-approval-button theme=${t} project-id="p-maple" resource-id="co-1" .client=${client}></sg-approval-button>`);
    (await until(() => $<HTMLElement>(el, '[part=withdraw]')))!.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog.withdraw[open]'));
    await buttonReads(dialog.querySelector<HTMLElement>('button.danger')!, 'Withdraw request');
  });
});

describe('theme contrast: a builder’s brand colour', () => {
  const GREEN = '#0f5132'; // reads on white (8.9:1), not on the dark surface (1.9:1)
  const BLUE = '#1d5fbf'; // reads on white (6.0:1), not on the dark surface (2.8:1)
  const YELLOW = '#ffd400'; // reads on the dark surface (12:1), not on white (1.4:1)
  const GREY = '#858585'; // reads on the dark surface, barely (4.7:1): hovered, the button must not darken
  const rgb: Record<string, string> = { [GREEN]: 'rgb(15, 81, 50)', [YELLOW]: 'rgb(255, 212, 0)', [GREY]: 'rgb(133, 133, 133)', light: 'rgb(29, 95, 191)', dark: 'rgb(110, 168, 254)' };

  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });
  after(reset);

  async function signIn(theme: Theme, color: string): Promise<SgSignIn> {
    mock.staff = null; // a visitor
    mock.tenants.acme!.brand = { accentColor: color };
    const client = staffClient();
    const el = await mount<SgSignIn>(theme, 'sg-sign-in', client, (t) => html`<sg-sign-in tenant-id="acme" theme=${t} .client=${client}></sg-sign-in>`);
    await until(() => $(el, '.card.branded') && $(el, 'form'));
    return el;
  }

  /** Every pair the accent makes on the sign-in card: the submit button's text, the accent on the card, the focus outline. */
  async function pairsRead(el: SgSignIn, what: string): Promise<void> {
    const card = $(el, '[part=base]')!;
    const surface = resolvedColor(card, '--_surface');
    expect(contrast(resolvedColor(card, '--_accent'), surface), `${what} accent on the card`).to.be.at.least(4.5);
    await buttonReads($(el, '[part=submit]')!, `${what} submit`);
    await outlineReads($(el, 'input')!, surface, what);
  }

  it('is the accent in the light theme when it reads on white', async () => {
    const el = await signIn('light', GREEN);
    expect(resolvedColor($(el, '[part=base]')!, '--_accent')).to.equal(rgb[GREEN]);
    await pairsRead(el, 'light');
  });

  for (const theme of DARK_THEMES) {
    it(`leaves the dark theme its own accent when it reads only on white (${theme})`, async () => {
      for (const color of [BLUE, GREEN]) {
        const el = await signIn(theme, color);
        const card = $(el, '[part=base]')!;
        expect(resolvedColor(card, '--_surface'), theme).to.equal('rgb(22, 27, 34)');
        await pairsRead(el, `${theme} ${color}`);
        expect(resolvedColor(card, '--_accent'), `${theme} ${color}`).to.equal(rgb.dark);
        // The card's top edge still wears it.
        expect(getComputedStyle(card).borderTopColor).to.not.equal(getComputedStyle(card).borderBottomColor);
      }
    });

    it(`is the accent in the dark theme when it reads on the dark surface, not in the light one (${theme})`, async () => {
      for (const color of [YELLOW, GREY]) {
        const dark = await signIn(theme, color);
        await pairsRead(dark, `${theme} ${color}`);
        expect(resolvedColor($(dark, '[part=base]')!, '--_accent')).to.equal(rgb[color]);
        const light = await signIn('light', color);
        await pairsRead(light, `light ${color}`);
        expect(resolvedColor($(light, '[part=base]')!, '--_accent')).to.equal(rgb.light);
      }
    });
  }

  /** Opens an item's details and waits for the panel the server's `open` answered. */
  async function openDetails(el: SgPortalView, module: string, name: string): Promise<HTMLElement> {
    const item = await until(() => $$(el, `section[data-module=${module}] li.item`).find((li) => li.textContent!.includes(name)));
    item.querySelector<HTMLElement>('.disclosure.more')!.click();
    return until(() => {
      const panel = item.querySelector<HTMLElement>('.panel');
      return panel && !panel.hidden && !panel.querySelector('[role=status]') && panel.childElementCount > 0 ? panel : undefined;
    });
  }

  for (const theme of ['light', ...DARK_THEMES] as Theme[]) {
    it(`keeps the portal's chips, badges, links and buttons readable (${theme}, ${BLUE})`, async () => {
      await richContent(mock, { brand: { accentColor: BLUE } });
      const client = await clientAs(mock, 'dana@example.com');
      const el = await mount<SgPortalView>(theme, 'sg-portal-view', client, (t) => html`<sg-portal-view theme=${t} .client=${client}></sg-portal-view>`);
      const base = await until(() => $(el, '[part=base]'));
      const chip = (await until(() => $$<HTMLElement>(el, 'nav .chip')[1]))!;
      chip.click();
      await until(() => chip.getAttribute('aria-current') === 'true');
      const selection = await openDetails(el, 'selections', 'Kitchen faucet');
      const drawing = await openDetails(el, 'drawings', 'A-301 Sections');
      const invoice = await openDetails(el, 'invoices', 'Invoice #1002');
      const surface = resolvedColor(base, '--_surface');
      const pairs: [string, Element][] = [
        ['the current jump chip', chip],
        ['"Chosen"', selection.querySelector('.chosen-badge')!],
        ['"Current revision"', drawing.querySelector('.badge.current')!],
      ];
      for (const [what, node] of pairs) expect(ratio(node), `${theme} ${what}`).to.be.at.least(4.5);
      for (const link of [$(el, 'a.name')!, drawing.querySelector('.revisions a')!]) {
        expect(contrast(getComputedStyle(link).color, surface), `${theme} ${link.textContent}`).to.be.at.least(4.5);
      }
      await buttonReads(invoice.querySelector<HTMLElement>('a[part=pay]')!, `${theme} Pay`);
      await outlineReads(chip, surface, `${theme} chip`);
      expect(resolvedColor(base, '--_accent')).to.equal(theme === 'light' ? rgb.light : rgb.dark);
    });
  }
});
