import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { sqlStorage, type SqlStorage } from '../sql/storage.js';
import { pgliteDriver } from './driver.js';

export type { SqlStorage } from '../sql/storage.js';

export interface PgliteStorageOptions {
  /** Where the database persists (a directory, or `idb://name` in a browser). In memory when unset. */
  dataDir?: string;
  /** An open PGlite instance to use instead; `close()` leaves it open. */
  db?: PGliteInterface;
  /** Schema for sitegate's tables, created if missing. Default `sitegate`. */
  schema?: string;
  /** Apply pending migrations before the first operation. Default `true`. */
  migrate?: boolean;
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
  const { db, dataDir, ...rest } = options;
  const driver = db ? pgliteDriver(db, false) : pgliteDriver(new PGlite(dataDir), true);
  return sqlStorage(driver, rest);
}
