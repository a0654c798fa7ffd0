import type { Queryable } from './driver.js';

/** What the operations run on: a connection (or a transaction) and the quoted schema name. */
export interface OpsContext {
  q: Queryable;
  /** The quoted schema, e.g. `"sitegate"`, spliced before table names. */
  s: string;
  /**
   * Runs several statements as one: its own transaction outside one, a savepoint inside one, so
   * an expected failure (a ConflictError) leaves the caller's transaction usable.
   */
  atomic<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * ` FOR UPDATE` inside a transaction, empty outside one: a record read to be rewritten stays
   * locked until the transaction ends, so a concurrent writer cannot be overwritten with stale data.
   */
  forUpdate: string;
}
