import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CLIENT as DANA } from '../../examples/demo/seed.mjs';
import { demoSession } from './demo-session.js';

/** A digest's link to Dana's second project (the `portalUrl` the demo gives the portal), at a section. */
const HARBOR_INVOICES = '/portal#sg-project=harbor-view&sg-module=invoices';

/** The demo's portal page: a link to a project lands there, signed in or after signing in. */
describe('the demo portal page: links to a project, and focus after signing in', () => {
  const session = demoSession('portal-links');
  const device = (): Promise<Page> => session.device({ width: 1280 });

  const projectShown = (page: Page) => page.locator('sg-portal-view').locator('select').inputValue();

  it('opens the linked project after signing in, with the focus on the page heading', async () => {
    const page = await device();
    await page.goto(`${session.demo.url}${HARBOR_INVOICES}`);
    await page.getByLabel('Email').fill(DANA.email);
    await page.getByLabel('Password', { exact: true }).fill(DANA.password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    const view = page.locator('sg-portal-view');
    // Nothing is shared in Harbor View yet: the view shows that project, empty.
    await expect.poll(() => projectShown(page), { timeout: 20_000 }).toBe('harbor-view');
    expect(new URL(page.url()).hash).toContain('sg-project=harbor-view');
    // A screen reader hears where the client is; the next Tab is in the portal, not back at the top.
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');

    // Signed in already, the same link opened in this tab (only the fragment changes) lands there too…
    await page.goto(`${session.demo.url}/portal`);
    await view.locator('section[data-module=updates]').waitFor({ timeout: 20_000 });
    await expect(projectShown(page)).resolves.toBe('maple-12');
    await page.goto(`${session.demo.url}${HARBOR_INVOICES}`);
    await expect.poll(() => projectShown(page), { timeout: 20_000 }).toBe('harbor-view');
    // …and on a fresh load of it.
    await page.goto(`${session.demo.url}/portal#sg-project=maple-12`);
    await expect.poll(() => projectShown(page), { timeout: 20_000 }).toBe('maple-12');
    await page.reload();
    await expect.poll(() => projectShown(page), { timeout: 20_000 }).toBe('maple-12');
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('"Sign in" on a dead invite link\'s page opens the portal when this browser is signed in already', async () => {
    const page = await device();
    await page.goto(`${session.demo.url}/portal`);
    await page.getByLabel('Email').fill(DANA.email);
    await page.getByLabel('Password', { exact: true }).fill(DANA.password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    const view = page.locator('sg-portal-view');
    await view.locator('section[data-module=updates]').waitFor({ timeout: 20_000 });
    // An invite link that no longer works (accepted already, or replaced), opened in the same tab.
    await page.goto(`${session.demo.url}/portal/accept#token=acme.no-longer-valid`);
    await page.locator('sg-accept-invite').getByRole('button', { name: 'Sign in' }).click();
    await view.locator('section[data-module=updates]').waitFor({ timeout: 20_000 });
    await expect(page.locator('sg-sign-in').count()).resolves.toBe(0);
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect(session.problems).toEqual([]);
  }, 120_000);
});
