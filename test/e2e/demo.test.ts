import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { latestToken, startDemo } from '../../examples/demo/server.mjs';
import { launchChromium, shot } from './browser.js';

/**
 * The whole product, as a person uses it: the demo host app on PGlite, a builder and a client
 * in two browser sessions of Debian's Chromium.
 */
describe('the demo, end to end in a real browser', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  let builderContext: BrowserContext;
  let clientContext: BrowserContext;
  let builder: Page;
  let client: Page;
  /** Content-Security-Policy reports and page errors from both browsers: there must be none. */
  const problems: string[] = [];
  const watch = (page: Page, who: string) => {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(`${who}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${who}: ${error.message}`));
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-e2e-'));

  beforeAll(async () => {
    // The embedded default, in its own directory: CI also sets DATABASE_URL, which the demo would honour.
    demo = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {} });
    browser = await launchChromium();
    builderContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    clientContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    builder = await builderContext.newPage();
    client = await clientContext.newPage();
    watch(builder, 'builder');
    watch(client, 'client');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The portal's visible text, through its shadow roots. */
  const portalText = () =>
    client.locator('sg-portal-view').evaluate((root) => {
      const walk = (node: Node): string =>
        (node instanceof Element && node.shadowRoot ? walk(node.shadowRoot) : '') +
        (node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : [...node.childNodes].map(walk).join(' '));
      return walk(root);
    });
  const waitForPortal = async (expected: string) => {
    await client.locator('sg-portal-view').getByText(expected).first().waitFor({ timeout: 20_000 });
  };

  it('invite → accept → see exactly what is shared → share more → revoke → resend kills the old link', async () => {
    // The builder invites a client to 12 Maple Street.
    await builder.goto(`${demo.url}/builder`);
    await builder.getByRole('button', { name: 'Invite client' }).click();
    const dialog = builder.getByRole('dialog');
    await dialog.getByLabel('Email').fill('olivia.park@example.com');
    await dialog.getByLabel('Name (optional)').fill('Olivia Park');
    await dialog.getByLabel('12 Maple Street — new build').check();
    await shot(builder, '01-invite-dialog');
    await dialog.getByRole('button', { name: 'Send invite' }).click();
    await builder.getByText('olivia.park@example.com').first().waitFor();
    await shot(builder, '02-client-invited');

    // The invite appears on the outbox page.
    // The outbox worker delivers within a second; allow far more when the machine is saturated.
    let link: string | null = null;
    for (let i = 0; i < 240 && !link; i++) {
      await builder.goto(`${demo.url}/outbox`);
      const mail = builder.locator('article.mail', { hasText: 'olivia.park@example.com' });
      if (await mail.count()) link = await mail.first().getByRole('link', { name: 'Open the invite link' }).getAttribute('href');
      else await builder.waitForTimeout(250);
    }
    // The token is in the fragment, which the browser sends to no server.
    expect(new URL(link!).pathname).toBe('/portal/accept');
    expect(new URL(link!).search).toBe('');
    expect(new URL(link!).hash).toMatch(/^#token=[\w.%-]+$/);
    await shot(builder, '03-outbox');

    // The client opens the link, sets a password and lands in the portal.
    const requested: string[] = [];
    client.on('request', (request) => requested.push(request.url()));
    await client.goto(link!);
    await client.getByText('Acme Builders invited you to their client portal').waitFor();
    // The page took the token out of the address bar, and no request carried it in its URL.
    const token = decodeURIComponent(new URL(link!).hash.slice('#token='.length));
    expect(client.url()).toBe(`${demo.url}/portal/accept`);
    expect(requested.filter((url) => url.includes(token) || url.includes(encodeURIComponent(token)))).toEqual([]);
    // Reloading half-way is still the accept page, with the link's address and no token in sight.
    await client.reload();
    await client.getByText('Acme Builders invited you to their client portal').waitFor();
    expect(client.url()).toBe(`${demo.url}/portal/accept`);
    await client.getByLabel('Password', { exact: true }).fill('a long passphrase 42');
    await client.getByLabel('Repeat password').fill('a long passphrase 42');
    await shot(client, '04-accept-invite');
    await client.getByRole('button', { name: 'Join the portal' }).click();
    await waitForPortal('Contracts');
    // The portal's address: its project in the hash, the token nowhere.
    expect(client.url()).toBe(`${demo.url}/portal#sg-project=maple-12`);
    // The shared folder's documents and the schedule; not the unshared drawing.
    await client.locator('sg-portal-view').getByRole('button', { name: 'Contracts', exact: true }).click();
    await waitForPortal('Maple building contract.pdf');
    expect(await portalText()).toContain('Site preparation');
    expect(await portalText()).toContain('A-101 Floor plan');
    expect(await portalText()).not.toContain('A-201 Elevations');
    await shot(client, '05-portal');

    // The builder shares the drawing; the client sees it after a reload.
    await builder.goto(`${demo.url}/builder`);
    const drawingRow = builder.locator('li', { hasText: 'A-201 Elevations' });
    await drawingRow.getByRole('button', { name: /Share with client/ }).click();
    await drawingRow.getByRole('button', { name: /Shared with client/ }).waitFor();
    await shot(builder, '06-shared-drawing');
    const beforeReload = requested.length;
    await client.reload();
    await waitForPortal('A-201 Elevations');
    // A signed-in reload asks who is signed in once, not once for the page and again for the portal.
    expect(requested.slice(beforeReload).filter((url) => new URL(url).pathname === '/api/portal/me')).toHaveLength(1);
    await shot(client, '07-portal-with-drawing');

    // The builder revokes the project; the client no longer sees it. (The list renders only the
    // rows in view, so scroll back to it as a person would.)
    await builder.locator('sg-client-list').scrollIntoViewIfNeeded();
    await builder.getByRole('button', { name: /Actions for Olivia Park/ }).click();
    await builder.getByRole('menuitem', { name: 'Revoke access' }).click();
    await builder.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click();
    await builder.getByText('Access revoked for Olivia Park.').waitFor();
    await shot(builder, '08-revoked');
    await client.reload();
    await client.getByText('You do not have access to any project right now.').waitFor({ timeout: 20_000 });
    expect(await portalText()).not.toContain('A-201 Elevations');
    expect(await portalText()).not.toContain('Maple building contract.pdf');
    await shot(client, '09-portal-after-revoke');

    // The host heard the revocation: the dev events page (the builder's, in another tab) lists it
    // once the outbox worker has delivered it. At 1280 and 390 px.
    const events = await builderContext.newPage();
    watch(events, 'events');
    const revokedHeard = events.locator('article.event', { hasText: 'access.revoked' }).first();
    for (let i = 0; i < 40 && !(await revokedHeard.isVisible()); i++) {
      await events.goto(`${demo.url}/events`);
      if (!(await revokedHeard.isVisible())) await events.waitForTimeout(250);
    }
    expect(await revokedHeard.textContent()).toMatch(/access\.revoked · (project_removed|portal_access_off|client_archived)/);
    expect(await events.locator('article.event', { hasText: 'invite.accepted' }).count()).toBeGreaterThan(0);
    await shot(events, '09b-host-events');
    await events.setViewportSize({ width: 390, height: 900 });
    expect(await events.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(events, '09c-host-events-390');
    await events.close();

    // The builder resends Marco's invite: his first link stops working.
    const firstLink = latestToken(demo.mail, 'marco.rossi@example.com');
    expect(firstLink).toBeTruthy();
    await builder.getByRole('button', { name: /Actions for Marco Rossi/ }).click();
    await builder.getByRole('menuitem', { name: 'Resend invite' }).click();
    await builder.getByText('Invite sent to marco.rossi@example.com.').waitFor();
    const marco = await browser.newContext();
    const marcoPage = await marco.newPage();
    await marcoPage.goto(`${demo.url}/portal/accept#token=${encodeURIComponent(firstLink!)}`);
    await marcoPage.getByText('This invite link is not valid').waitFor();
    await shot(marcoPage, '10-old-link-dead');
    await marco.close();
    expect(problems).toEqual([]);
  }, 180_000);
});
