import type pg from 'pg';
import type { Queryable, Row, SqlDriver } from '../sql/driver.js';
import { describedQuery } from './described-query.js';
import { describeConnectionError, isConnectionLoss, isUnanswered, PoolTimeoutError } from './connection-errors.js';
import { againIfStale, renameStatement, staleStatement, statementName } from '../sql/statement-names.js';
import { ANSWER_GRACE_MS, type PostgresTimeouts } from './timeouts.js';
import { typesFor } from './type-parsers.js';
import { withTextArraysWritten } from './array-params.js';

/** Connection errors reach sitegate as the failure of the statement they interrupt (see `withClient`). */
const ignore = () => {};

/**
 * Every connection of a pool sitegate uses gets a listener of its own for its whole life, whoever
 * holds it: pg-pool listens only while a connection is idle, and the per-checkout listener in
 * `withClient` comes and goes with the checkout, so a connection is never left without one.
 * Module-wide, so several storages over one pool add one listener in all, not one per storage.
 */
const guardedClients = new WeakSet<pg.ClientBase>();
const guardedPools = new WeakSet<pg.Pool>();
function guard(client: pg.ClientBase): void {
  if (guardedClients.has(client)) return;
  guardedClients.add(client);
  client.on('error', ignore);
}

export interface PgDriverOptions {
  /** The pool was opened by sitegate: `close()` ends it, and its sessions carry the timeouts. */
  ownsPool: boolean;
  timeouts: PostgresTimeouts;
  /** Statements that come back are prepared once per connection (see statement-names.ts). */
  preparedStatements: boolean;
}

/**
 * node-postgres as a SqlDriver. Transactions run on a client checked out of the pool for their
 * whole length; statements outside one get a client of their own for that statement.
 *
 * While sitegate holds a client it listens for the client's `error` event: a backend terminated
 * between two statements (a server restart, `pg_terminate_backend`) is reported that way, and an
 * `error` event nobody listens for ends the process. The failure then surfaces as the error of
 * the next statement, and the connection is discarded.
 */
export function pgDriver(pool: pg.Pool, { ownsPool, timeouts, preparedStatements }: PgDriverOptions): SqlDriver {
  // Turned off for good when the server says a prepared statement is missing: a pooler in
  // front of it does not keep them.
  let prepare = preparedStatements;

  // A pool sitegate opened sets statement/lock timeouts when each session starts; in a host's
  // pool they are set per transaction, and single statements are bounded on this side only.
  const answerWithin = timeouts.statementMs > 0 ? timeouts.statementMs + (ownsPool ? ANSWER_GRACE_MS : 0) : 0;
  const begin = ownsPool
    ? 'BEGIN'
    : [
        'BEGIN',
        ...(timeouts.statementMs > 0 ? [`SET LOCAL statement_timeout = ${timeouts.statementMs}`] : []),
        ...(timeouts.lockMs > 0 ? [`SET LOCAL lock_timeout = ${timeouts.lockMs}`] : []),
      ].join('; ');

  if (!guardedPools.has(pool)) {
    guardedPools.add(pool);
    pool.on('connect', guard);
  }

  async function acquire(): Promise<pg.PoolClient> {
    // With a connection idle and nobody waiting before this checkout, the pool hands that
    // connection over on the next tick: there is nothing to time, and no timer to set and clear.
    const handedNow = pool.idleCount > 0 && pool.waitingCount === 0;
    const waiting = pool.connect();
    if (timeouts.checkoutMs <= 0 || handedNow) return waiting;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const max = pool.options.max ?? 10;
        reject(new PoolTimeoutError(pool.totalCount >= max && pool.idleCount === 0, timeouts.checkoutMs, max));
      }, timeouts.checkoutMs);
    });
    try {
      return await Promise.race([waiting, expired]);
    } catch (error) {
      // A connection that turns up after the deadline goes straight back to the pool.
      waiting.then((client) => client.release(), () => {});
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** What `use` learns about its connection, and how it says the connection must not be reused. */
  interface Held {
    /** The error the connection reported while held, if any. */
    lost(): unknown;
    discard(): void;
  }

  /** Runs `use` on a checked-out client; the client goes back to the pool, or is discarded when its connection failed. */
  async function withClient<T>(use: (client: pg.PoolClient, held: Held) => Promise<T>): Promise<T> {
    const client = await acquire();
    guard(client);
    let lost: unknown;
    let discard = false;
    const onError = (error: unknown) => (lost ??= error);
    client.on('error', onError);
    try {
      return await use(client, { lost: () => lost, discard: () => (discard = true) });
    } catch (error) {
      if (lost !== undefined || isConnectionLoss(error) || isUnanswered(error)) discard = true;
      // The backend's own words (57P01 "terminating connection…") rather than "not queryable".
      throw lost ?? error;
    } finally {
      client.release(discard ? (lost instanceof Error ? lost : new Error('connection discarded after a failure')) : undefined);
      // Released first, so the pool's own listener is back before this one goes.
      client.off('error', onError);
    }
  }

  /**
   * One statement, answered within `answerWithin` (BEGIN and COMMIT too: a frozen server hangs
   * those as well), its timestamps and arrays read by `typesFor`, its lists of strings written
   * by `withTextArraysWritten`.
   */
  const send = (client: pg.PoolClient, text: string, params?: unknown[], name?: string) =>
    describedQuery(client, {
      text,
      values: withTextArraysWritten(params),
      types: typesFor(client),
      ...(name ? { name } : {}),
      ...(answerWithin > 0 ? { query_timeout: answerWithin } : {}),
    });

  /** `send`, prepared when it is worth it; a prepared statement found stale is not used again. */
  async function run(client: pg.PoolClient, text: string, params?: unknown[]): Promise<Row[]> {
    const name = prepare ? statementName(text, params) : undefined;
    try {
      return (await send(client, text, params, name)).rows as Row[];
    } catch (error) {
      const stale = name ? staleStatement(error) : undefined;
      if (stale === 'missing') prepare = false;
      if (stale === 'changed') renameStatement(text);
      throw error;
    }
  }

  async function transactionOnce<T>(fn: (tx: Queryable) => Promise<T>): Promise<{ result: T } | { retry: unknown }> {
    return withClient(async (client, held) => {
      try {
        await send(client, begin);
      } catch (error) {
        // Nothing ran yet: a connection that died while idle in the pool is worth one fresh try.
        const cause = held.lost() ?? error;
        if (isConnectionLoss(cause)) {
          held.discard();
          return { retry: cause };
        }
        throw error;
      }
      try {
        const result = await fn({ query: (text, params) => run(client, text, params) });
        const commit = await send(client, 'COMMIT');
        // COMMIT of a transaction a failed statement aborted answers ROLLBACK, not an error.
        if (commit.command === 'ROLLBACK') throw new Error('the transaction was aborted by an earlier failed statement; nothing was kept');
        return { result };
      } catch (error) {
        // A lost or unanswered connection is discarded (which ends the transaction) rather than
        // asked to roll back: the ROLLBACK would only wait behind the statement that hangs.
        if (held.lost() === undefined && !isConnectionLoss(error) && !isUnanswered(error)) {
          // A connection that could not roll back is not handed to the next caller.
          await send(client, 'ROLLBACK').catch(() => held.discard());
        }
        throw error;
      }
    });
  }

  return {
    name: 'postgres',
    query: (text, params) => againIfStale(() => withClient((client) => run(client, text, params))),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
      againIfStale(async () => {
        const first = await transactionOnce(fn);
        if ('result' in first) return first.result;
        const second = await transactionOnce(fn);
        if ('result' in second) return second.result;
        throw second.retry;
      }),
    describeError: (error) => describeConnectionError(error, pool.options, timeouts),
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}
