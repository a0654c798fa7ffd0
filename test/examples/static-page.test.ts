import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, start } from '../../examples/static-page/server.mjs';
import { inviteToken, requireBuild, testPasswords } from './support.js';

import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH as CHROMIUM } from '../support/chromium.mjs';
const SEEN = { timeout: 10_000 };

/**
 * The page loads the elements bundled from dist/ (the built package), so this runs after
 * `npm run build`; the server side runs from the sources like every other test.
 */
describe('examples/static-page in Chromium', () => {
  let app: Awaited<ReturnType<typeof start>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    requireBuild();
    [app, browser] = await Promise.all([start({ port: 0, passwords: testPasswords }), chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })]);
    // One context for the file (a new one per test costs seconds on a busy machine); each test
    // starts without cookies, so signed out.
    context = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    errors.length = 0;
    await context.clearCookies();
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    // The page runs under a strict Content-Security-Policy: a violation is a failure.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
  });
  afterEach(async () => {
    await page.close();
    expect(errors).toEqual([]);
  });

  it('shows the sign-in form, then the shared content once signed in, and keeps the session on reload', async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { name: 'Sign in to your client portal' }).waitFor(SEEN);
    await page.getByLabel('Email').fill(DEMO_CLIENT.email);
    await page.getByLabel('Password').fill('not the passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is incorrect.').waitFor(SEEN);

    await page.getByLabel('Password').fill(DEMO_CLIENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const folder = page.getByRole('button', { name: 'Contracts' });
    await folder.waitFor(SEEN);
    await page.getByText(`Signed in as ${DEMO_CLIENT.email}`).waitFor(SEEN);
    expect(await page.getByText('Your contract is in Documents.').count()).toBe(1);
    expect(await page.getByText('Internal budget.xlsx').count()).toBe(0);
    await folder.click();
    await page.getByText('Building contract.pdf').waitFor(SEEN);

    await page.reload();
    await page.getByRole('button', { name: 'Contracts' }).waitFor(SEEN);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to your client portal' }).waitFor(SEEN);
  });

  it('takes a new client from the emailed link through joining into the portal', async () => {
    await app.portal.clients.add(app.staff, { email: 'sam@example.com', projectIds: ['p-maple'] });
    await app.portal.outbox.flush();
    const token = inviteToken(app.mail.messages.at(-1)!.text, `${app.url}/`);

    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${app.url}/#token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Acme Builders invited you to their client portal' }).waitFor(SEEN);
    // The element took the token out of the address bar; no request carried it in its URL.
    expect(page.url()).toBe(`${app.url}/`);
    expect(requested.filter((url) => url.includes(token))).toEqual([]);
    await page.getByLabel('Password', { exact: true }).fill('another long passphrase');
    await page.getByLabel('Repeat password').fill('another long passphrase');
    await page.getByRole('button', { name: 'Join the portal' }).click();

    await page.getByRole('button', { name: 'Contracts' }).waitFor(SEEN);
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe('');
  });

  it('sends a strict Content-Security-Policy and the other protective headers with the page and its files', async () => {
    for (const path of ['/', '/page.js', '/page.css', '/sitegate-components.js', '/nowhere']) {
      const response = await fetch(`${app.url}${path}`);
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const html = await (await fetch(`${app.url}/`)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });
});
