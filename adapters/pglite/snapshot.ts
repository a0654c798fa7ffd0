import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../sql/migrate.js';
import { MIGRATIONS, type Migration } from '../sql/migrations.js';
import { pgliteDriver } from './driver.js';
import { nodeBuiltin } from './node-builtin.js';

/**
 * A PGlite data directory made once, already through `initdb` and every migration, to start an
 * empty data dir from (`loadDataDir`) instead of running PostgreSQL's `initdb` in WebAssembly —
 * seconds of CPU on every first start. It is used only when it fits exactly: the same PGlite
 * release (its data dir format) and the same migrations, statement for statement; otherwise the
 * caller starts as before, with `initdb`, and migrates. Node only (it reads files).
 */
export interface SnapshotManifest {
  /** The `@electric-sql/pglite` version that wrote the data dir. */
  pglite: string;
  /** The schema sitegate's tables live in. */
  schema: string;
  /** A fingerprint of every migration's statements: a changed or added migration changes it. */
  migrations: string;
  /** The newest migration applied. */
  version: number;
}

const MANIFEST = 'manifest.json';
const DATA = 'data.tar.gz';

type NodeFs = typeof import('node:fs');
type NodeModule = typeof import('node:module');
type NodeCrypto = typeof import('node:crypto');

const builtin = <T>(id: string): T => nodeBuiltin<T>(id, 'Reading or writing a PGlite snapshot');

/** The installed PGlite's version, read from its package.json. */
export function pgliteVersion(): string {
  const { createRequire } = builtin<NodeModule>('node:module');
  const { existsSync, readFileSync } = builtin<NodeFs>('node:fs');
  // The package does not export its package.json: find it above its resolved entry point.
  let dir = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let i = 0; i < 6; i++) {
    dir = dir.slice(0, dir.lastIndexOf('/'));
    const file = `${dir}/package.json`;
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    }
  }
  throw new Error('Could not find the version of @electric-sql/pglite');
}

/** What a snapshot made now, by this PGlite and these migrations, would record. */
export function currentManifest(schema = 'sitegate', migrations: Migration[] = MIGRATIONS): SnapshotManifest {
  const { createHash } = builtin<NodeCrypto>('node:crypto');
  const hash = createHash('sha256');
  for (const m of migrations) hash.update(`${m.version}\n${m.name}\n${m.statements(schema).join('\n;\n')}\n\n`);
  return { pglite: pgliteVersion(), schema, migrations: hash.digest('hex'), version: Math.max(0, ...migrations.map((m) => m.version)) };
}

/** Why a snapshot does not fit (and is not used), or `null` when it does. */
export function snapshotMismatch(found: SnapshotManifest, wanted: SnapshotManifest): string | null {
  if (found.pglite !== wanted.pglite) return `it was made by PGlite ${found.pglite}, this is ${wanted.pglite}`;
  if (found.schema !== wanted.schema) return `it holds schema ${found.schema}, not ${wanted.schema}`;
  if (found.migrations !== wanted.migrations) return `its migrations (up to ${found.version}) differ from these (up to ${wanted.version})`;
  return null;
}

/** Whether `dataDir` (a filesystem path) holds no PostgreSQL data dir yet. */
export function isEmptyDataDir(dataDir: string): boolean {
  const { existsSync } = builtin<NodeFs>('node:fs');
  return !existsSync(`${dataDir.replace(/^file:\/\//, '')}/PG_VERSION`);
}

/**
 * The snapshot in `dir` as a Blob for `pgliteStorage({ initialDataDir })`, or `undefined` (with
 * the reason in `why`) when it is missing or does not fit this PGlite and these migrations.
 */
export function readSnapshot(dir: string, options: { schema?: string; why?: (reason: string) => void } = {}): Blob | undefined {
  const { existsSync, readFileSync } = builtin<NodeFs>('node:fs');
  if (!existsSync(`${dir}/${MANIFEST}`) || !existsSync(`${dir}/${DATA}`)) {
    options.why?.(`no snapshot in ${dir}`);
    return undefined;
  }
  const found = JSON.parse(readFileSync(`${dir}/${MANIFEST}`, 'utf8')) as SnapshotManifest;
  const mismatch = snapshotMismatch(found, currentManifest(options.schema));
  if (mismatch) {
    options.why?.(`the snapshot in ${dir} does not fit: ${mismatch}`);
    return undefined;
  }
  return new Blob([readFileSync(`${dir}/${DATA}`)], { type: 'application/x-gzip' });
}

/**
 * Makes a snapshot in `dir`: a fresh in-memory PGlite, migrated, checkpointed and dumped
 * (gzip). Run by `scripts/pglite-snapshot.mjs` whenever PGlite or the migrations change.
 *
 * What a start would only unpack to never read is left out, since every byte is gunzipped and
 * written on each first start: the template databases (`template0`, `template1`: read only by
 * `CREATE DATABASE`, which sitegate never runs; two thirds of the data without them) and the
 * WAL written by `initdb` and the migrations (a new segment holds only the last checkpoint).
 */
export async function writeSnapshot(dir: string, options: { schema?: string } = {}): Promise<{ manifest: SnapshotManifest; bytes: number }> {
  const { mkdirSync, writeFileSync } = builtin<NodeFs>('node:fs');
  const manifest = currentManifest(options.schema);
  const db = new PGlite();
  try {
    await migrate(pgliteDriver(db, { owns: false, preparedStatements: false }), manifest.schema);
    for (const template of ['template0', 'template1']) {
      await db.query(`ALTER DATABASE ${template} IS_TEMPLATE false`);
      await db.query(`DROP DATABASE ${template}`);
    }
    // A fresh WAL segment, the old one removed rather than recycled (a recycled segment keeps
    // its old bytes), then a checkpoint: everything on disk, nothing to replay when the copy starts.
    await db.query('SET wal_recycle = off');
    await db.query('SELECT pg_switch_wal()');
    await db.query('CHECKPOINT');
    const data = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${DATA}`, data);
    writeFileSync(`${dir}/${MANIFEST}`, `${JSON.stringify(manifest, null, 2)}\n`);
    return { manifest, bytes: data.byteLength };
  } finally {
    await db.close();
  }
}
