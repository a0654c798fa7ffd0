import { PGlite, type PGliteInterface, type PGliteOptions } from '@electric-sql/pglite';
import { refuseUnknownOptions } from '../../src/kernel/known-options.js';
import { GENERIC_PLANS } from '../sql/generic-plans.js';
import type { Queryable, SqlDriver } from '../sql/driver.js';
import { sqlStorage, type SqlStorage } from '../sql/storage.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { pgliteDriver } from './driver.js';
import { extractDataDir } from './extract.js';
import { maybeNodeBuiltin } from './node-builtin.js';
import { isEmptyDataDir } from './snapshot.js';

export type { SqlStorage } from '../sql/storage.js';
export type { SqlRateLimiterOptions } from '../sql/rate-limiter.js';
export { currentManifest, isEmptyDataDir, readSnapshot, snapshotMismatch, writeSnapshot, type SnapshotManifest } from './snapshot.js';

/**
 * PGlite creates only the last segment of a directory path; a host naming `./data/portal` on a
 * fresh checkout should not have to create `./data` first. Browser URLs (`idb://`, `memory://`)
 * are left alone; `getBuiltinModule` keeps this file free of a static `node:` import.
 */
function ensureDirectory(dataDir: string): void {
  if (/^[a-z]+:\/\//i.test(dataDir) && !dataDir.startsWith('file://')) return;
  const fs = maybeNodeBuiltin<{ mkdirSync?: (path: string, options: { recursive: boolean }) => unknown }>('node:fs');
  const path = dataDir.replace(/^file:\/\//, '');
  try {
    fs?.mkdirSync?.(path, { recursive: true });
  } catch (error) {
    // A file where the directory should be, or a place the process may not write: said as the
    // wiring mistake it is, with the system's error as its cause.
    const code = (error as { code?: unknown }).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code ?? error);
    throw new TypeError(`pgliteStorage: \`dataDir\` "${path}" cannot be a directory (${why})`, { cause: error });
  }
}

export interface PgliteStorageOptions {
  /**
   * Where the database persists (a directory, or `idb://name` in a browser). In memory when unset.
   * A directory is this process's until `close()`: another process, or another `pgliteStorage`
   * here, opening it meanwhile throws a TypeError naming the holder (docs/adapters.md).
   */
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
  /**
   * More options for the PGlite instance this adapter opens (not for `db`), e.g. `startParams`
   * (PostgreSQL settings such as a smaller `shared_buffers`) or a precompiled `pgliteWasmModule`.
   */
  pglite?: Omit<PGliteOptions, 'dataDir' | 'loadDataDir'>;
  /**
   * PostgreSQL settings for the instance this adapter opens, passed as `-c name=value` after
   * PGlite's own start parameters. `{ shared_buffers: '16MB' }` starts faster than PostgreSQL's
   * 128 MB: PGlite zero-fills all of its shared memory on every start.
   */
  settings?: Record<string, string | number>;
  /**
   * Prepare the statements that come back, once per instance, instead of having PGlite parse
   * and plan each call anew (each named by a hash of its text; docs/adapters.md). Default `true`; `false` sends
   * every statement through `db.query`.
   */
  preparedStatements?: boolean;
  /**
   * Start the instance this adapter opens with `plan_cache_mode = force_generic_plan` (default
   * `true`; `settings` may still set it otherwise): a prepared statement is planned once
   * instead of on every call, as in `postgresStorage`'s sessions (see its `genericPlans`). A
   * `db` passed in is not changed; give it `-c plan_cache_mode=force_generic_plan` in its
   * `startParams` to have the same.
   */
  genericPlans?: boolean;
}

/** PGlite's options with `settings` appended to its start parameters. */
function instanceOptions(pglite: PgliteStorageOptions['pglite'] = {}, settings: PgliteStorageOptions['settings'] = {}): PGliteOptions {
  const extra = Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  return extra.length ? { ...pglite, startParams: [...(pglite.startParams ?? PGlite.defaultStartParams), ...extra] } : pglite;
}

/**
 * `driver` on a locked data dir: it refuses statements once another process has taken the
 * directory over (see data-dir-lock.ts), and releases the lock once the instance is closed, or
 * failed to open.
 */
function holding(driver: SqlDriver, lock: DataDirLock): SqlDriver {
  const check = () => {
    const lost = lock.lost();
    if (lost) throw new Error(lost);
  };
  return {
    ...driver,
    async query(text, params) {
      check();
      return driver.query(text, params);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      check();
      return driver.transaction(fn);
    },
    close: () => driver.close().finally(() => lock.release()),
  };
}

/**
 * The embedded default: PostgreSQL compiled to WASM (`@electric-sql/pglite`, an optional peer
 * dependency), same SQL and migrations as `postgresStorage`. One process, no server: a data dir
 * on disk is locked to the process that opens it until `close()` (data-dir-lock.ts).
 *
 * ```ts
 * const storage = pgliteStorage({ dataDir: './data/portal' });
 * ```
 */
/** Every option `pgliteStorage` reads: the type keeps this list whole. */
const OPTIONS = {
  dataDir: true, db: true, schema: true, migrate: true, initialDataDir: true, pglite: true, settings: true, preparedStatements: true, genericPlans: true,
} as const satisfies Record<keyof PgliteStorageOptions, true>;

export function pgliteStorage(options: PgliteStorageOptions = {}): SqlStorage {
  // A misspelt `dataDir` would otherwise open a database in memory, lost when the process ends.
  if (typeof options !== 'object' || options === null) throw new TypeError('pgliteStorage: options must be an object');
  refuseUnknownOptions('pgliteStorage', options, OPTIONS);
  const { db, dataDir, initialDataDir, pglite, settings, preparedStatements = true, genericPlans = true, ...rest } = options;
  // The host's instance, and its directory, stay the host's: no lock.
  if (db) return sqlStorage(pgliteDriver(db, { owns: false, preparedStatements }), rest);
  // Generic plans go first, so a host's own `plan_cache_mode` in `settings` wins.
  const own = instanceOptions(pglite, genericPlans ? { [GENERIC_PLANS.name]: GENERIC_PLANS.value, ...settings } : settings);
  if (dataDir) ensureDirectory(dataDir);
  const onDisk = !!dataDir && (!/^[a-z]+:\/\//i.test(dataDir) || dataDir.startsWith('file://'));
  // Before anything is read or written there: a second process on the directory fails here.
  const lock = dataDir && onDisk ? lockDataDir(dataDir) : undefined;
  let driver: SqlDriver | undefined;
  try {
    // Only an empty dir starts from the dump (PGlite refuses `loadDataDir` over a database). On
    // disk, Node writes the files itself before PGlite opens them, much faster than `loadDataDir`.
    if (initialDataDir && dataDir && onDisk && isEmptyDataDir(dataDir)) {
      const opening = extractDataDir(initialDataDir, dataDir).then(() => {
        // A dump of a directory that was in use holds its holder's lock file, now written over ours.
        lock?.restore();
        return new PGlite(dataDir, own);
      });
      driver = pgliteDriver(opening, { owns: true, preparedStatements });
    } else {
      const load = initialDataDir && !dataDir ? { loadDataDir: initialDataDir } : {};
      driver = pgliteDriver(new PGlite(dataDir, { ...own, ...load }), { owns: true, preparedStatements });
    }
    return sqlStorage(lock ? holding(driver, lock) : driver, rest);
  } catch (error) {
    // Nothing was returned to close: the instance is closed here, and the directory released after it.
    if (driver) void driver.close().catch(() => {}).finally(() => lock?.release());
    else lock?.release();
    throw error;
  }
}
