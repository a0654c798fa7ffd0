import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailStrings, renderAccountEmail, renderDigestEmail, renderInviteEmail, type RenderedEmail } from 'sitegate';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.mjs';

// Names as builders really write them: file names and project codes without a space to break at.
const FILE = 'Kitchen_backsplash_tile_selection_final_v3_signed.pdf';
const PROJECT = 'Lot_47_Riverside_Estates_Phase_II_Building_C';
const BUILDER = 'Riverside_Estates_Development_Corporation_Ltd';
const PHONE = 375;

function emails(locale: string): [string, RenderedEmail][] {
  const strings = emailStrings(locale);
  const tenant = { name: BUILDER, modules: [], locale };
  const expiresAt = new Date('2026-03-16T10:00:00Z');
  return [
    ['invite', renderInviteEmail({ to: 'dana@example.com', clientName: 'Dana', inviterName: 'Alice', tenant, projectNames: [PROJECT, FILE], acceptUrl: 'https://builder.example/accept#token=abc', expiresAt, resend: false }, strings)],
    ['one project', renderInviteEmail({ to: 'dana@example.com', tenant, projectNames: [PROJECT], acceptUrl: 'https://builder.example/accept#token=abc', expiresAt, resend: true }, strings)],
    ['password reset', renderAccountEmail({ purpose: 'password-reset', clientName: FILE, tenant, url: 'https://builder.example/reset#token=abc', expiresAt }, strings)],
    [
      'digest',
      renderDigestEmail(
        {
          clientName: 'Dana',
          tenant,
          unsubscribeUrl: 'https://builder.example/unsubscribe?token=abc',
          projects: [{ name: PROJECT, url: 'https://builder.example/portal/p', groups: [{ module: 'documents', items: [{ kind: 'share', title: FILE }, { kind: 'approval', title: FILE }] }] }],
        },
        { ...strings.digest, locale: strings.locale },
      ),
    ],
  ];
}

/** How far the page reaches to the right, in CSS pixels: more than the screen means a sideways scroll. */
async function widthAt(page: Page, html: string): Promise<number> {
  await page.setContent(html);
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, ...[...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect().right)));
}

describe('the HTML emails on a phone', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    page = await (await browser.newContext({ viewport: { width: PHONE, height: 800 } })).newPage();
  });
  afterAll(async () => browser?.close());

  it.each(['en', 'fr-CA'])('wrap long unbroken names inside the card at 375 px (%s)', async (locale) => {
    for (const [kind, email] of emails(locale)) {
      expect(email.html, kind).toContain(BUILDER);
      expect(await widthAt(page, email.html), kind).toBeLessThanOrEqual(PHONE);
    }
  });

  it('say so in inline styles, the only ones every mail client keeps', () => {
    for (const [kind, email] of emails('en')) {
      expect(email.html, kind).not.toMatch(/<style|<link/);
      expect(email.html, kind).toMatch(/<td style="[^"]*overflow-wrap:anywhere;word-break:break-word/);
    }
  });
});
