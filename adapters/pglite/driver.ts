import type { PGliteInterface } from '@electric-sql/pglite';
import type { Queryable, Row, SqlDriver } from '../sql/driver.js';

/**
 * PGlite as a SqlDriver. PGlite is one connection: its `query` waits on the same mutex as
 * `transaction`, so a statement issued by another caller while a transaction runs is held
 * until it ends instead of landing inside it, and transactions run one after another.
 */
export function pgliteDriver(db: PGliteInterface, owns: boolean): SqlDriver {
  return {
    name: 'pglite',
    // PGlite decodes each field of each row in JavaScript; one JSON value is several times faster.
    rowsAsJson: true,
    query: async (text, params) => (await db.query<Row>(text, params)).rows,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn({ query: async (text, params) => (await tx.query<Row>(text, params)).rows }));
    },
    async close() {
      if (owns) await db.close();
    },
  };
}
