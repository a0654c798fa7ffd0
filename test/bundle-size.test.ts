import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_ELEMENTS, browserEntries, gzipSize, kb, SHARE_BUTTON_PAGE } from '../bench/lib/bundle-size.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Budgets in gzipped bytes (level 9, file by file) of everything a page loads before it shows
 * data: the entry, its chunks, and the chunks it loads with `import()` (the api client), every
 * dependency bundled for the browser. Set at what the entries reached, rounded up a little, so
 * size never creeps: raise one only on purpose, in the same commit as the code that needs it.
 * The two page targets are ceilings no budget may exceed.
 */
const KB = 1024;
const TARGETS: Record<string, number> = {
  // 35 KB for v0's six elements. The workplace features each added what they draw and say:
  // account screens (reset page, link and reset forms, edit dialog: +2.9 KB), item details,
  // overview, jump links, brand and date ranges (+4.5 KB), approvals (a new element, "Waiting
  // on you", receipts: +6.4 KB), and ~150 strings. French ships apart (`…/i18n/fr`).
  [ALL_ELEMENTS]: 50.5 * KB,
  // 20 KB until receipts on the button (+0.7 KB) and the contract's new routes in the client (+0.5 KB).
  [SHARE_BUTTON_PAGE]: 22 * KB,
};
const BUDGETS: Record<string, number> = {
  [ALL_ELEMENTS]: 50.5 * KB,
  [SHARE_BUTTON_PAGE]: 22 * KB,
  '<sg-accept-invite> alone': 12.25 * KB,
  '<sg-approval-button> alone': 16 * KB,
  '<sg-client-list> alone': 19.75 * KB,
  // Carries the api client: every route of the contract, with its response check.
  '<sg-portal-provider> alone': 17 * KB,
  // 14.75 KB until item details, overview and brand (+3.9 KB) and "Waiting on you" (+3.2 KB).
  '<sg-portal-view> alone': 21.75 * KB,
  '<sg-share-button> alone': 11.75 * KB,
  '<sg-reset-password> alone': 12.5 * KB,
  '<sg-sign-in> alone': 12 * KB,
  // The client is built from the API contract table (every route, with its response check).
  'sitegate/client': 10.25 * KB,
  // The core is for servers and tests more than pages; it carries zod and the common-password
  // list. 66 KB until accounts, approvals, receipts and events (+10 KB).
  'sitegate (core)': 77 * KB,
};
/** An element added later gets this until it earns its own line above. */
const NEW_ELEMENT_BUDGET = 16 * KB;

describe('bundle size (min + gzip, browser, whole graph a page loads)', () => {
  const entries = browserEntries(root);
  // One esbuild service builds them all at once: the suite stays well under ten seconds.
  const sizes = Promise.all(entries.map(async (entry) => [entry.name, await gzipSize(root, entry)] as const)).then((list) => new Map(list));

  it('measures both page scenarios, and no budget exceeds its target', () => {
    for (const [name, target] of Object.entries(TARGETS)) {
      expect(entries.map((e) => e.name)).toContain(name);
      expect(BUDGETS[name]).toBeLessThanOrEqual(target);
    }
  });

  it('counts the api client with the provider: it is needed before any element shows data', async () => {
    const provider = (await sizes).get('<sg-portal-provider> alone')!;
    const client = (await sizes).get('sitegate/client')!;
    expect(provider.gz).toBeGreaterThan(client.gz);
  });

  it('keeps zod out of every browser scenario but the core', async () => {
    for (const [name, size] of await sizes) if (name !== 'sitegate (core)') expect(size.zod, name).toBe(0);
  });

  for (const entry of entries) {
    const budget = BUDGETS[entry.name] ?? (entry.name.endsWith(' alone') ? NEW_ELEMENT_BUDGET : undefined);
    it(`keeps ${entry.name} within ${budget === undefined ? 'a budget' : kb(budget)}`, async () => {
      expect(budget, `no budget for ${entry.name}`).toBeDefined();
      const size = (await sizes).get(entry.name)!;
      expect(size.gz, `${entry.name} is ${kb(size.gz)} gz`).toBeLessThanOrEqual(budget!);
    });
  }
});
