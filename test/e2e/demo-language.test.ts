import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CLIENT as DANA, demoStaff } from '../../examples/demo/seed.mjs';
import { latestToken } from '../../examples/demo/server.mjs';
import { demoSession } from './demo-session.js';
import { capture, describeOverflow, describeSmallTargets, describeViolations } from './screens.js';

/** The top bar's "English · Français": the demo's pages with sitegate's elements, in French on request. */
describe('the demo in French: the language switch', () => {
  const session = demoSession('language');
  const get = (path: string, init: RequestInit = {}) => fetch(`${session.demo.url}${path}`, { redirect: 'manual', ...init });
  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

  /** Picks a language with the switch; the page reloads in it. */
  async function choose(page: Page, name: 'English' | 'Français'): Promise<void> {
    const link = page.locator('nav.top .languages').getByRole('link', { name, exact: true });
    await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), link.click()]);
  }

  /** Signs Dana in with the French sign-in form. */
  async function signInInFrench(page: Page): Promise<void> {
    const form = page.locator('sg-sign-in');
    await form.getByLabel('E-mail').fill(DANA.email);
    await form.getByLabel('Mot de passe', { exact: true }).fill(DANA.password);
    await form.getByRole('button', { name: 'Se connecter', exact: true }).click();
  }

  /** The heading of the portal's updates section, once shown. */
  const updatesHeading = (page: Page, text: string) => page.locator('sg-portal-view section[data-module=updates] h3').filter({ hasText: text }).waitFor({ timeout: 20_000 });

  it('keeps the choice in a cookie: French pages as chosen, English for anything unknown, and home for a return address elsewhere', async () => {
    const english = await (await get('/portal/accept')).text();
    expect(english).toMatch(/^<!doctype html>\s*<html lang="en"/);
    expect(english).toContain('<title>Client portal — Acme Builders</title>');
    expect(english).toContain('<a href="/demo/language?lang=fr&amp;back=%2Fportal%2Faccept" lang="fr" hreflang="fr" data-language="fr">Français</a>');

    const chosen = await get('/demo/language?lang=fr&back=/portal/accept');
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toBe('/portal/accept');
    const cookie = chosen.headers.get('set-cookie')!;
    expect(cookie).toBe('sitegate_demo_lang=fr; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax');
    for (const path of ['/builder', '/portal', '/portal/accept', '/portal/reset', '/portal/sign-in-link', '/portal/confirm-email']) {
      const html = await (await get(path, { headers: { cookie: cookie.split(';')[0]! } })).text();
      expect(html, path).toMatch(/^<!doctype html>\s*<html lang="fr"/);
      expect(html, path).toContain('<strong lang="fr">Français</strong>');
      // The window's title is read in the page's language too.
      expect(html, path).toContain(path === '/builder' ? '<title>Constructeur — démo sitegate</title>' : '<title>Portail client — Acme Builders</title>');
      expect(html, path).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    }
    // The page's script sets the choice without leaving the page.
    const posted = await get('/demo/language?lang=fr', { method: 'POST' });
    expect(posted.status).toBe(204);
    expect(posted.headers.get('set-cookie')).toMatch(/^sitegate_demo_lang=fr;/);

    const unknown = await get('/demo/language?lang=de&back=//elsewhere.example/portal');
    expect(unknown.headers.get('set-cookie')).toMatch(/^sitegate_demo_lang=en;/);
    expect(unknown.headers.get('location')).toBe('/');
    expect((await get('/demo/language?lang=fr&back=https://elsewhere.example/')).headers.get('location')).toBe('/');
    for (const cookie of ['sitegate_demo_lang=de', 'sitegate_demo_lang=fr-evil', 'other_sitegate_demo_lang=fr']) {
      expect(await (await get('/portal', { headers: { cookie } })).text(), cookie).toMatch(/^<!doctype html>\s*<html lang="en"/);
    }
  });

  it('the portal in French: signing in, a reload, the builder page, then back to English', async () => {
    const page = await session.device({ width: 1280 });
    await page.goto(`${session.demo.url}/portal`);
    await page.locator('sg-sign-in').getByRole('button', { name: 'Sign in', exact: true }).waitFor({ timeout: 20_000 });
    expect(await htmlLang(page)).toBe('en');

    await choose(page, 'Français');
    expect(await htmlLang(page)).toBe('fr');
    await page.locator('sg-sign-in').getByText('Connectez-vous à votre portail client').waitFor({ timeout: 20_000 });
    await signInInFrench(page);
    await updatesHeading(page, 'Actualités');

    // A reload, and the demo's other pages, keep the choice.
    await page.reload();
    await updatesHeading(page, 'Actualités');
    await page.locator('nav.top').getByRole('link', { name: 'Builder', exact: true }).click();
    await page.locator('sg-client-list').getByRole('button', { name: 'Inviter un client' }).waitFor({ timeout: 20_000 });
    expect(await htmlLang(page)).toBe('fr');
    await page.locator('nav.top').getByRole('link', { name: 'Client portal', exact: true }).click();
    await updatesHeading(page, 'Actualités');

    await choose(page, 'English');
    expect(await htmlLang(page)).toBe('en');
    await updatesHeading(page, 'Updates');
    expect(session.problems).toEqual([]);
  }, 120_000);

  it("keeps an invite link's token when the language is switched on its page", async () => {
    const email = 'lea.martin@example.com';
    await session.demo.portal.clients.add(demoStaff, { email, name: 'Léa Martin', projectIds: ['maple-12'] });
    await session.demo.portal.outbox.flush();
    const token = latestToken(session.demo.mail, email)!;
    const page = await session.device({ width: 1280 });
    await page.goto(`${session.demo.url}/portal/accept#token=${encodeURIComponent(token)}`);
    const accept = page.locator('sg-accept-invite');
    await accept.getByText('invited you to their client portal').waitFor({ timeout: 20_000 });
    // The element took the token out of the address bar: only this page's history entry has it.
    expect(page.url()).toBe(`${session.demo.url}/portal/accept`);

    await choose(page, 'Français');
    await accept.getByText('vous invite sur son portail client').waitFor({ timeout: 20_000 });
    await accept.getByLabel('Mot de passe', { exact: true }).fill('une longue phrase de passe 42');
    await accept.getByLabel('Répétez le mot de passe').fill('une longue phrase de passe 42');
    await accept.getByRole('button', { name: 'Rejoindre le portail' }).click();
    await updatesHeading(page, 'Actualités');
    expect(session.problems).toEqual([]);
  }, 120_000);

  for (const width of [1280, 390]) {
    it(`fits the French portal and builder pages at ${width} px, with no accessibility violation`, async () => {
      const page = await session.device({ width });
      await page.goto(`${session.demo.url}/portal`);
      await choose(page, 'Français');
      await signInInFrench(page);
      await updatesHeading(page, 'Actualités');
      const reports = [await capture(page, 'portal-fr')];
      await page.goto(`${session.demo.url}/builder`);
      await page.locator('sg-client-list').getByRole('button', { name: 'Inviter un client' }).waitFor({ timeout: 20_000 });
      await page.locator('#content sg-share-button').first().waitFor({ timeout: 20_000 });
      reports.push(await capture(page, 'builder-fr'));
      expect([...session.problems, ...describeViolations(reports), ...describeOverflow(reports), ...describeSmallTargets(reports)]).toEqual([]);
    }, 120_000);
  }
});
