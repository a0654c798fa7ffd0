import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { latestToken, startDemo } from '../../examples/demo/server.mjs';
import { launchChromium, openDevice } from './browser.js';
import { capture, describeOverflow, describeSmallTargets, describeViolations, SCREENS_DIR, type StateReport } from './screens.js';

/** The demo's home owners of 12 Maple Street (examples/demo/seed.mjs). */
const DANA = { email: 'dana@example.com', password: 'portal-demo-2026' };
const SAM = { email: 'sam@example.com', password: 'portal-demo-2026-sam' };
const STAFF = { type: 'staff', tenantId: 'acme', userId: 'demo-builder' } as const;
const WIDTHS = [1280, 390] as const;

/**
 * Every page and element state a builder and a client see in the demo, at 1280 and 390 px: axe
 * finds no violation of any rule of its default run (and `target-size`) in any of them, nothing
 * reaches past the viewport, no control is under 24 px, and each state leaves
 * `test/screenshots/e2e/<state>-<width>.png` to look at.
 */
describe('the demo: every page and state, accessible and in the viewport', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-e2e-screens-'));
  /** Added to the portal's clock: an invite made "30 days ago" has expired by now. */
  let skewMs = 0;
  let danaId = '';
  let samId = '';

  async function device(width: number): Promise<Page> {
    const page = await openDevice(browser, contexts, problems, { width, label: String(width) });
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function signIn(width: number, who: { email: string; password: string }): Promise<Page> {
    const page = await device(width);
    await page.goto(`${demo.url}/portal`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('sg-portal-view [part=section]').first().waitFor({ timeout: 20_000 });
    return page;
  }

  /** A fresh invite's token, through the outbox as a client would get it. */
  async function inviteToken(email: string, name: string): Promise<string> {
    await demo.portal.clients.add(STAFF, { email, name, projectIds: ['maple-12'] });
    await demo.portal.outbox.flush();
    return latestToken(demo.mail, email)!;
  }

  /** Asserts the states of one walk: no axe violation, nothing outside the viewport, no target under 24 px. */
  function expectClean(reports: StateReport[]): void {
    const found = [...problems.splice(0), ...describeViolations(reports), ...describeOverflow(reports), ...describeSmallTargets(reports)];
    expect(found.join('\n')).toBe('');
  }

  beforeAll(async () => {
    demo = await startDemo({
      port: 0,
      dataDir,
      databaseUrl: '',
      smtpUrl: '',
      log: () => {},
      portalOptions: { now: () => new Date(Date.now() + skewMs) },
    });
    browser = await launchChromium();
    const clients = (await demo.portal.clients.list(STAFF, { limit: 100 })).items;
    danaId = clients.find((c) => c.email === DANA.email)!.id;
    samId = clients.find((c) => c.email === SAM.email)!.id;
    // Both home owners decide the change order and the tile selection: each width's walk has one waiting.
    for (const [module, id] of [['changeOrders', 'maple-12-co-2'], ['selections', 'maple-12-tile']] as const) {
      await demo.portal.approvals.request(STAFF, 'maple-12', { module, id, approvers: [danaId, samId], mode: 'all', message: 'Please decide by Friday so the order goes out on time.' });
    }
    // Dana has opened the floor plan and a daily log: the builder page shows who viewed what.
    const dana = { type: 'client', tenantId: 'acme', clientId: danaId } as const;
    await demo.portal.view.open(dana, 'maple-12', 'drawings', 'maple-12-a101');
    await demo.portal.view.open(dana, 'maple-12', 'dailyLogs', 'maple-12-log-20');
    // An archived client, for the "Archived" filter.
    const gone = await demo.portal.clients.add(STAFF, { email: 'former.owner@example.com', name: 'Former Owner', projectIds: ['oak-lane'], invite: false });
    await demo.portal.clients.archive(STAFF, gone.id);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      it('the home page and the dev outbox (signed out and signed in)', async () => {
        const page = await device(width);
        const reports: StateReport[] = [];
        await page.goto(`${demo.url}/`);
        reports.push(await capture(page, 'home'));
        await page.goto(`${demo.url}/outbox`);
        reports.push(await capture(page, 'outbox-signed-out'));
        await page.goto(`${demo.url}/builder`);
        await page.goto(`${demo.url}/outbox`);
        await page.locator('article.mail').first().waitFor();
        reports.push(await capture(page, 'outbox'));
        expectClean(reports);
      }, 120_000);

      it('the builder page: client list with its dialogs and menu, share and approval buttons, receipts', async () => {
        const page = await device(width);
        const reports: StateReport[] = [];
        await page.goto(`${demo.url}/builder`);
        const list = page.locator('sg-client-list');
        await list.getByRole('listitem').filter({ hasText: 'Marco Rossi' }).waitFor({ timeout: 20_000 });
        await page.locator('sg-share-button').first().getByRole('button').waitFor({ timeout: 20_000 });
        await page.getByText('Viewed by Dana Whitfield').first().waitFor({ timeout: 20_000 });
        await page.locator('sg-approval-button').first().getByText('Waiting on').waitFor({ timeout: 20_000 });
        reports.push(await capture(page, 'builder'));

        await list.getByRole('searchbox', { name: 'Search clients' }).fill('nobody-by-this-name');
        // The list says it in place, and a hidden status region says it to screen readers too.
        await list.locator('.state.empty', { hasText: 'No clients match' }).waitFor();
        await list.getByRole('status').filter({ hasText: 'No clients match' }).waitFor({ state: 'attached' });
        reports.push(await capture(page, 'clients-no-match', 'viewport'));
        await list.getByRole('searchbox', { name: 'Search clients' }).fill('');

        await list.getByRole('combobox', { name: 'Status' }).selectOption('archived');
        await list.getByText('Former Owner').waitFor();
        reports.push(await capture(page, 'clients-archived', 'viewport'));
        await list.getByRole('combobox', { name: 'Status' }).selectOption('');

        await list.getByRole('button', { name: 'Invite client' }).click();
        await list.getByRole('dialog').waitFor();
        reports.push(await capture(page, 'clients-invite-dialog', 'viewport'));
        await page.keyboard.press('Escape');
        await list.getByRole('dialog').waitFor({ state: 'hidden' });

        const menuOf = async (name: string) => {
          // Scrolling the list closes an open menu: bring the row into view first, as a person would.
          const button = list.getByRole('button', { name: `Actions for ${name}` });
          await button.scrollIntoViewIfNeeded();
          await page.waitForTimeout(300);
          await button.click();
          await list.getByRole('menu').waitFor();
        };
        await menuOf('Marco Rossi');
        reports.push(await capture(page, 'clients-row-menu', 'viewport'));
        await page.keyboard.press('Escape');
        await list.getByRole('menu').waitFor({ state: 'hidden' });

        for (const [action, state] of [
          ['Edit details', 'clients-edit-dialog'],
          ['Show permissions', 'clients-permissions-dialog'],
          ['Revoke access', 'clients-revoke-dialog'],
          ['Update project access', 'clients-projects-dialog'],
        ] as const) {
          await menuOf('Dana Whitfield');
          await list.getByRole('menuitem', { name: action }).click();
          const dialog = list.getByRole('dialog');
          await dialog.waitFor();
          if (action === 'Show permissions') await dialog.getByText('Loading').waitFor({ state: 'hidden' });
          reports.push(await capture(page, state, 'viewport'));
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'hidden' });
        }

        // A one-click action's notice.
        await menuOf('Marco Rossi');
        await list.getByRole('menuitem', { name: 'Resend invite' }).click();
        await list.getByRole('status').filter({ hasText: /marco/i }).waitFor();
        reports.push(await capture(page, 'clients-notice', 'viewport'));

        const approval = page.locator('li', { hasText: 'CO-2 Upgrade to triple-pane windows' }).locator('sg-approval-button');
        await approval.getByText(/^Evidence/).click();
        reports.push(await capture(page, 'approval-evidence', approval));
        await approval.getByRole('button', { name: /^Request approval/ }).click();
        await approval.getByRole('dialog').waitFor();
        reports.push(await capture(page, 'approval-request-dialog', 'viewport'));
        await page.keyboard.press('Escape');
        expectClean(reports);
      }, 240_000);

      it('sign-in: password, wrong password, forgot password, link sent, sign-in link', async () => {
        const page = await device(width);
        const reports: StateReport[] = [];
        await page.goto(`${demo.url}/portal`);
        const signIn = page.locator('sg-sign-in');
        await signIn.getByLabel('Email').waitFor({ timeout: 20_000 });
        reports.push(await capture(page, 'sign-in'));
        await signIn.getByLabel('Email').fill(DANA.email);
        await signIn.getByLabel('Password', { exact: true }).fill('not-her-password');
        await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
        await signIn.getByRole('alert').waitFor();
        reports.push(await capture(page, 'sign-in-wrong-password'));
        await signIn.getByRole('button', { name: 'Forgot password?' }).click();
        await signIn.getByRole('button', { name: 'Send reset link' }).waitFor();
        reports.push(await capture(page, 'sign-in-forgot'));
        await signIn.getByLabel('Email').fill(SAM.email);
        await signIn.getByRole('button', { name: 'Send reset link' }).click();
        await signIn.getByText('we sent a link').waitFor();
        reports.push(await capture(page, 'sign-in-link-sent'));
        await signIn.getByRole('button', { name: 'Back to sign in' }).click();
        await signIn.getByRole('button', { name: 'Email me a sign-in link' }).click();
        await signIn.getByRole('button', { name: 'Send sign-in link' }).waitFor();
        reports.push(await capture(page, 'sign-in-email-link'));
        expectClean(reports);
      }, 120_000);

      it('reset password: live link, used link', async () => {
        await demo.portal.passwords.requestReset({ tenantId: 'acme', email: SAM.email });
        await demo.portal.outbox.flush();
        const token = latestToken(demo.mail, SAM.email)!;
        const reports: StateReport[] = [];
        const page = await device(width);
        await page.goto(`${demo.url}/portal/reset#token=${encodeURIComponent(token)}`);
        const reset = page.locator('sg-reset-password');
        await reset.getByLabel('New password', { exact: true }).waitFor({ timeout: 20_000 });
        reports.push(await capture(page, 'reset-password'));
        await reset.getByLabel('New password', { exact: true }).fill(SAM.password);
        await reset.getByLabel('Repeat new password').fill(SAM.password);
        await reset.getByRole('button', { name: 'Set password' }).click();
        // The demo page opens the portal once the new password signed the client in.
        await page.locator('sg-portal-view').waitFor();
        const again = await device(width);
        await again.goto(`${demo.url}/portal/reset#token=${encodeURIComponent(token)}`);
        await again.locator('sg-reset-password').getByText('already been used').waitFor({ timeout: 20_000 });
        reports.push(await capture(again, 'reset-password-used'));
        expectClean(reports);
      }, 120_000);

      it('confirm a new email address: live link, refused password, used link', async () => {
        // An active client whose address the builder corrects: the link goes to the new address.
        const invited = `omar.${width}@example.com`;
        await demo.portal.invites.accept(await inviteToken(invited, 'Omar Farouk'), { password: 'a-long-enough-password' });
        const omar = (await demo.portal.clients.list(STAFF, { limit: 100 })).items.find((c) => c.email === invited)!;
        const corrected = `omar.farouk.${width}@example.com`;
        await demo.portal.clients.update(STAFF, omar.id, { email: corrected });
        await demo.portal.outbox.flush();
        const token = latestToken(demo.mail, corrected)!;
        const reports: StateReport[] = [];
        const page = await device(width);
        await page.goto(`${demo.url}/portal/confirm-email#token=${encodeURIComponent(token)}`);
        const confirm = page.locator('sg-confirm-email');
        await confirm.getByRole('heading', { name: 'Confirm your new email address' }).waitFor({ timeout: 20_000 });
        reports.push(await capture(page, 'confirm-email'));
        await confirm.getByLabel('New password', { exact: true }).fill('short');
        await confirm.getByLabel('Repeat new password').fill('short');
        await confirm.getByRole('button', { name: 'Confirm and sign in' }).click();
        await confirm.getByText('Use at least 10 characters.').waitFor();
        reports.push(await capture(page, 'confirm-email-refused'));
        await confirm.getByLabel('New password', { exact: true }).fill('omar second passphrase');
        await confirm.getByLabel('Repeat new password').fill('omar second passphrase');
        await confirm.getByRole('button', { name: 'Confirm and sign in' }).click();
        await page.locator('sg-portal-view').waitFor();
        const again = await device(width);
        await again.goto(`${demo.url}/portal/confirm-email#token=${encodeURIComponent(token)}`);
        // The page looks at the link first: a used one says so at once.
        await again.locator('sg-confirm-email').getByRole('heading', { name: 'This confirmation link has already been used' }).waitFor({ timeout: 20_000 });
        reports.push(await capture(again, 'confirm-email-used'));
        expectClean(reports);
      }, 120_000);

      it('accept invite: live, used, expired and unknown links', async () => {
        const reports: StateReport[] = [];
        const open = async (token: string, expected: string, state: string) => {
          const page = await device(width);
          await page.goto(`${demo.url}/portal/accept#token=${encodeURIComponent(token)}`);
          await page.locator('sg-accept-invite').getByText(expected).first().waitFor({ timeout: 20_000 });
          reports.push(await capture(page, state, 'viewport'));
          return page;
        };
        const live = await inviteToken(`noor.${width}@example.com`, 'Noor Haddad');
        await open(live, 'invited you', 'accept-invite');
        const used = await inviteToken(`ines.${width}@example.com`, 'Ines Duarte');
        await demo.portal.invites.accept(used, { password: 'a-long-enough-password' });
        await open(used, 'already been used', 'accept-invite-used');
        skewMs = -30 * 24 * 3_600_000;
        const expired = await inviteToken(`omar.${width}@example.com`, 'Omar Farouk').finally(() => (skewMs = 0));
        await open(expired, 'has expired', 'accept-invite-expired');
        await open('x'.repeat(43), 'not valid', 'accept-invite-unknown');
        expectClean(reports);
      }, 120_000);

      it('the portal: overview, waiting on you, each section, item details, photo viewer, email notifications, a decision', async () => {
        // Dana decides at one width, Sam at the other: each finds the change order still waiting on them.
        const page = await signIn(width, width === 1280 ? DANA : SAM);
        const view = page.locator('sg-portal-view');
        const reports: StateReport[] = [];
        await view.locator('[part=approval]').first().waitFor({ timeout: 20_000 });
        reports.push(await capture(page, 'portal'));
        // The README's picture of the portal (copied to examples/demo/screenshot-portal.png when it changes).
        if (width === 1280) {
          // From the top bar down through the schedule.
          const height = Math.min(2100, await page.evaluate(() => document.documentElement.scrollHeight));
          await page.screenshot({ path: `${SCREENS_DIR}readme-portal-1280.png`, clip: { x: 0, y: 0, width: 1280, height }, fullPage: true });
        }
        reports.push(await capture(page, 'portal-overview', view.locator('[part=overview]')));

        const sections = await view.locator('[part=section]').evaluateAll((all) => all.map((s) => s.getAttribute('data-module')!));
        expect(sections.length).toBeGreaterThan(3);
        for (const module of sections) {
          const section = view.locator(`[part=section][data-module=${module}]`);
          await section.scrollIntoViewIfNeeded();
          reports.push(await capture(page, `portal-section-${module}`, section));
          // The first item's details, where the module has them.
          const details = section.locator('button.disclosure.more').first();
          if (await details.count()) {
            await details.click();
            await section.locator('.panel:not([hidden])').first().waitFor();
            await section.locator('.panel [role=status]').waitFor({ state: 'detached' }).catch(() => undefined);
            reports.push(await capture(page, `portal-details-${module}`, section));
          }
          // A folder opened.
          const folder = section.locator('button.disclosure:not(.more)').first();
          if (await folder.count()) {
            await folder.click();
            await section.locator('.children [role=status]').waitFor({ state: 'detached' }).catch(() => undefined);
            await page.waitForTimeout(200);
            reports.push(await capture(page, `portal-folder-${module}`, section));
          }
        }

        // The photo viewer.
        const thumb = view.locator('button.thumb').first();
        if (await thumb.count()) {
          await thumb.click();
          await view.locator('dialog[part=viewer]').waitFor();
          reports.push(await capture(page, 'portal-photo-viewer', 'viewport'));
          await page.keyboard.press('Escape');
        }

        // The client's email notification choices, opened.
        const prefs = view.locator('[part=notifications]');
        await prefs.locator('summary').click();
        await prefs.locator('form').waitFor();
        reports.push(await capture(page, 'portal-notifications', prefs));

        // Deciding: the confirmation dialog, then the card's notice.
        const card = view.locator('[part=approval]', { hasText: 'CO-2 Upgrade to triple-pane windows' });
        await card.scrollIntoViewIfNeeded();
        await card.getByRole('button', { name: /^Approve/ }).click();
        const confirm = view.getByRole('dialog');
        await confirm.waitFor();
        reports.push(await capture(page, 'portal-approve-dialog', 'viewport'));
        await confirm.getByLabel('Note (optional)').fill('Worth it for the winters.');
        await confirm.getByRole('button', { name: 'Approve', exact: true }).click();
        await card.getByText('You approved this').waitFor();
        reports.push(await capture(page, 'portal-approved', view.locator('[part=waiting]')));
        expectClean(reports);
      }, 300_000);
    });
  }
});
