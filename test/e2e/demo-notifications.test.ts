import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemo } from '../../examples/demo/server.mjs';
import { launchChromium, openDevice, shot } from './browser.js';

const DANA = { email: 'dana@example.com', password: 'portal-demo-2026' };
/** The demo's builder (examples/demo/seed.mjs). */
const demoStaff = { type: 'staff', tenantId: 'acme', userId: 'demo-builder' } as const;
const PROJECT = 'maple-12';
/** Shared and kept, published, and shared then taken back before the digest goes out. */
const SHARED = ['A-201 Elevations', 'E-101 Electrical plan'];
const UPDATE = { title: 'Windows arrive Friday', body: 'The window supplier confirmed delivery for Friday morning.' };
const TAKEN_BACK = 'Site safety walk — October';

/**
 * Notifications as people meet them: the builder shares two drawings, publishes an update, and
 * shares a report it takes back a minute later; once the demo's clock passes the "as it happens"
 * window, Dana gets one digest listing the three and not the report; the portal marks them new;
 * the digest's one-click unsubscribe (RFC 8058) turns her emails off.
 */
describe('the demo: notification digests and "new since your last visit" in a real browser', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let builder: Page;
  const problems: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-e2e-notifications-'));

  const device = (width = 1280): Promise<Page> => openDevice(browser, contexts, problems, { width });

  /** The builder page's own session calls the API, as its elements do. */
  async function asBuilder<T>(method: string, path: string, body?: unknown): Promise<T> {
    return builder.evaluate(
      async ({ method, path, body }) => {
        const response = await fetch(`/api/portal${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, ...(body ? { body: JSON.stringify(body) } : {}) });
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
        return response.status === 204 ? null : response.json();
      },
      { method, path, body },
    ) as Promise<T>;
  }

  /** Moves the demo's clock forward through its dev-only route (which then flushes the outbox). */
  async function advance(minutes: number): Promise<void> {
    const answer = await builder.evaluate(async (advanceMinutes) => {
      const response = await fetch('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes }) });
      return response.status;
    }, minutes);
    expect(answer).toBe(200);
  }

  const digestsTo = (email: string) => demo.mail.messages.filter((m) => m.to === email && m.listUnsubscribe);
  const danaId = async () => (await demo.portal.clients.list(demoStaff, { q: DANA.email, limit: 1 })).items[0]!.id;

  beforeAll(async () => {
    demo = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {} });
    browser = await launchChromium();
    builder = await device();
    await builder.goto(`${demo.url}/builder`);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('one digest with what is still shared, "New" in the portal, and a working one-click unsubscribe', async () => {
    // Dana's first visit; she asks for emails "as it happens" in the portal.
    const dana = await device();
    await dana.goto(`${demo.url}/portal`);
    await dana.getByLabel('Email').fill(DANA.email);
    await dana.getByLabel('Password', { exact: true }).fill(DANA.password);
    await dana.getByRole('button', { name: 'Sign in', exact: true }).click();
    const view = dana.locator('sg-portal-view');
    await view.locator('section[data-module=drawings]').waitFor({ timeout: 20_000 });
    await expect(view.locator('.new-badge').count()).resolves.toBe(0);
    await view.getByText('Email notifications').click();
    await view.getByLabel('As it happens').check();
    await view.getByRole('button', { name: 'Save' }).click();
    await view.getByText('Saved: As it happens.').waitFor();
    const before = digestsTo(DANA.email).length;

    // The builder shares two drawings, publishes an update, and shares a report it takes back.
    await asBuilder('POST', `/projects/${PROJECT}/shares`, { resources: [{ module: 'drawings', id: `${PROJECT}-a201`, kind: 'item' }, { module: 'drawings', id: `${PROJECT}-e101`, kind: 'item' }] });
    await asBuilder('POST', `/projects/${PROJECT}/updates`, UPDATE);
    const [report] = await asBuilder<{ id: string }[]>('POST', `/projects/${PROJECT}/shares`, { resources: [{ module: 'reports', id: `${PROJECT}-safety-oct`, kind: 'item' }] });
    await asBuilder('DELETE', `/projects/${PROJECT}/shares/${report!.id}`);
    // Inside the five-minute window nothing is sent.
    await advance(2);
    expect(digestsTo(DANA.email)).toHaveLength(before);

    // Past the window (and past the half hour after which the next look is a new visit).
    await advance(40);
    const arrived = digestsTo(DANA.email).slice(before);
    expect(arrived).toHaveLength(1);
    const digest = arrived[0]!;
    for (const name of [...SHARED, UPDATE.title]) expect(digest.text).toContain(name);
    expect(digest.text).not.toContain(TAKEN_BACK);
    expect(digest.listUnsubscribe).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=[^>]+>$/);

    // The dev outbox shows it as a digest.
    await builder.goto(`${demo.url}/outbox`);
    await builder.locator('.mail', { hasText: digest.subject }).first().locator('.digest').waitFor();
    await shot(builder, 'notifications-01-outbox-digest');

    // Dana comes back: the new things carry "New" and the sections count them.
    await dana.reload();
    await view.locator('section[data-module=drawings]').waitFor({ timeout: 20_000 });
    const drawings = view.locator('section[data-module=drawings]');
    for (const name of SHARED) await expect(drawings.locator('.item', { hasText: name }).locator('.new-badge').count()).resolves.toBe(1);
    await expect(drawings.locator('.item', { hasText: 'A-101 Floor plan' }).locator('.new-badge').count()).resolves.toBe(0);
    await expect(view.locator('section[data-module=updates] article', { hasText: UPDATE.title }).locator('.new-badge').count()).resolves.toBe(1);
    await expect(view.locator('nav.jump .chip', { hasText: 'Drawings' }).locator('.new-count').innerText()).resolves.toBe('2');
    await expect(view.locator('.overview').innerText()).resolves.toContain('3 new items since your last visit');
    await expect(view.locator('section[data-module=reports]').innerText()).resolves.not.toContain(TAKEN_BACK);
    await shot(dana, 'notifications-02-portal-new');

    // The visible link opens a page that changes nothing until its button is pressed.
    const link = digest.listUnsubscribe!.slice(1, -1);
    const visitor = await device(390);
    await visitor.goto(link);
    await visitor.getByRole('button', { name: 'Unsubscribe' }).waitFor();
    await shot(visitor, 'notifications-03-unsubscribe-page');
    expect((await demo.portal.notifications.getFor(demoStaff, await danaId())).frequency).toBe('instant');

    // The mailbox provider's one-click POST (RFC 8058): no session, no cookie.
    const response = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(response.status).toBe(200);
    expect((await demo.portal.notifications.getFor(demoStaff, await danaId())).frequency).toBe('off');
    // The portal shows the choice.
    await dana.reload();
    await view.getByText('Email notifications').click({ timeout: 20_000 });
    await expect(view.getByLabel('Off').isChecked()).resolves.toBe(true);
    // A second click says the link did its work, not that it "does not work".
    const again = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(again.status).toBe(409);
    const againPage = await again.text();
    expect(againPage).toContain('This unsubscribe link was already used');
    expect(againPage).toContain('It turned off your emails about new things.');
    // A forged token changes nothing and says so.
    const forged = await fetch(link.replace(/token=[^&]+/, 'token=forged'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    expect(await forged.text()).toContain('This unsubscribe link does not work');
    expect(problems).toEqual([]);
  }, 180_000);

  it('refuses the dev clock to anyone but the builder, and nonsense amounts', async () => {
    const stranger = await fetch(`${demo.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advanceMinutes":5}' });
    expect(stranger.status).toBe(401);
    const bad = await builder.evaluate(async () => {
      const statuses: number[] = [];
      for (const body of ['{"advanceMinutes":-5}', '{"advanceMinutes":"5"}', 'not json', '{}']) {
        statuses.push((await fetch('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status);
      }
      statuses.push((await fetch('/dev/clock', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"advanceMinutes":5}' })).status);
      return statuses;
    });
    expect(bad).toEqual([422, 422, 422, 422, 405]);
  });
});
