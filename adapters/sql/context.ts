import type { Queryable, Row } from './driver.js';

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
  /**
   * Inside a transaction, has the statements after it planned for the values they are given
   * (`SET LOCAL plan_cache_mode = force_custom_plan`); outside one, does nothing. For batch
   * statements whose arrays run from one item to thousands: a generic plan cannot hash an array
   * it has not seen, and tests each row against the whole of it (dropping 500 clients' pending
   * notifications: 58 ms generic, 4 ms planned for the list). Statements run per request stay
   * on the session's generic plans.
   */
  planForValues(): Promise<void>;
  /**
   * The rows of `SELECT t.* FROM <from> ORDER BY <orderBy>`, where `from` calls its table `t`:
   * a list of many rows, fetched the way the driver decodes fastest (see `rowsAsJson`).
   * Timestamps may then arrive as ISO strings; the row mappers accept both.
   */
  select(from: string, orderBy: string, params: unknown[]): Promise<Row[]>;
  /**
   * What this database was found to refuse, for the whole storage (every connection): Citus
   * runs a recursive CTE only within one shard, so on a distributed table a skip scan, once
   * refused, gives way to a plain scan.
   */
  refused: { recursiveScan: boolean };
}

/** `OpsContext.select` over `q`. */
export function selectOn(q: Queryable, rowsAsJson: boolean): OpsContext['select'] {
  if (!rowsAsJson) return (from, orderBy, params) => q.query(`SELECT t.* FROM ${from} ORDER BY ${orderBy}`, params);
  return async (from, orderBy, params) => {
    const [row] = await q.query(`SELECT coalesce(json_agg(t ORDER BY ${orderBy}), '[]'::json) AS rows FROM ${from}`, params);
    return row!.rows as Row[];
  };
}
