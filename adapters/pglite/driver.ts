import type { PGliteInterface } from '@electric-sql/pglite';
import type { Queryable, Row, SqlDriver } from '../sql/driver.js';
import { preparedQuery } from './prepared.js';

/**
 * PGlite as a SqlDriver. PGlite is one connection: its `query` waits on the same mutex as
 * `transaction`, so a statement issued by another caller while a transaction runs is held
 * until it ends instead of landing inside it, and transactions run one after another.
 * Statements outside a transaction that come back are prepared (see prepared.ts), unless
 * `preparedStatements` is off; the ones inside a transaction go through its `query`.
 */
export function pgliteDriver(db: PGliteInterface | Promise<PGliteInterface>, { owns, preparedStatements }: { owns: boolean; preparedStatements: boolean }): SqlDriver {
  // An instance still being made (its data dir is being written first) is awaited by every call.
  const open = Promise.resolve(db);
  // A failure to open is reported by every call that needs the instance, not as an unhandled rejection.
  open.catch(() => {});
  return {
    name: 'pglite',
    // PGlite decodes each field of each row in JavaScript; one JSON value is several times faster.
    rowsAsJson: true,
    query: async (text, params) => {
      const instance = await open;
      return preparedStatements ? preparedQuery(instance)(text, params) : (await instance.query<Row>(text, params)).rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return (await open).transaction((tx) => fn({ query: async (text, params) => (await tx.query<Row>(text, params)).rows }));
    },
    async close() {
      if (owns) await (await open).close();
    },
  };
}
