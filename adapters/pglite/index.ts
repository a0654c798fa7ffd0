import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { sqlStorage, type SqlStorage } from '../sql/storage.js';
import { pgliteDriver } from './driver.js';
import { isEmptyDataDir } from './snapshot.js';

export type { SqlStorage } from '../sql/storage.js';
export { currentManifest, isEmptyDataDir, readSnapshot, snapshotMismatch, writeSnapshot, type SnapshotManifest } from './snapshot.js';

/**
 * PGlite creates only the last segment of a directory path; a host naming `./data/portal` on a
 * fresh checkout should not have to create `./data` first. Browser URLs (`idb://`, `memory://`)
 * are left alone; `getBuiltinModule` keeps this file free of a static `node:` import.
 */
function ensureDirectory(dataDir: string): void {
  if (/^[a-z]+:\/\//i.test(dataDir) && !dataDir.startsWith('file://')) return;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as { mkdirSync?: (path: string, options: { recursive: boolean }) => unknown } | undefined;
  fs?.mkdirSync?.(dataDir.replace(/^file:\/\//, ''), { recursive: true });
}

export interface PgliteStorageOptions {
  /** Where the database persists (a directory, or `idb://name` in a browser). In memory when unset. */
  dataDir?: string;
  /** An open PGlite instance to use instead; `close()` leaves it open. */
  db?: PGliteInterface;
  /** Schema for sitegate's tables, created if missing. Default `sitegate`. */
  schema?: string;
  /** Apply pending migrations before the first operation. Default `true`. */
  migrate?: boolean;
  /**
   * A dumped data dir (`readSnapshot`, PGlite's `dumpDataDir`) to start from when `dataDir` holds
   * no database yet, instead of running `initdb`; ignored when it already holds one. Migrations
   * run after it as always, so one that is behind is brought up to date.
   */
  initialDataDir?: Blob;
}

/**
 * The embedded default: PostgreSQL compiled to WASM (`@electric-sql/pglite`, an optional peer
 * dependency), same SQL and migrations as `postgresStorage`. One process, no server.
 *
 * ```ts
 * const storage = pgliteStorage({ dataDir: './data/portal' });
 * ```
 */
export function pgliteStorage(options: PgliteStorageOptions = {}): SqlStorage {
  const { db, dataDir, initialDataDir, ...rest } = options;
  if (dataDir && !db) ensureDirectory(dataDir);
  // PGlite refuses `loadDataDir` over an existing database: only an empty dir starts from it.
  const onDisk = !!dataDir && (!/^[a-z]+:\/\//i.test(dataDir) || dataDir.startsWith('file://'));
  const load = initialDataDir && !db && (!dataDir || (onDisk && isEmptyDataDir(dataDir))) ? { loadDataDir: initialDataDir } : {};
  const driver = db ? pgliteDriver(db, false) : pgliteDriver(new PGlite(dataDir, load), true);
  return sqlStorage(driver, rest);
}
