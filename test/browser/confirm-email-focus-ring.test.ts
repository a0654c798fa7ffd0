import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgConfirmEmail } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, shot, until } from './support/helpers.js';
import { staffClient, startMocks } from './support/mocks.js';

/**
 * After a refusal, focus goes to the message saying why: its focus ring keeps clear of the
 * words, also on a phone, where the title fills the width.
 */

const STAFF = { type: 'staff', tenantId: 'acme', userId: 'u-alice' } as const;

/** The builder changes dana's address; returns the token of the link mailed for it. */
async function confirmToken(mock: MockPortal): Promise<string> {
  mock.staff = STAFF;
  const staff = staffClient();
  const dana = (await staff.clients.list()).items.find((c) => c.email === 'dana@example.com')!;
  await staff.clients.update(dana.id, { email: 'dana.new@example.com' });
  mock.staff = null;
  return until(() => mock.accountLinkToken('dana.new@example.com', 'confirm-email'));
}

/** The smallest gap between the inner edge of the focus outline and the words in `el`, at its start and end. */
function gap(el: Element): number {
  const box = el.getBoundingClientRect();
  const offset = parseFloat(getComputedStyle(el).outlineOffset);
  const range = document.createRange();
  range.selectNodeContents(el);
  const words = [...range.getClientRects()].filter((r) => r.width > 0);
  return Math.min(...words.flatMap((r) => [r.left - (box.left - offset), box.right + offset - r.right, r.top - (box.top - offset)]));
}

describe('sg-confirm-email: the focused message', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });
  afterEach(() => setViewport({ width: 800, height: 600 }));

  for (const lang of ['en', 'fr']) {
    it(`keeps its focus ring clear of the words at 1280 and 390 px (${lang})`, async () => {
      const token = await confirmToken(mock);
      const page = await fixture<HTMLElement>(html`<div lang=${lang}><sg-confirm-email token=${token} tenant-id="acme" .client=${staffClient()}></sg-confirm-email></div>`);
      const el = page.querySelector<SgConfirmEmail>('sg-confirm-email')!;
      await until(() => $(el, 'form'));
      await staffClient().emails.confirm(token, { password: 'a brand new passphrase' });
      $<HTMLInputElement>(el, '#password')!.value = $<HTMLInputElement>(el, '#confirm')!.value = 'another long passphrase';
      $(el, '[part=submit]')!.click();
      const message = await until(() => $(el, '[part=message]'));
      // Focus is on it (whether the browser draws the ring depends on how the page was last used).
      await until(() => el.shadowRoot!.activeElement === message);
      for (const width of [1280, 390]) {
        await setViewport({ width, height: 900 });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        await shot(`confirm-email-message-focused-${lang}-${width}`, el);
        expect(gap(message), `${width}: room between the ring and the words`).to.be.at.least(6);
        expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
      }
    });
  }
});
