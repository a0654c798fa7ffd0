import { PGlite } from '@electric-sql/pglite';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentManifest, pgliteStorage, readSnapshot, type SnapshotManifest } from 'sitegate/adapters/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../adapters/sql/migrations.js';

const shipped = fileURLToPath(new URL('../../examples/demo/pglite-snapshot', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sitegate-snapshot-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Tables, columns, indexes and constraints of a schema, as the catalog lists them. */
async function schemaOf(db: PGlite, schema: string): Promise<string[]> {
  const q = async (sql: string) => (await db.query<Record<string, unknown>>(sql, [schema])).rows.map((r) => Object.values(r).join(' | '));
  return [
    ...(await q(`SELECT table_name, column_name, data_type, is_nullable, column_default, collation_name FROM information_schema.columns WHERE table_schema = $1 ORDER BY 1, 2`)),
    ...(await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1`)),
    ...(await q(`SELECT conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 ORDER BY 1`)),
  ];
}

describe('the PGlite snapshot the demo starts from', () => {
  it('fits the installed PGlite and the current migrations (else run `node scripts/pglite-snapshot.mjs`)', () => {
    let why = '';
    expect(readSnapshot(shipped, { why: (reason) => (why = reason) }), why).toBeInstanceOf(Blob);
  });

  it('holds exactly the schema the migrations make, every migration recorded', async () => {
    const loaded = new PGlite({ loadDataDir: readSnapshot(shipped)! });
    const fresh = new PGlite();
    try {
      await pgliteStorage({ db: fresh }).ready();
      const versions = async (db: PGlite) => (await db.query<{ version: number }>('SELECT version FROM sitegate.schema_migrations ORDER BY 1')).rows.map((r) => r.version);
      expect(await versions(loaded)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
      expect(await schemaOf(loaded, 'sitegate')).toEqual(await schemaOf(fresh, 'sitegate'));
      // Nothing left to migrate, and nothing stored yet.
      expect(await pgliteStorage({ db: loaded }).migrate()).toEqual([]);
      expect((await loaded.query('SELECT 1 FROM sitegate.clients')).rows).toEqual([]);
    } finally {
      await Promise.all([loaded.close(), fresh.close()]);
    }
  }, 300_000);

  it('starts an empty data dir from it, and leaves a data dir that holds a database alone', async () => {
    const dataDir = join(scratch, 'data');
    const first = pgliteStorage({ dataDir, initialDataDir: readSnapshot(shipped)! });
    await first.saveRole({ tenantId: 'acme', id: 'r-1', name: 'Kept', permissions: [] });
    await first.close();
    // A restart with the snapshot again must not replace (or trip over) what is there.
    const again = pgliteStorage({ dataDir, initialDataDir: readSnapshot(shipped)! });
    expect((await again.getRole('acme', 'r-1'))?.name).toBe('Kept');
    await again.close();
  }, 300_000);

  it('is not used when it was made by another PGlite or for other migrations: the caller falls back to initdb', () => {
    const manifest = JSON.parse(readFileSync(join(shipped, 'manifest.json'), 'utf8')) as SnapshotManifest;
    const cases: [string, Partial<SnapshotManifest>, RegExp][] = [
      ['other-pglite', { pglite: '0.0.1' }, /made by PGlite 0\.0\.1/],
      ['other-migrations', { migrations: 'f'.repeat(64), version: 1 }, /migrations \(up to 1\) differ/],
      ['other-schema', { schema: 'elsewhere' }, /schema elsewhere/],
    ];
    for (const [name, change, reason] of cases) {
      const dir = join(scratch, name);
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(shipped, 'data.tar.gz'), join(dir, 'data.tar.gz'));
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, ...change }));
      let why = '';
      expect(readSnapshot(dir, { why: (r) => (why = r) }), name).toBeUndefined();
      expect(why, name).toMatch(reason);
    }
    let why = '';
    expect(readSnapshot(join(scratch, 'missing'), { why: (r) => (why = r) })).toBeUndefined();
    expect(why).toMatch(/no snapshot/);
    // The fingerprint follows the statements: a changed migration is a different one.
    const changed = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, statements: (s: string) => [...m.statements(s), 'SELECT 1'] } : m));
    expect(currentManifest('sitegate', changed).migrations).not.toBe(currentManifest().migrations);
  });
});
