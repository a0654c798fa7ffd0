import type { PGliteInterface } from '@electric-sql/pglite';
import type { Queryable, SqlDriver } from '../sql/driver.js';
import { againIfStale } from '../sql/statement-names.js';
import { preparedStatements as preparedOn, unpreparedStatements, type PreparedStatements } from './prepared.js';

/**
 * PGlite as a SqlDriver. PGlite is one connection: its `query` waits on the same mutex as
 * `transaction`, so a statement issued by another caller while a transaction runs is held
 * until it ends instead of landing inside it, and transactions run one after another.
 * Statements that come back are prepared (see prepared.ts) unless `preparedStatements` is off.
 */
export function pgliteDriver(db: PGliteInterface | Promise<PGliteInterface>, { owns, preparedStatements }: { owns: boolean; preparedStatements: boolean }): SqlDriver {
  // An instance still being made (its data dir is being written first) is awaited by every call.
  const open = Promise.resolve(db);
  // A failure to open is reported by every call that needs the instance, not as an unhandled rejection.
  open.catch(() => {});
  // The one instance's, looked up once (prepared ones are shared by every storage on it).
  let statements: PreparedStatements | undefined;
  const statementsOf = (instance: PGliteInterface) => (statements ??= preparedStatements ? preparedOn(instance) : unpreparedStatements(instance));
  return {
    name: 'pglite',
    // PGlite decodes each field of each row in JavaScript; one JSON value is several times faster.
    rowsAsJson: true,
    query: async (text, params) => statementsOf(await open).query(text, params),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const instance = await open;
      const { inTransaction } = statementsOf(instance);
      const once = () => instance.transaction((tx) => fn({ query: inTransaction(tx) }));
      // Unprepared, no statement can be found stale.
      return preparedStatements ? againIfStale(once) : once();
    },
    async close() {
      if (owns) await (await open).close();
    },
  };
}
