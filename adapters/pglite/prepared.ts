import { parse, protocol, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import type { Row } from '../sql/driver.js';
import { renameStatement, staleStatement, statementName } from '../sql/statement-names.js';

/**
 * Statements that come back, prepared once per PGlite instance.
 *
 * `PGlite.query` runs every statement unnamed, in six calls into WebAssembly (parse, describe,
 * bind, describe, execute, sync), and PostgreSQL plans it anew each time. For the portal feed's
 * read that was 0.28 ms of its 1.69; for a session lookup, half of its 0.27 ms. Here a statement
 * seen a second time (the policy of `statementName`, shared with the PostgreSQL driver) is parsed
 * and described once. After that, each call is one message: bind, describe, execute and sync.
 *
 * The parameters are written by the instance's own serializers for the types PostgreSQL
 * described, and the rows are read by its own parsers, exactly as `query` does. A statement runs
 * under the instance's query lock, as `query` and a transaction's `query` do. Outside a
 * transaction it never lands inside one someone else holds open: it goes to `query` instead,
 * which waits for that transaction to end.
 */

/** A statement prepared on one instance: its name and its parameters' type OIDs. */
interface Prepared {
  name: string;
  types: number[];
}

type Instance = PGliteInterface & {
  execProtocol?: PGliteInterface['execProtocol'];
  isInTransaction?: () => boolean;
  syncToFs?: () => Promise<void>;
};

const { serialize } = protocol;

function message(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

type Query = (text: string, params: unknown[] | undefined) => Promise<Row[]>;

/** How the driver sends statements, prepared where it is worth it. */
export interface PreparedStatements {
  /** A statement outside any transaction. */
  query: Query;
  /**
   * A statement of `tx`, a transaction the caller holds open. A prepared statement found stale
   * rejects (it aborted the transaction): the caller runs the transaction again (`staleStatement`).
   */
  inTransaction(tx: Transaction): Query;
}

/** One per instance, whoever asks: several storages on one instance share what it has prepared. */
const byInstance = new WeakMap<PGliteInterface, PreparedStatements>();

/**
 * The statements of `db`, with repeated ones prepared when the instance's API offers what that
 * needs (a PGlite in this thread does; anything else gets plain `query`).
 */
export function preparedStatements(db: PGliteInterface): PreparedStatements {
  let statements = byInstance.get(db);
  if (!statements) byInstance.set(db, (statements = preparing(db)));
  return statements;
}

/** Every statement through PGlite's own `query`, unnamed: with preparing off, or not possible. */
export function unpreparedStatements(db: PGliteInterface): PreparedStatements {
  return {
    query: async (text, params) => (await db.query<Row>(text, params)).rows,
    inTransaction: (tx) => async (text, params) => (await tx.query<Row>(text, params)).rows,
  };
}

function preparing(db: PGliteInterface): PreparedStatements {
  const unprepared = unpreparedStatements(db);
  const instance = db as Instance;
  if (typeof instance.execProtocol !== 'function' || typeof instance.isInTransaction !== 'function' || typeof instance.syncToFs !== 'function' || typeof db.runExclusive !== 'function') {
    return unprepared;
  }
  const plain = unprepared.query;
  const exec = instance.execProtocol.bind(db);
  const inTransaction = instance.isInTransaction.bind(db);
  const sync = instance.syncToFs.bind(db);
  /** By statement name: what this instance has prepared. */
  const prepared = new Map<string, Prepared>();

  async function prepare(name: string, text: string): Promise<Prepared> {
    const { messages } = await exec(message([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false });
    const statement = { name, types: parse.parseDescribeStatementResults(messages) };
    prepared.set(name, statement);
    return statement;
  }

  async function execute(name: string, text: string, params: readonly unknown[]): Promise<Row[]> {
    const { types } = prepared.get(name) ?? (await prepare(name, text));
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const write = db.serializers[types[i]!];
      return write ? write(value) : String(value);
    });
    const { messages } = await exec(message([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]), { syncToFs: false });
    return (parse.parseResults(messages, db.parsers)[0]?.rows ?? []) as Row[];
  }

  /**
   * Someone ran DEALLOCATE, or a migration changed what a `t.*` statement reads: the statement
   * did nothing, and is prepared afresh next time (under a new name when its table changed).
   */
  function forgetIfStale(error: unknown, name: string, text: string): boolean {
    const stale = staleStatement(error);
    if (stale === undefined) return false;
    prepared.delete(name);
    if (stale === 'changed') renameStatement(text);
    return true;
  }

  // An instance still starting (or closed) is left to `query`, which waits for it (or says so).
  const nameOf = (text: string, params: unknown[] | undefined) => (db.ready && !db.closed ? statementName(text, params) : undefined);

  return {
    async query(text, params) {
      const name = nameOf(text, params);
      if (name === undefined) return plain(text, params);
      let rows: Row[] | undefined;
      try {
        rows = await db.runExclusive(async () => {
          // A transaction is open between two of its statements: this one must not land inside it.
          if (inTransaction()) return undefined;
          const result = await execute(name, text, params!);
          await sync();
          return result;
        });
      } catch (error) {
        if (!forgetIfStale(error, name, text)) throw error;
      }
      // Not sent, or stale: unnamed this once.
      return rows ?? plain(text, params);
    },
    inTransaction(tx) {
      const plainInTx = unprepared.inTransaction(tx);
      return async (text, params) => {
        const name = nameOf(text, params);
        if (name === undefined) return plainInTx(text, params);
        try {
          // The query lock, as `tx.query` takes it; the transaction is the caller's own.
          return await db.runExclusive(() => execute(name, text, params!));
        } catch (error) {
          forgetIfStale(error, name, text);
          throw error;
        }
      };
    },
  };
}
