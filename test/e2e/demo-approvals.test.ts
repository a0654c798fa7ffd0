import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startDemo } from '../../examples/demo/server.mjs';
import { launchChromium, openDevice, shot } from './browser.js';

/** The demo's two home owners of 12 Maple Street (examples/demo/seed.mjs). */
const DANA = { email: 'dana@example.com', password: 'portal-demo-2026', name: 'Dana Whitfield' };
const SAM = { email: 'sam@example.com', password: 'portal-demo-2026-sam', name: 'Sam Whitfield' };
const CHANGE_ORDER = 'CO-2 Upgrade to triple-pane windows';

/**
 * Approvals as people use them: the builder asks both home owners to approve a change order in
 * turn, Dana approves, Sam (whose turn it then is) declines, the builder sees both decisions with
 * their evidence and downloads it; the builder withdraws a request sent to the wrong owners, who
 * are then no longer asked; a change order whose amount changes before a decision can no longer
 * be decided.
 */
describe('the demo: approvals end to end in a real browser', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let builder: Page;
  const problems: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-e2e-approvals-'));

  const device = (): Promise<Page> => openDevice(browser, contexts, problems, { acceptDownloads: true });

  async function signIn(who: { email: string; password: string }): Promise<Page> {
    const page = await device();
    await page.goto(`${demo.url}/portal`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('sg-portal-view').waitFor({ timeout: 20_000 });
    return page;
  }

  /** The change order's approval button on the builder page. */
  const approvalOf = (): Locator => builder.locator('li', { hasText: CHANGE_ORDER }).locator('sg-approval-button');
  /** The change order's card in "Waiting on you". */
  const card = (page: Page): Locator => page.locator('sg-portal-view').locator('[part=approval]', { hasText: CHANGE_ORDER });

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

  it('request in sequence → first approves → second’s turn → second declines → builder sees both with evidence', async () => {
    // The builder asks Dana, then Sam.
    await approvalOf().getByRole('button', { name: 'Request approval' }).click({ timeout: 20_000 });
    const dialog = approvalOf().getByRole('dialog');
    await dialog.getByLabel(DANA.name).check();
    await dialog.getByLabel(SAM.name).check();
    await dialog.getByLabel('All of them, one after another').check();
    await dialog.getByLabel('Message to the clients (optional)').fill('Triple-pane glazing for all 14 windows, as discussed on site.');
    await shot(builder, 'approvals-01-request');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await approvalOf().getByText(`Waiting on ${DANA.name}`).waitFor();
    await shot(builder, 'approvals-02-requested');

    // Dana sees it waiting on her, with what is asked, and approves.
    const dana = await signIn(DANA);
    await card(dana).waitFor({ timeout: 20_000 });
    await expect(card(dana).innerText()).resolves.toContain('$6,800.00');
    await expect(card(dana).innerText()).resolves.toContain('Triple-pane glazing for all 14 windows, as discussed on site.');
    await shot(dana, 'approvals-03-waiting-on-dana');
    await card(dana).getByRole('button', { name: /^Approve/ }).click();
    const confirm = dana.locator('sg-portal-view').getByRole('dialog');
    await confirm.getByLabel('Note (optional)').fill('Worth it for the winters.');
    await confirm.getByRole('button', { name: 'Approve', exact: true }).click();
    await card(dana).getByText('You approved this').waitFor();
    await expect(card(dana).innerText()).resolves.toContain('Still waiting on 1 other approver.');
    await shot(dana, 'approvals-04-dana-approved');

    // The builder sees it is Sam's turn now (the button re-reads on its own).
    await approvalOf().getByText(`Waiting on ${SAM.name}`).waitFor({ timeout: 20_000 });

    // Sam declines.
    const sam = await signIn(SAM);
    await card(sam).getByRole('button', { name: /^Decline/ }).click({ timeout: 20_000 });
    const samConfirm = sam.locator('sg-portal-view').getByRole('dialog');
    await samConfirm.getByLabel('Note (optional)').fill('Over budget this year.');
    await samConfirm.getByRole('button', { name: 'Decline', exact: true }).click();
    await card(sam).getByText('You declined this').waitFor();
    await shot(sam, 'approvals-05-sam-declined');

    // The host heard the outcome (`approval.completed`) and settled its own record of the change
    // order, so the portal no longer shows it "pending" beside the decision.
    const hostStatus = () =>
      builder.evaluate(async () => {
        const items = (await (await fetch('/demo/content?projectId=maple-12')).json()) as { id: string; status?: string; meta?: { status?: string } }[];
        const co = items.find((item) => item.id === 'maple-12-co-2')!;
        return `${co.status}/${co.meta?.status}`;
      });
    await expect.poll(hostStatus, { timeout: 20_000 }).toBe('declined/declined');
    await sam.reload();
    const row = sam.locator('sg-portal-view li.item').filter({ hasText: 'CO-2 Upgrade to triple-pane windows' }).first();
    await row.waitFor({ timeout: 20_000 });
    await expect(row.locator('.badge').first().innerText()).resolves.toMatch(/^declined$/i);

    // The builder sees both decisions with their evidence, and downloads it.
    await approvalOf().getByText('Declined', { exact: true }).waitFor({ timeout: 20_000 });
    await approvalOf().getByText(/^Evidence/).click();
    const evidence = approvalOf().locator('[part=evidence]');
    await expect(evidence.innerText()).resolves.toMatch(new RegExp(`${DANA.name} approved`));
    await expect(evidence.innerText()).resolves.toMatch(new RegExp(`${SAM.name} declined`));
    await expect(evidence.innerText()).resolves.toContain('Note: Worth it for the winters.');
    await expect(evidence.innerText()).resolves.toContain('Note: Over budget this year.');
    await shot(builder, 'approvals-06-evidence');
    const [download] = await Promise.all([builder.waitForEvent('download'), approvalOf().getByRole('button', { name: 'Download evidence' }).click()]);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(doc).toMatchObject({ format: 'sitegate.approval/v1', hashAlgorithm: 'SHA-256', approval: { status: 'declined', mode: 'sequence' } });
    expect(doc.approval.decisions.map((d: { decision: string; note: string }) => [d.decision, d.note])).toEqual([
      ['approved', 'Worth it for the winters.'],
      ['declined', 'Over budget this year.'],
    ]);
    // Each decision carries the hash of what was approved, and the request's user agent as evidence.
    for (const d of doc.approval.decisions) expect(d.snapshotHash).toBe(doc.approval.snapshotHash);
    expect(doc.approval.decisions[0].userAgent).toMatch(/Chrome/);
  }, 180_000);

  it('request in sequence → builder withdraws it with a reason → the home owners are no longer asked to decide', async () => {
    await approvalOf().getByRole('button', { name: 'Request approval again' }).click();
    const dialog = approvalOf().getByRole('dialog');
    await dialog.getByLabel(DANA.name).check();
    await dialog.getByLabel(SAM.name).check();
    await dialog.getByLabel('All of them, one after another').check();
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await approvalOf().getByText(`Waiting on ${DANA.name}`).waitFor();
    // "Withdraw" sits beside "Request approval again" while the approval is open.
    const withdraw = approvalOf().getByRole('button', { name: 'Withdraw', exact: true });
    await withdraw.waitFor();
    await shot(builder, 'approvals-08-open-with-withdraw-1280');

    // Dana has the portal open, asked to decide.
    const dana = await signIn(DANA);
    await card(dana).getByRole('button', { name: /^Approve/ }).waitFor({ timeout: 20_000 });

    // The same page on a phone: the buttons and the dialog at 390 px.
    const phone = await openDevice(browser, contexts, problems, { width: 390 });
    await phone.goto(`${demo.url}/builder`);
    const phoneApproval = phone.locator('li', { hasText: CHANGE_ORDER }).locator('sg-approval-button');
    await phoneApproval.getByRole('button', { name: 'Withdraw', exact: true }).click({ timeout: 20_000 });
    await phoneApproval.getByRole('dialog', { name: /^Withdraw approval of/ }).getByLabel('Reason (optional)').fill('Sent to both owners by mistake; Sam decides this one alone.');
    await shot(phone, 'approvals-09-withdraw-dialog-390');
    await phoneApproval.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await phoneApproval.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot(phone, 'approvals-10-open-with-withdraw-390');

    // The builder withdraws it, with a reason.
    await withdraw.click();
    const confirm = approvalOf().getByRole('dialog', { name: /^Withdraw approval of/ });
    await expect(confirm.innerText()).resolves.toContain('The approvers can no longer decide. Decisions already made are kept.');
    await confirm.getByLabel('Reason (optional)').fill('Sent to both owners by mistake; Sam decides this one alone.');
    await shot(builder, 'approvals-11-withdraw-dialog-1280');
    await confirm.getByRole('button', { name: 'Withdraw approval' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await approvalOf().locator('[part=status]').getByText('Withdrawn', { exact: true }).waitFor();
    await expect(withdraw.count()).resolves.toBe(0);
    await expect(approvalOf().getByRole('button', { name: 'Request approval again' }).evaluate((b) => b.matches(':focus'))).resolves.toBe(true);
    // Left open since the evidence was read above.
    await approvalOf().locator('details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await expect(approvalOf().locator('details').innerText()).resolves.toContain('Reason: Sent to both owners by mistake; Sam decides this one alone.');
    await shot(builder, 'approvals-12-withdrawn-1280');

    // Dana, whose page still offered Approve, is told it was withdrawn instead of being refused.
    await card(dana).getByRole('button', { name: /^Approve/ }).click();
    await dana.locator('sg-portal-view').getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
    await card(dana).getByText('Withdrawn', { exact: true }).waitFor();
    await expect(card(dana).innerText()).resolves.toContain('Nothing more is needed from you.');
    await expect(card(dana).getByRole('button').count()).resolves.toBe(0);
    await shot(dana, 'approvals-13-dana-sees-withdrawn');

    // Sam, signing in now, is not asked at all.
    const sam = await signIn(SAM);
    await sam.waitForLoadState('networkidle');
    await sam.locator('sg-portal-view').locator('[part=overview]').waitFor();
    await expect(card(sam).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  }, 180_000);

  it('a change order whose amount changed after the request can no longer be decided', async () => {
    await approvalOf().getByRole('button', { name: 'Request approval again' }).click();
    const dialog = approvalOf().getByRole('dialog');
    await dialog.getByLabel(DANA.name).check();
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await approvalOf().getByText(`Waiting on ${DANA.name}`).waitFor();

    const dana = await signIn(DANA);
    await card(dana).getByRole('button', { name: /^Approve/ }).waitFor({ timeout: 20_000 });
    // The builder's own system changes the amount (the demo's dev-only content route).
    const changed = await builder.evaluate(async () => {
      const response = await fetch('/demo/content/amount', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ projectId: 'maple-12', module: 'changeOrders', id: 'maple-12-co-2', amount: 7400 }),
      });
      return response.status;
    });
    expect(changed).toBe(200);

    await card(dana).getByRole('button', { name: /^Approve/ }).click();
    const confirm = dana.locator('sg-portal-view').getByRole('dialog');
    await confirm.getByRole('button', { name: 'Approve', exact: true }).click();
    // Said on the card, which offers no decision until the builder asks again.
    await card(dana).getByRole('status').getByText('This changed after approval was requested').waitFor();
    await expect(card(dana).getByRole('button').count()).resolves.toBe(0);
    await shot(dana, 'approvals-07-stale');
    // Nothing was decided.
    await approvalOf().evaluate((el) => (el as unknown as { refresh(): Promise<void> }).refresh());
    await approvalOf().getByText('Waiting for a decision').waitFor();
    // The builder is told why it waits, and what to do.
    await approvalOf().getByText('CO-2 Upgrade to triple-pane windows changed since it was asked: no one can decide on it. Withdraw it and request approval again.').waitFor();
    await shot(builder, 'approvals-14-builder-sees-stale');
    expect(problems).toEqual([]);
  }, 120_000);

  it('the dev-only content route is for staff, and takes only a POST with JSON', async () => {
    const anonymous = await fetch(`${demo.url}/demo/content/amount`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    const asForm = await builder.evaluate(async () => (await fetch('/demo/content/amount', { method: 'POST', body: 'amount=1' })).status);
    expect(asForm).toBe(405);
    const unknown = await builder.evaluate(
      async () => (await fetch('/demo/content/amount', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ projectId: 'maple-12', module: 'changeOrders', id: 'nope', amount: 1 }) })).status,
    );
    expect(unknown).toBe(422);
  });
});
