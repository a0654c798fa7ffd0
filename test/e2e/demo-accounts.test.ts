import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { latestToken, startDemo } from '../../examples/demo/server.mjs';
import { launchChromium, openDevice, shot } from './browser.js';

/**
 * The account lifecycle in the demo, as people live it: a client who forgot the password, a
 * builder who mistyped an address, a client who leaves. Debian's Chromium, several browser
 * contexts standing for several devices, the demo host app on PGlite.
 */
describe('the demo: accounts end to end in a real browser', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  let builder: Page;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-e2e-accounts-'));
  const NEW_PASSWORD = 'a fresh passphrase 77';
  /** The demo's seeded active client (examples/demo/seed.mjs). */
  const DEMO_CLIENT = { email: 'dana@example.com', password: 'portal-demo-2026' };

  /** A new browser (its own cookies): another device. */
  const device = (): Promise<Page> => openDevice(browser, contexts, problems);

  async function signIn(page: Page, password: string): Promise<void> {
    const askedWho: string[] = [];
    page.on('request', (request) => void (new URL(request.url()).pathname === '/api/portal/me' && askedWho.push(request.url())));
    await page.goto(`${demo.url}/portal`);
    await page.getByLabel('Email').fill(DEMO_CLIENT.email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    // Signed out, the page knows it from the server with the page: neither it nor <sg-sign-in> asks who is signed in.
    expect(askedWho).toHaveLength(0);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  const portalShown = (page: Page) => page.locator('sg-portal-view').waitFor({ timeout: 20_000 });
  const signInShown = (page: Page) => page.getByRole('heading', { name: 'Sign in to your client portal' }).waitFor({ timeout: 20_000 });

  /** The link in the newest mail to `email` on the dev outbox page, as the builder opens it. */
  async function outboxLink(email: string, label: string, not?: string): Promise<string> {
    for (let i = 0; i < 240; i++) {
      await builder.goto(`${demo.url}/outbox`);
      const link = builder.locator('article.mail', { hasText: email }).first().getByRole('link', { name: label });
      const href = (await link.count()) ? await link.getAttribute('href') : null;
      if (href && href !== not) return href;
      await builder.waitForTimeout(250);
    }
    throw new Error(`no "${label}" mail to ${email}`);
  }

  beforeAll(async () => {
    demo = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {} });
    browser = await launchChromium();
    builder = await device();
    await builder.goto(`${demo.url}/builder`); // the demo's stand-in for the host's staff login
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('forgot password → reset link from the outbox → new password; the old one and other sessions are gone', async () => {
    const laptop = await device();
    await signIn(laptop, DEMO_CLIENT.password);
    await portalShown(laptop);

    // A server that fails to say who is signed in has not said "nobody": the page lets
    // <sg-sign-in> ask again, and the signed-in client is not shown the sign-in form.
    let failed = 0;
    await laptop.route('**/api/portal/me', (route) => (failed++ < 3 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await laptop.reload();
    await laptop.locator('sg-sign-in').getByText(`Signed in as ${DEMO_CLIENT.email}`).waitFor({ timeout: 20_000 });
    expect(failed).toBe(4);
    await laptop.unroute('**/api/portal/me');
    await laptop.reload();
    await portalShown(laptop);

    const phone = await device();
    await phone.goto(`${demo.url}/portal`);
    await phone.getByRole('button', { name: 'Forgot password?' }).click();
    await phone.getByLabel('Email').fill(DEMO_CLIENT.email);
    await phone.getByRole('button', { name: 'Send reset link' }).click();
    await phone.getByText('If an account exists for that address, we sent a link').waitFor();
    await shot(phone, 'accounts-01-forgot');

    const link = await outboxLink(DEMO_CLIENT.email, 'Open the password reset link');
    expect(new URL(link).search).toBe('');
    expect(new URL(link).hash).toMatch(/^#token=[\w.%-]+$/);
    await shot(builder, 'accounts-02-outbox');
    await phone.goto(link);
    await phone.getByText(`Set a new password for ${DEMO_CLIENT.email}`).waitFor();
    expect(new URL(phone.url()).hash).toBe(''); // the token left the address bar
    await phone.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await phone.getByLabel('Repeat new password').fill(NEW_PASSWORD);
    await shot(phone, 'accounts-03-reset');
    await phone.getByRole('button', { name: 'Set password' }).click();
    await portalShown(phone);

    // The reset ended every other session: the laptop is signed out.
    await laptop.reload();
    await signInShown(laptop);

    const other = await device();
    await signIn(other, DEMO_CLIENT.password);
    await other.getByText('The email or password is incorrect.').waitFor();
    await signIn(other, NEW_PASSWORD);
    await portalShown(other);

    // The reset link worked once only.
    const again = await device();
    await again.goto(link);
    await again.getByText('This reset link has already been used').waitFor();
    await shot(again, 'accounts-04-reset-used');
  }, 180_000);

  it('a mistyped email of an invited client: the new address gets a working link, the old one is dead', async () => {
    const oldToken = latestToken(demo.mail, 'marco.rossi@example.com');
    expect(oldToken).toBeTruthy();
    await builder.goto(`${demo.url}/builder`);
    await builder.getByRole('button', { name: /Actions for Marco Rossi/ }).click();
    await builder.getByRole('menuitem', { name: 'Edit details' }).click();
    const dialog = builder.getByRole('dialog');
    await dialog.getByLabel('Email').fill('marco.rossi@example.org');
    await shot(builder, 'accounts-05-edit-email');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await builder.getByText('Invite sent to marco.rossi@example.org.').waitFor();

    const link = await outboxLink('marco.rossi@example.org', 'Open the invite link');
    const marco = await device();
    await marco.goto(link);
    await marco.getByText('Acme Builders invited you to their client portal').waitFor();
    await marco.getByLabel('Password', { exact: true }).fill('marco passphrase 2026');
    await marco.getByLabel('Repeat password').fill('marco passphrase 2026');
    await marco.getByRole('button', { name: 'Join the portal' }).click();
    await portalShown(marco);

    const stale = await device();
    await stale.goto(`${demo.url}/portal/accept#token=${encodeURIComponent(oldToken!)}`);
    await stale.getByText('This invite link is not valid').waitFor();
    await shot(stale, 'accounts-06-old-invite-dead');
    await stale.getByRole('button', { name: 'Sign in' }).click();
    await signInShown(stale);

    // Now active, his address is corrected once more: he confirms it from the new mailbox with a
    // new password, and the one set with the old address no longer works.
    await builder.goto(`${demo.url}/builder`);
    await builder.getByRole('button', { name: /Actions for Marco Rossi/ }).click();
    await builder.getByRole('menuitem', { name: 'Edit details' }).click();
    await builder.getByRole('dialog').getByLabel('Email').fill('marco@rossi.example');
    await builder.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    const confirmLink = await outboxLink('marco@rossi.example', 'Open the email confirmation link');
    const confirming = await device();
    await confirming.goto(confirmLink);
    await confirming.getByRole('heading', { name: 'Confirm your new email address' }).waitFor();
    expect(new URL(confirming.url()).hash).toBe(''); // the token left the address bar
    await confirming.getByLabel('New password', { exact: true }).fill('short');
    await confirming.getByLabel('Repeat new password').fill('short');
    await confirming.getByRole('button', { name: 'Confirm and sign in' }).click();
    await confirming.locator('sg-confirm-email').getByText('Use at least 10 characters.').waitFor();
    await confirming.getByLabel('New password', { exact: true }).fill('marco second passphrase');
    await confirming.getByLabel('Repeat new password').fill('marco second passphrase');
    await shot(confirming, 'accounts-06b-confirm-email');
    await confirming.getByRole('button', { name: 'Confirm and sign in' }).click();
    await portalShown(confirming);
    const again = await device();
    await again.goto(`${demo.url}/portal`);
    await again.getByLabel('Email').fill('marco@rossi.example');
    await again.getByLabel('Password', { exact: true }).fill('marco passphrase 2026');
    await again.getByRole('button', { name: 'Sign in', exact: true }).click();
    await again.locator('sg-sign-in').getByRole('alert').waitFor();
    await again.getByLabel('Password', { exact: true }).fill('marco second passphrase');
    await again.getByRole('button', { name: 'Sign in', exact: true }).click();
    await portalShown(again);
  }, 180_000);

  it('an archived client cannot sign in and leaves the list; restore brings it back without access', async () => {
    await builder.goto(`${demo.url}/builder`);
    await builder.getByRole('button', { name: /Actions for Dana Whitfield/ }).click();
    await builder.getByRole('menuitem', { name: 'Archive' }).click();
    await builder.getByText('Dana Whitfield was archived.').waitFor();
    const list = builder.locator('sg-client-list');
    expect(await list.getByText(DEMO_CLIENT.email).count()).toBe(0);
    await shot(builder, 'accounts-07-archived');

    const page = await device();
    await signIn(page, NEW_PASSWORD);
    await page.getByText('The email or password is incorrect.').waitFor();

    await list.getByRole('combobox', { name: 'Status' }).selectOption('archived');
    await list.getByText(DEMO_CLIENT.email).waitFor();
    await builder.getByRole('button', { name: /Actions for Dana Whitfield/ }).click();
    await builder.getByRole('menuitem', { name: 'Restore' }).click();
    await builder.getByText('Dana Whitfield was restored, without portal access.').waitFor();
    await list.getByRole('combobox', { name: 'Status' }).selectOption('');
    await list.getByText(DEMO_CLIENT.email).waitFor();
    await shot(builder, 'accounts-08-restored');
    expect(problems).toEqual([]);
  }, 180_000);
});
