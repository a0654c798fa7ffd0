import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './axe.js';
import { shot } from './browser.js';
import { demoSession } from './demo-session.js';

/** The demo's error red (`.problem` in demo.css): an error must not look like the green status line. */
const ERROR_RED = 'rgb(180, 35, 24)';
/** The server's limit on an update's message (UpdateInput in src/model/update.ts). */
const BODY_MAX = 20_000;

/**
 * The builder's update composer when things go wrong: a blank message is caught before sending
 * and said next to the field as an error; a refusal from the server is an error sentence naming
 * the field (or saying the server is busy or out of reach), never the raw `body: …` text in the
 * success colour; and a second submit while one is out is ignored, so one press is one update.
 * The same holds for the inline edit's Save and for Delete.
 */
describe('the demo: the update composer says errors as errors and publishes once', () => {
  // The demo starts PGlite and bundles its pages from the current sources: slow on a busy machine.
  const session = demoSession('composer', 240_000);
  const problems = session.problems;
  let builder: Page;
  /** The update requests the page sent, as `METHOD path`. */
  let sent: string[] = [];

  const form = (): Locator => builder.locator('#update');
  const publishButton = (): Locator => form().locator('button[type=submit]');
  const bodyField = (): Locator => form().getByLabel("Message to the project's clients");
  const requests = (method: string) => sent.filter((r) => r.startsWith(`${method} `));

  /** The bodies of the selected project's updates, as the API has them. */
  const publishedBodies = (): Promise<string[]> =>
    builder.evaluate(async () => {
      const project = document.querySelector<HTMLSelectElement>('#project')!.value;
      const response = await fetch(`/api/portal/projects/${encodeURIComponent(project)}/updates?limit=100`);
      return ((await response.json()) as { items: { body: string }[] }).items.map((u) => u.body);
    });

  /** How an element looks and what it is: for telling an error from a status. */
  const looks = (locator: Locator) =>
    locator.evaluate((e) => ({ text: e.textContent, role: e.getAttribute('role'), color: getComputedStyle(e).color, shown: e.getBoundingClientRect().height > 0 }));

  async function openBuilder(): Promise<void> {
    await builder.goto(`${session.demo.url}/builder`);
    await builder.locator('#past-updates .past-update').first().waitFor({ timeout: 20_000 });
  }

  beforeAll(async () => {
    builder = await session.device();
    builder.on('request', (request) => {
      const url = new URL(request.url());
      if (/\/api\/portal\/projects\/[^/]+\/updates/.test(url.pathname) && request.method() !== 'GET') sent.push(`${request.method()} ${url.pathname}`);
    });
  });

  beforeEach(async () => {
    await builder.unrouteAll();
    await openBuilder();
    sent = [];
  });

  it('a message of only spaces: an error next to the field, nothing sent or published', async () => {
    const before = await publishedBodies();
    await bodyField().fill('     ');
    await publishButton().click();
    const line = form().locator('#update-body-problem');
    await line.getByText('Write a message before publishing.').waitFor();
    expect(await looks(line)).toEqual({ text: 'Write a message before publishing.', role: 'alert', color: ERROR_RED, shown: true });
    // Tied to the field, which is marked invalid and gets the focus; the green status says nothing.
    expect(await bodyField().getAttribute('aria-invalid')).toBe('true');
    expect(await bodyField().getAttribute('aria-describedby')).toBe('update-body-problem');
    expect(await bodyField().evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await builder.locator('#update-status').textContent()).toBe('');
    const findings = await axeViolations(builder);
    expect(findings.flatMap((f) => f.nodes.filter((n) => /update/.test(n)).map((n) => `${f.rule}: ${n}`))).toEqual([]);
    await shot(builder, 'composer-01-blank-message');

    // An empty message is said the same way (not the browser's bubble); typing clears the error.
    await bodyField().fill('');
    await form().evaluate((f: HTMLFormElement) => f.requestSubmit());
    await line.getByText('Write a message before publishing.').waitFor();
    await bodyField().pressSequentially('Hello');
    expect(await line.textContent()).toBe('');
    expect(await bodyField().getAttribute('aria-invalid')).toBe(null);

    // The inline edit form checks its message too.
    await builder.locator('#past-updates .past-update').first().getByRole('button', { name: /^Edit/ }).click();
    const editor = builder.locator('#past-updates form.editing');
    await editor.getByLabel('Message').fill('   ');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.getByText('Write a message before saving.').waitFor();
    const editLine = editor.getByRole('alert').filter({ hasText: 'Write a message before saving.' });
    expect((await looks(editLine)).color).toBe(ERROR_RED);
    expect(await editor.getByLabel('Message').getAttribute('aria-invalid')).toBe('true');

    expect(sent).toEqual([]);
    expect(await publishedBodies()).toEqual(before);
    expect(problems).toEqual([]);
  }, 120_000);

  it('a refusal from the server: an error sentence naming the field, or saying what went wrong', async () => {
    const before = await publishedBodies();
    // Over the server's length limit: the server refuses it (422).
    await bodyField().fill('x'.repeat(BODY_MAX + 1));
    const refused = builder.waitForResponse((r) => r.request().method() === 'POST' && /\/updates$/.test(new URL(r.url()).pathname));
    await publishButton().click();
    expect((await refused).status()).toBe(422);
    const line = form().locator('#update-body-problem');
    const sentence = 'The message is too long: it can have at most 20,000 characters.';
    await line.getByText(sentence).waitFor();
    expect(await looks(line)).toEqual({ text: sentence, role: 'alert', color: ERROR_RED, shown: true });
    expect(await builder.locator('#update-status').textContent()).toBe('');
    expect(await builder.locator('#update').innerText()).not.toMatch(/body:|Too big/);
    await shot(builder, 'composer-02-too-long');

    // A busy server: said as such, with its wait, under the button.
    await builder.route('**/api/portal/projects/*/updates', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
            body: JSON.stringify({ type: 'about:blank', title: 'Service busy', status: 503, code: 'busy', detail: 'The server is busy.' }),
          })
        : route.fallback(),
    );
    await bodyField().fill('Drywall delivery moved to Thursday.');
    await publishButton().click();
    const general = form().locator('#update-problem');
    await general.getByText('Not published. The server is busy. Try again in 5 seconds.').waitFor();
    expect(await looks(general)).toMatchObject({ role: 'alert', color: ERROR_RED, shown: true });
    expect(await line.textContent()).toBe('');

    // No connection: said as such.
    await builder.unrouteAll();
    await builder.route('**/api/portal/projects/*/updates', (route) => (route.request().method() === 'POST' ? route.abort('failed') : route.fallback()));
    await publishButton().click();
    await general.getByText('Not published. Could not reach the server. Check your connection and try again.').waitFor();
    // The button is usable again, and says so.
    expect(await publishButton().getAttribute('aria-disabled')).toBe(null);
    expect(await publishButton().textContent()).toBe('Publish update');
    await builder.unrouteAll();

    // The inline edit's refusal is said the same way.
    await builder.locator('#past-updates .past-update').first().getByRole('button', { name: /^Edit/ }).click();
    const editor = builder.locator('#past-updates form.editing');
    await editor.getByLabel('Message').fill('y'.repeat(BODY_MAX + 1));
    await editor.getByRole('button', { name: 'Save changes' }).click();
    const editLine = editor.getByRole('alert').filter({ hasText: sentence });
    await editLine.waitFor();
    expect((await looks(editLine)).color).toBe(ERROR_RED);
    expect(await builder.locator('#past-status').textContent()).toBe('');

    expect(await publishedBodies()).toEqual(before);
    expect(problems).toEqual([]);
  }, 120_000);

  it('two submits in a row publish one update; Save and Delete also ignore a second press', async () => {
    const text = `Windows arrive Friday (${Date.now()}).`;
    await bodyField().fill(text);
    await publishButton().focus();
    // Both submits before the first answer: the second must be ignored, the button saying it is busy.
    const during = await form().evaluate((f: HTMLFormElement) => {
      f.requestSubmit();
      f.requestSubmit();
      const button = f.querySelector('button[type=submit]')!;
      return { disabled: button.getAttribute('aria-disabled'), label: button.textContent, focused: document.activeElement === button };
    });
    expect(during).toEqual({ disabled: 'true', label: 'Publishing…', focused: true });
    await builder.getByText('Published to the project’s clients.').waitFor();
    const card = builder.locator('#past-updates .past-update', { hasText: text });
    await card.first().waitFor();
    expect(requests('POST')).toHaveLength(1);
    expect((await publishedBodies()).filter((b) => b === text)).toHaveLength(1);
    expect(await card.count()).toBe(1);
    expect(await publishButton().getAttribute('aria-disabled')).toBe(null);
    expect(await publishButton().textContent()).toBe('Publish update');

    // Save: one edit for two submits.
    await card.getByRole('button', { name: /^Edit/ }).click();
    const editor = builder.locator('#past-updates form.editing');
    const edited = `${text} Edited once.`;
    await editor.getByLabel('Message').fill(edited);
    await editor.getByRole('button', { name: 'Save changes' }).focus();
    const saving = await editor.evaluate((f: HTMLFormElement) => {
      f.requestSubmit();
      f.requestSubmit();
      const button = f.querySelector('button[type=submit]')!;
      return { disabled: button.getAttribute('aria-disabled'), label: button.textContent, focused: document.activeElement === button };
    });
    expect(saving).toEqual({ disabled: 'true', label: 'Saving…', focused: true });
    await builder.getByText('Update saved.', { exact: false }).waitFor();
    expect(requests('PATCH')).toHaveLength(1);
    const editedCard = builder.locator('#past-updates .past-update', { hasText: edited });
    await editedCard.waitFor();

    // Delete: one request for two presses.
    await editedCard.getByRole('button', { name: /^Delete/ }).click();
    const yes = editedCard.getByRole('button', { name: 'Delete update' });
    await yes.focus();
    const deleting = await yes.evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
      return { disabled: button.getAttribute('aria-disabled'), label: button.textContent, focused: document.activeElement === button };
    });
    expect(deleting).toEqual({ disabled: 'true', label: 'Deleting…', focused: true });
    await builder.getByText('Update deleted.', { exact: false }).waitFor();
    expect(requests('DELETE')).toHaveLength(1);
    expect(await editedCard.count()).toBe(0);
    expect((await publishedBodies()).filter((b) => b.startsWith(text))).toEqual([]);
    // No error on the page from the ignored presses.
    expect(await builder.locator('#update .problem:not(:empty), #past-updates .problem:not(:empty)').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it('deleting an update that is gone already (another tab, or a repeated request) is done, not an error', async () => {
    const text = `Scaffold comes down Monday (${Date.now()}).`;
    await bodyField().fill(text);
    await publishButton().click();
    const card = builder.locator('#past-updates .past-update', { hasText: text });
    await card.waitFor();
    // Removed elsewhere while this page still shows it.
    await builder.evaluate(async (body) => {
      const project = document.querySelector<HTMLSelectElement>('#project')!.value;
      const base = `/api/portal/projects/${encodeURIComponent(project)}/updates`;
      const { items } = (await (await fetch(`${base}?limit=100`)).json()) as { items: { id: string; body: string }[] };
      const response = await fetch(`${base}/${encodeURIComponent(items.find((u) => u.body === body)!.id)}`, { method: 'DELETE' });
      if (response.status !== 204) throw new Error(`DELETE: ${response.status}`);
    }, text);
    await card.getByRole('button', { name: /^Delete/ }).click();
    await card.getByRole('button', { name: 'Delete update' }).click();
    await builder.getByText('Update deleted.', { exact: false }).waitFor();
    expect(await card.count()).toBe(0);
    expect(await builder.locator('#past-updates .problem:not(:empty)').count()).toBe(0);
  }, 120_000);
});
