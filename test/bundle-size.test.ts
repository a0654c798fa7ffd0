import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserEntries, gzipSize, kb } from '../bench/lib/bundle-size.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Budgets in gzipped bytes (level 9) of what a page loads up front, every dependency bundled for
 * the browser. Set at what the entries reached, rounded up a little, so size never creeps: raise
 * one only on purpose, in the same commit as the code that needs it. The target for all
 * elements together is 30 KB and this budget may never exceed 35 KB.
 */
const KB = 1024;
const BUDGETS: Record<string, number> = {
  'sitegate/components (all elements)': 27.5 * KB,
  '<sg-accept-invite> alone': 13.5 * KB,
  '<sg-client-list> alone': 19.5 * KB,
  '<sg-portal-provider> alone': 8 * KB,
  '<sg-portal-view> alone': 16.5 * KB,
  '<sg-share-button> alone': 13 * KB,
  '<sg-sign-in> alone': 13 * KB,
  'sitegate/client': 38 * KB,
  'sitegate (core)': 56 * KB,
};
/** An element added later gets this until it earns its own line above. */
const NEW_ELEMENT_BUDGET = 16 * KB;
const ALL_ELEMENTS_CEILING = 35 * KB;

describe('bundle size (min + gzip, browser, all dependencies)', () => {
  const entries = browserEntries(root);
  // One esbuild service builds them all at once: the suite stays well under ten seconds.
  const sizes = Promise.all(entries.map(async (entry) => [entry.name, await gzipSize(root, entry)] as const)).then((list) => new Map(list));

  it('keeps all elements together within the 35 KB ceiling', async () => {
    expect(BUDGETS['sitegate/components (all elements)']).toBeLessThanOrEqual(ALL_ELEMENTS_CEILING);
    expect((await sizes).get('sitegate/components (all elements)')!.gz).toBeLessThanOrEqual(ALL_ELEMENTS_CEILING);
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
