import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgliteStorage, readSnapshot, type PgliteStorageOptions } from 'sitegate/adapters/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../src/testing/storage/records.js';
import { noteSessionSettings } from '../support/session-settings.js';

const shipped = fileURLToPath(new URL('../../examples/demo/pglite-snapshot', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sitegate-generic-plans-test-'));
const dataDir = join(scratch, 'data');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * An instance `pgliteStorage` opens plans prepared statements once
 * (`plan_cache_mode = force_generic_plan`) unless told otherwise; a `db` passed in keeps its own
 * setting. What the instance runs with is read where sitegate writes: a trigger on its clients
 * table notes the setting when a client is inserted.
 */
describe('PGlite generic plans', () => {
  let clients = 0;

  beforeAll(async () => {
    const storage = pgliteStorage({ dataDir, initialDataDir: readSnapshot(shipped)! });
    await storage.ready();
    await storage.close();
    const db = new PGlite(dataDir);
    for (const sql of noteSessionSettings('sitegate', ['plan_cache_mode'])) await db.exec(sql);
    await db.close();
  }, 120_000);

  /** The `plan_cache_mode` a storage opened on the data dir with `options` inserts a client under. */
  async function planCacheMode(options: Omit<PgliteStorageOptions, 'dataDir'>): Promise<string> {
    const id = `cl-${++clients}`;
    const storage = pgliteStorage({ dataDir, ...options });
    await storage.saveClient(client({ id, email: `${id}@example.com` }));
    await storage.close();
    const db = new PGlite(dataDir);
    try {
      const { rows } = await db.query<{ plan_cache_mode: string }>(`SELECT plan_cache_mode FROM sitegate.session_settings WHERE client_id = $1`, [id]);
      expect(rows).toHaveLength(1);
      return rows[0]!.plan_cache_mode;
    } finally {
      await db.close();
    }
  }

  it('starts the instance it opens with generic plans', async () => {
    expect(await planCacheMode({})).toBe('force_generic_plan');
  }, 60_000);

  it('lets `settings` choose otherwise, and genericPlans: false leave PostgreSQL to choose', async () => {
    expect(await planCacheMode({ settings: { plan_cache_mode: 'force_custom_plan' } })).toBe('force_custom_plan');
    expect(await planCacheMode({ genericPlans: false })).toBe('auto');
  }, 60_000);

  it('does not change a db passed in', async () => {
    const db = new PGlite(dataDir);
    const id = `cl-${++clients}`;
    try {
      await pgliteStorage({ db }).saveClient(client({ id, email: `${id}@example.com` }));
      const { rows } = await db.query<{ plan_cache_mode: string }>(`SELECT plan_cache_mode FROM sitegate.session_settings WHERE client_id = $1`, [id]);
      expect(rows).toEqual([{ plan_cache_mode: 'auto' }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
