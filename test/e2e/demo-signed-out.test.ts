import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoStaff } from '../../examples/demo/seed.mjs';
import { latestToken } from '../../examples/demo/server.mjs';
import { shot } from './browser.js';
import { demoSession } from './demo-session.js';

/** A visitor nobody signed in, on a phone: what the browser's console shows a host developer. */
describe('the demo signed out: a quiet console', () => {
  const session = demoSession('signed-out');

  /** A fresh phone whose console errors (failed requests too) and requests to the API are kept. */
  async function phone(): Promise<{ page: Page; errors: string[]; api: string[] }> {
    const page = await session.device({ width: 390 });
    const errors: string[] = [];
    const api: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(`${message.text()} (${message.location().url})`)));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => void (new URL(request.url()).pathname.startsWith('/api/') && api.push(`${request.method()} ${new URL(request.url()).pathname}`)));
    return { page, errors, api };
  }

  /** Waits until the page has shown `text` and made every request it makes on loading. */
  async function loaded(page: Page, path: string, text: string | RegExp): Promise<void> {
    await page.goto(`${session.demo.url}${path}`);
    await page.getByText(text).first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
  }

  it('loads the home page and each portal page without an error in the console', async () => {
    const pages: [path: string, shows: string | RegExp][] = [
      ['/', 'sitegate demo'],
      ['/portal', 'Sign in to your client portal'],
      ['/portal/sign-in-link', 'Sign in to your client portal'],
      ['/portal/reset', /reset|Sign in to your client portal/i],
      ['/portal/confirm-email', /confirm/i],
    ];
    for (const [path, shows] of pages) {
      const { page, errors, api } = await phone();
      await loaded(page, path, shows);
      expect(errors, path).toEqual([]);
      // Nobody is signed in, and the page was told so with the page: it does not ask `GET /me`.
      expect(api, path).not.toContain('GET /api/portal/me');
      await shot(page, `signed-out${path.replace(/\W+/g, '-')}`);
    }
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('opens an invite link, joins and sees the portal without an error in the console', async () => {
    const { demo } = session;
    await demo.portal.clients.add(demoStaff, { email: 'quinn@example.com', name: 'Quinn Avery', projectIds: ['maple-12'] });
    await demo.portal.outbox.flush();
    const token = latestToken(demo.mail, 'quinn@example.com');
    const { page, errors } = await phone();
    await loaded(page, `/portal/accept#token=${encodeURIComponent(token!)}`, 'Join the portal');
    await page.getByLabel('Password', { exact: true }).fill('a long passphrase 42');
    await page.getByLabel('Repeat password').fill('a long passphrase 42');
    await page.getByRole('button', { name: 'Join the portal' }).click();
    await page.locator('sg-portal-view section[data-module=documents]').waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('signs out to the page heading, then mails a reset link, with no failed request', async () => {
    const { page, errors } = await phone();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.method()} ${request.url()} ${request.failure()?.errorText}`));
    await loaded(page, '/portal', 'Sign in to your client portal');
    await page.getByLabel('Email').fill('dana@example.com');
    await page.getByLabel('Password', { exact: true }).fill('portal-demo-2026');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('sg-portal-view section[data-module=updates]').waitFor({ timeout: 20_000 });
    await page.locator('#sign-out').click();
    await page.getByText('Sign in to your client portal').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill('dana@example.com');
    await page.keyboard.press('Enter');
    await page.getByText('If an account exists for that address').waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    // A 202 with no body was once left unread, and Chromium logged it as net::ERR_ABORTED.
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('asks who is signed in when the page was loaded with a session', async () => {
    const { page, errors, api } = await phone();
    await loaded(page, '/portal', 'Sign in to your client portal');
    await page.getByLabel('Email').fill('dana@example.com');
    await page.getByLabel('Password', { exact: true }).fill('portal-demo-2026');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('sg-portal-view section[data-module=updates]').waitFor({ timeout: 20_000 });
    api.length = 0;
    await page.reload();
    await page.locator('sg-portal-view section[data-module=updates]').waitFor({ timeout: 20_000 });
    expect(api.filter((request) => request === 'GET /api/portal/me')).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 120_000);
});
