import { PGlite } from '@electric-sql/pglite';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentManifest, pgliteStorage, readSnapshot, type SnapshotManifest } from 'sitegate/adapters/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../adapters/sql/migrations.js';
import { extractDataDir } from '../../adapters/pglite/extract.js';

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
      // Only what a start reads: no template databases, one WAL segment.
      expect((await loaded.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname)).toEqual(['postgres']);
      expect((await loaded.query('SELECT name FROM pg_ls_waldir()')).rows).toHaveLength(1);
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

  it('is written to disk by Node byte for byte as the archive holds it, PG_VERSION last', async () => {
    const dataDir = join(scratch, 'extracted');
    const reference = join(scratch, 'reference');
    mkdirSync(reference, { recursive: true });
    expect(spawnSync('tar', ['-xzf', join(shipped, 'data.tar.gz'), '-C', reference]).status).toBe(0);
    await extractDataDir(readSnapshot(shipped)!, dataDir);
    const files = (dir: string, at = ''): string[] =>
      readdirSync(join(dir, at), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [`${at}/${e.name}/`, ...files(dir, `${at}/${e.name}`)] : [`${at}/${e.name}`]));
    const listed = files(reference).sort();
    expect(files(dataDir).sort()).toEqual(listed);
    // Trailing pages of zeros are left to truncate(): same size, same bytes.
    for (const file of listed.filter((f) => !f.endsWith('/'))) expect(readFileSync(join(dataDir, file)).equals(readFileSync(join(reference, file))), file).toBe(true);
    expect(statSync(join(dataDir, 'PG_VERSION')).mtimeMs).toBeGreaterThanOrEqual(Math.max(...listed.filter((f) => !f.endsWith('/')).map((f) => statSync(join(dataDir, f)).mtimeMs)));
  });

  it('starts again from the snapshot after a first start interrupted before PG_VERSION', async () => {
    const dataDir = join(scratch, 'interrupted');
    await extractDataDir(readSnapshot(shipped)!, dataDir);
    // What an interrupted start leaves: files, some cut short, and no PG_VERSION yet.
    unlinkSync(join(dataDir, 'PG_VERSION'));
    writeFileSync(join(dataDir, 'global/pg_control'), '');
    const storage = pgliteStorage({ dataDir, initialDataDir: readSnapshot(shipped)! });
    await storage.saveRole({ tenantId: 'acme', id: 'r-1', name: 'Saved', permissions: [] });
    expect((await storage.getRole('acme', 'r-1'))?.name).toBe('Saved');
    await storage.close();
  }, 300_000);

  it('refuses an archive that names a path outside the data dir, writing nothing there', async () => {
    const header = (name: string, size: number) => {
      const h = Buffer.alloc(512);
      h.write(name, 0);
      h.write('0000600\0', 100);
      h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
      h.write('0', 156);
      h.write('ustar\0', 257);
      return h;
    };
    const body = Buffer.alloc(512);
    body.write('owned');
    const archive = new Blob([gzipSync(Buffer.concat([header('/../escaped', 5), body, Buffer.alloc(1024)]))], { type: 'application/x-gzip' });
    const dataDir = join(scratch, 'evil', 'data');
    await expect(extractDataDir(archive, dataDir)).rejects.toThrow(/outside the data dir/);
    expect(existsSync(join(scratch, 'evil', 'escaped'))).toBe(false);
    // Through the adapter, the first operation reports it.
    const storage = pgliteStorage({ dataDir: join(scratch, 'evil', 'other'), initialDataDir: archive });
    await expect(storage.ready()).rejects.toThrow(/outside the data dir/);
    await storage.close().catch(() => {});
  });

  it('passes `settings` to PostgreSQL', async () => {
    const dataDir = join(scratch, 'settings');
    const storage = pgliteStorage({ dataDir, initialDataDir: readSnapshot(shipped)!, settings: { default_transaction_read_only: 'on' } });
    await expect(storage.saveRole({ tenantId: 'acme', id: 'r-1', name: 'Refused', permissions: [] })).rejects.toThrow(/SQLSTATE 25006/); // read_only_sql_transaction
    await storage.close();
  }, 300_000);
});
