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
  [ALL_ELEMENTS]: 35 * KB,
  [SHARE_BUTTON_PAGE]: 20 * KB,
};
const BUDGETS: Record<string, number> = {
  [ALL_ELEMENTS]: 35 * KB,
  [SHARE_BUTTON_PAGE]: 20 * KB,
  '<sg-accept-invite> alone': 12 * KB,
  '<sg-client-list> alone': 18.75 * KB,
  '<sg-portal-provider> alone': 16.5 * KB,
  '<sg-portal-view> alone': 14.75 * KB,
  '<sg-share-button> alone': 10.75 * KB,
  '<sg-sign-in> alone': 11.25 * KB,
  // The client is built from the API contract table (every route, with its response check).
  'sitegate/client': 9.5 * KB,
  // The core is for servers and tests more than pages; it carries zod and the common-password list.
  'sitegate (core)': 66 * KB,
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
