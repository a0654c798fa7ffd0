import type { Storage, StorageOps } from '../../src/ports/storage.js';
import { selectOn, type OpsContext } from './context.js';
import type { Queryable, SqlDriver } from './driver.js';
import { isRetryableConflict, toSitegateError } from './errors.js';
import { migrate, MIGRATION_WAIT_MS, missingMigrations, quoteSchema } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { accessOps } from './ops-access.js';
import { accountLinkOps } from './ops-account-links.js';
import { clientOps } from './ops-clients.js';
import { contentOps } from './ops-content.js';
import { logOps } from './ops-log.js';
import { eventOps } from './ops-events.js';
import { receiptOps } from './ops-receipts.js';
import { approvalOps } from './ops-approvals.js';
import { notificationOps } from './ops-notifications.js';
import { visitOps } from './ops-visits.js';
import { feedOps } from './ops-feed.js';
import { retentionOps } from './ops-retention.js';
import { sqlRateLimiter, type SqlRateLimiterOptions } from './rate-limiter.js';
import type { RateLimiter } from '../../src/server/rate-limit.js';

/** How long an operation waits for another process's migration before it fails (as long as for a lock, by default). */
const OPERATION_MIGRATION_WAIT_MS = 3000;

export interface SqlStorageOptions {
  /** The PostgreSQL schema holding sitegate's tables; created if missing. Default `sitegate`. */
  schema?: string;
  /** Apply pending migrations before the first operation. Default `true`. */
  migrate?: boolean;
}

/** A SQL-backed storage: the `Storage` contract plus schema management. */
export interface SqlStorage extends Storage {
  /** The schema the tables live in. */
  readonly schema: string;
  /** Applies pending migrations (idempotent; safe from several processes). Returns the versions applied. */
  migrate(): Promise<number[]>;
  /** Resolves once the adapter can serve (migrated when `migrate` is on); rejects with why not. */
  ready(): Promise<void>;
  /**
   * A rate limiter counting in this database, for `createPortalHandler({ rateLimit: { limiter } })`
   * when several handler processes share it: each count is then one for all of them. A failure
   * to count is a StorageError (503), so a limit never lapses while the database is away.
   */
  rateLimiter(options?: SqlRateLimiterOptions): RateLimiter;
}

let savepoints = 0;

/** Runs of one transaction when PostgreSQL aborts it as a deadlock or serialization failure. */
const CONFLICT_ATTEMPTS = 3;

/** Wraps every operation so callers only ever see SitegateErrors. */
function guarded(ops: StorageOps, driver: SqlDriver, before: () => Promise<void>): StorageOps {
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(ops) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    out[name] = (...args: unknown[]) => guardedCall(driver, before, () => fn(...args));
  }
  return out as unknown as StorageOps;
}

/** One call: `before` first (migrations), and any failure as a SitegateError. */
async function guardedCall<T>(driver: SqlDriver, before: () => Promise<void>, run: () => Promise<T>): Promise<T> {
  await before();
  try {
    return await run();
  } catch (error) {
    throw toSitegateError(error, driver);
  }
}

/**
 * The one SQL implementation behind `postgresStorage` and `pgliteStorage`; they differ only in
 * the driver. Returned synchronously: migrations (when on) run before the first operation, and
 * a failure there is reported by that operation and retried by the next.
 */
export function sqlStorage(driver: SqlDriver, options: SqlStorageOptions = {}): SqlStorage {
  const schema = options.schema ?? 'sitegate';
  const s = quoteSchema(schema);

  const refused: OpsContext['refused'] = { recursiveScan: false };
  const opsOn = (q: Queryable, atomic: OpsContext['atomic'], inTransaction = false): StorageOps => {
    const ctx: OpsContext = {
      q,
      s,
      atomic,
      forUpdate: inTransaction ? ' FOR UPDATE' : '',
      planForValues: inTransaction ? () => q.query('SET LOCAL plan_cache_mode = force_custom_plan').then(() => undefined) : () => Promise.resolve(),
      select: selectOn(q, driver.rowsAsJson === true),
      refused,
    };
    return { ...clientOps(ctx), ...accessOps(ctx), ...contentOps(ctx), ...logOps(ctx), ...receiptOps(ctx), ...eventOps(ctx), ...accountLinkOps(ctx), ...approvalOps(ctx), ...visitOps(ctx), ...notificationOps(ctx), ...feedOps(ctx), ...retentionOps(ctx) };
  };

  let starting: Promise<void> | undefined;
  /**
   * Migrated (or, with `migrate: false`, found migrated by someone else) and reachable; else a
   * StorageError saying why. Checked once: a failure is checked again by the next call. `waitMs`:
   * how long to wait for another process's migration, when this call is the one that starts.
   */
  const prepare = (waitMs: number): Promise<void> => {
    starting ??= (options.migrate === false ? migratedElsewhere() : migrate(driver, schema, MIGRATIONS, waitMs).then(() => undefined)).then(undefined, (error: unknown) => {
      starting = undefined;
      throw toSitegateError(error, driver);
    });
    return starting;
  };
  /** At start-up, `await storage.ready()` waits out another process's migration (up to 10 minutes). */
  const ready = (): Promise<void> => prepare(MIGRATION_WAIT_MS);
  /**
   * Before an operation, a request waits for another process's migration no longer than for a
   * lock (`OPERATION_MIGRATION_WAIT_MS`), then fails as storage does (503), and the next tries again.
   */
  const beforeOperation = (): Promise<void> => prepare(OPERATION_MIGRATION_WAIT_MS);

  /** With `migrate: false`: the schema must already hold every migration this version knows. */
  async function migratedElsewhere(): Promise<void> {
    const missing = await missingMigrations(driver, s, MIGRATIONS);
    if (missing.length === 0) return;
    const versions = missing.map((m) => m.version).join(', ');
    throw new Error(`schema "${schema}" lacks migration${missing.length === 1 ? '' : 's'} ${versions} of this version; run storage.migrate() (with migrate: false, nothing runs it for you)`);
  }

  const top = guarded(opsOn(driver, (fn) => driver.transaction(fn)), driver, beforeOperation);
  let closing: Promise<void> | undefined;

  return {
    ...top,
    name: driver.name,
    schema,
    ready,
    async migrate() {
      try {
        return await migrate(driver, schema);
      } catch (error) {
        throw toSitegateError(error, driver);
      }
    },
    async transaction<T>(fn: (tx: StorageOps) => Promise<T>): Promise<T> {
      await beforeOperation();
      // A deadlock or serialization failure rolled everything back; running `fn` again is safe
      // (it only talks to the storage) and usually succeeds once the other transaction is done.
      // Canonical lock order avoids most of them; this is the second line.
      for (let attempt = 1; ; attempt++) {
        try {
          return await transactionOnce(fn);
        } catch (error) {
          if (attempt >= CONFLICT_ATTEMPTS || !isRetryableConflict(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        }
      }
    },
    rateLimiter(limiterOptions) {
      // The limiter's calls are guarded as the operations are: migrated first, failures as SitegateErrors.
      return sqlRateLimiter(driver, s, (run) => guardedCall(driver, beforeOperation, run), limiterOptions);
    },
    // Once, however often it is called: a shutdown handler may run twice (SIGTERM, then SIGINT).
    close: () => (closing ??= driver.close()),
  };

  async function transactionOnce<T>(fn: (tx: StorageOps) => Promise<T>): Promise<T> {
    // Errors of `fn` are the caller's and pass through untouched; anything else (BEGIN,
    // COMMIT, a lost connection) is the storage's.
    let thrown: { error: unknown } | undefined;
    try {
      return await driver.transaction(async (q) => {
        const atomic: OpsContext['atomic'] = async (step) => {
          const name = `sg_${++savepoints}`;
          await q.query(`SAVEPOINT ${name}`);
          try {
            const result = await step(q);
            await q.query(`RELEASE SAVEPOINT ${name}`);
            return result;
          } catch (error) {
            await q.query(`ROLLBACK TO SAVEPOINT ${name}`);
            throw error;
          }
        };
        try {
          return await fn(guarded(opsOn(q, atomic, true), driver, async () => {}));
        } catch (error) {
          thrown = { error };
          throw error;
        }
      });
    } catch (error) {
      if (thrown && error === thrown.error) throw error;
      throw toSitegateError(error, driver);
    }
  }
}
