import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startDemo } from '../../examples/demo/server.mjs';
import { axeViolations } from './axe.js';
import { launchChromium, openDevice, shot } from './browser.js';

/** The demo's home owner of 12 Maple Street (examples/demo/seed.mjs). */
const DANA = { email: 'dana@example.com', password: 'portal-demo-2026' };
const TITLE = 'Roof trusses are on';

/**
 * The builder's update composer as a builder uses it: publish an update with two attachments,
 * which the home owner sees with them; edit it, and she sees the new text marked "Edited";
 * delete it (after a confirmation), and she no longer sees it.
 */
describe('the demo: update composer end to end in a real browser', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let builder: Page;
  let dana: Page;
  const problems: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-e2e-updates-'));

  const device = (width = 1280): Promise<Page> => openDevice(browser, contexts, problems, { width });

  /** The update's card in the client's portal feed. */
  const inPortal = (): Locator => dana.locator('sg-portal-view').locator('article.update', { hasText: TITLE });
  /** The share button of the drawing the update attaches, on the builder's page. */
  const elevationsButton = (): Locator => builder.locator('sg-share-button[resource-id="maple-12-a201"]');
  /** The update's card among the builder's past updates (or its inline edit form). */
  const pastCard = (): Locator => builder.locator('#past-updates .past-update', { hasText: TITLE });

  async function reloadPortal(): Promise<void> {
    await dana.reload();
    await dana.locator('sg-portal-view').locator('article.update').first().waitFor({ timeout: 20_000 });
  }

  /** Axe findings inside the composer and the past updates (the rest of the page is checked elsewhere). */
  async function composerFindings(): Promise<string[]> {
    const findings = await axeViolations(builder);
    return findings.flatMap((f) => f.nodes.filter((n) => /update|attach|check|confirm|actions/.test(n)).map((n) => `${f.rule}: ${n}`));
  }

  /** Composer elements that reach past the right edge of the viewport. */
  const overflowing = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('#update *, #past-updates *')]
        .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    );

  beforeAll(async () => {
    demo = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {} });
    browser = await launchChromium();
    builder = await device();
    await builder.goto(`${demo.url}/builder`);
    dana = await device();
    await dana.goto(`${demo.url}/portal`);
    await dana.getByLabel('Email').fill(DANA.email);
    await dana.getByLabel('Password', { exact: true }).fill(DANA.password);
    await dana.getByRole('button', { name: 'Sign in', exact: true }).click();
    await dana.locator('sg-portal-view').waitFor({ timeout: 20_000 });
  }, 240_000); // The demo starts PGlite and bundles its pages: slow on a busy machine.

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publish with two attachments → the client sees it with them', async () => {
    // The seeded update is listed, newest first, with its attachment.
    await builder.locator('#past-updates .past-update', { hasText: 'Framing is underway' }).waitFor({ timeout: 20_000 });
    await expect(builder.locator('#past-updates .past-update').first().innerText()).resolves.toContain('Slab cured.jpg');

    const form = builder.locator('#update');
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Message to the project\'s clients').fill('The roof trusses went up today. <b>Sheathing</b> starts Monday.');
    await form.locator('summary', { hasText: 'Photos' }).click();
    await form.getByLabel('Roof trusses.jpg').check();
    await form.locator('summary', { hasText: 'Drawings' }).click();
    await form.getByLabel('A-201 Elevations').check();
    await shot(builder, 'updates-01-compose');
    await form.getByRole('button', { name: 'Publish update' }).click();
    await builder.getByText('Published to the project’s clients.').waitFor();

    // Newest first, with both attachments; the markup in the text stays text.
    await pastCard().waitFor();
    await expect(builder.locator('#past-updates .past-update').first().innerText()).resolves.toContain(TITLE);
    const card = await pastCard().innerText();
    expect(card).toContain('Photos: Roof trusses.jpg');
    expect(card).toContain('Drawings: A-201 Elevations');
    expect(card).toContain('<b>Sheathing</b>');
    // The picker is cleared for the next update.
    expect(await form.locator('input[name=resource]:checked').count()).toBe(0);
    // The drawing's share button says at once that clients see it through the update.
    await elevationsButton().getByText('Clients see it: it is attached to an update.').waitFor({ timeout: 10_000 });
    await shot(builder, 'updates-02-published');

    await reloadPortal();
    await inPortal().waitFor({ timeout: 20_000 });
    const shown = await inPortal().innerText();
    expect(shown).toContain('<b>Sheathing</b> starts Monday.');
    expect(shown).toContain('Roof trusses.jpg');
    expect(shown).toContain('A-201 Elevations');
    expect(shown).not.toContain('Edited');
    await shot(dana, 'updates-03-client-sees-update');
  }, 120_000);

  it('edit inline → the client sees the new text and "Edited"', async () => {
    await pastCard().getByRole('button', { name: `Edit “${TITLE}”` }).click();
    const editor = builder.locator('#past-updates form.editing');
    await editor.getByLabel('Message').fill('The roof trusses went up today. Sheathing starts Tuesday after the rain.');
    // Detach the drawing; keep the photo.
    await editor.getByLabel('A-201 Elevations').uncheck();
    expect(await composerFindings()).toEqual([]);
    await shot(builder, 'updates-04-editing');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await builder.getByText('Update saved.', { exact: false }).waitFor();
    const card = await pastCard().innerText();
    expect(card).toContain('Sheathing starts Tuesday after the rain.');
    expect(card).toContain('Edited');
    expect(card).not.toContain('A-201 Elevations');
    // Detached, the drawing is seen by clients no more, and its button says so without a reload.
    await elevationsButton().getByText('Clients see it: it is attached to an update.').waitFor({ state: 'detached', timeout: 10_000 });

    await reloadPortal();
    await inPortal().getByText('Sheathing starts Tuesday after the rain.').waitFor({ timeout: 20_000 });
    const shown = await inPortal().innerText();
    expect(shown).toContain('Edited');
    expect(shown).toContain('Roof trusses.jpg');
    expect(shown).not.toContain('A-201 Elevations');
    await shot(dana, 'updates-05-client-sees-edit');
  }, 120_000);

  it('delete after a confirmation → the client no longer sees it', async () => {
    await pastCard().getByRole('button', { name: `Delete “${TITLE}”` }).click();
    const confirm = pastCard().getByRole('group', { name: 'Confirm deletion' });
    await confirm.getByText('Delete this update?').waitFor();
    expect(await composerFindings()).toEqual([]);
    await shot(builder, 'updates-06-confirm-delete');
    // "Keep it" changes nothing.
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await pastCard().getByRole('button', { name: `Delete “${TITLE}”` }).click();
    await pastCard().getByRole('button', { name: 'Delete update' }).click();
    await builder.getByText('Update deleted.', { exact: false }).waitFor();
    expect(await pastCard().count()).toBe(0);
    await builder.locator('#past-updates .past-update', { hasText: 'Framing is underway' }).waitFor();

    await reloadPortal();
    expect(await inPortal().count()).toBe(0);
    await expect(dana.locator('sg-portal-view').locator('article.update').first().innerText()).resolves.toContain('Framing is underway');
    await shot(dana, 'updates-07-client-after-delete');
  }, 120_000);

  it('fits a 390 px screen: nothing of the composer outside the viewport', async () => {
    const phone = await device(390);
    await phone.goto(`${demo.url}/builder`);
    await phone.locator('#past-updates .past-update').first().waitFor({ timeout: 20_000 });
    await phone.locator('#update summary', { hasText: 'Documents' }).click();
    expect(await overflowing(phone)).toEqual([]);
    await shot(phone, 'updates-08-composer-390');
    await phone.locator('#past-updates .past-update').first().getByRole('button', { name: /^Edit/ }).click();
    await phone.locator('#past-updates form.editing summary').first().click();
    expect(await overflowing(phone)).toEqual([]);
    await shot(phone, 'updates-09-editing-390');
    expect(problems).toEqual([]);
  }, 120_000);
});
