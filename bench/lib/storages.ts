import type { Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage, postgresStorage } from 'bench:optional-adapters';
import { bulkClients, bulkShares, type BulkQuery } from './sql-seed.js';

/** An opened storage, with a fast way to seed it when the adapter is SQL. */
export interface BenchStorage {
  storage: Storage;
  /** Writes shares / clients `from`..`to` in bulk; absent for memory (seeded through the adapter). */
  bulk?: {
    shares(from: number, to: number): Promise<void>;
    clients(from: number, to: number): Promise<void>;
    /** The connection itself and the quoted schema, for seeds shaped differently from the above. */
    db: BulkQuery;
    schema: string;
  };
  close(): Promise<void>;
}

/** A storage a suite can measure, or why it cannot in this run. */
export type StorageChoice = { name: string; open: () => Promise<BenchStorage> } | { name: string; skipped: string };

/** Where a suite's PostgreSQL tables go. */
export interface StorageSetup {
  /** Default `sitegate_bench`; a suite run alongside another can take its own. */
  database?: string;
}

/**
 * A database of its own on the server DATABASE_URL points at, recreated per suite, so the
 * benchmark never touches the tests' database and always starts empty.
 */
export async function freshDatabase(url: string, database: string): Promise<string> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(url, database);
}

/** The URL of `database` on the server `url` points at. */
export function databaseUrl(url: string, database: string): string {
  const on = new URL(url);
  on.pathname = `/${database}`;
  return on.toString();
}

function bulkOn(db: BulkQuery, schema: string): NonNullable<BenchStorage['bulk']> {
  const s = `"${schema}"`;
  return { shares: (from, to) => bulkShares(db, s, from, to), clients: (from, to) => bulkClients(db, s, from, to), db, schema: s };
}

async function openPglite(): Promise<BenchStorage> {
  const { PGlite } = await import('@electric-sql/pglite');
  // The setting `pgliteStorage` starts an instance it opens with (its `genericPlans`); the seeds
  // need the instance itself, so it is opened here and passed in.
  const db = new PGlite({ startParams: [...PGlite.defaultStartParams, '-c', 'plan_cache_mode=force_generic_plan'] });
  const storage = pgliteStorage!({ db });
  await storage.ready();
  return { storage, bulk: bulkOn(db, storage.schema), close: async () => (await storage.close(), await db.close()) };
}

/**
 * The storage as docs/postgres-operations.md shows it first, on a pool of its own (pg's default
 * of 10 connections, sitegate's session settings); seeds go through a second pool.
 */
async function openPostgres(url: string, setup: StorageSetup): Promise<BenchStorage> {
  const { default: pg } = await import('pg');
  const connectionString = await freshDatabase(url, setup.database ?? 'sitegate_bench');
  const storage = postgresStorage!({ connectionString });
  await storage.ready();
  const seeds = new pg.Pool({ connectionString, max: 4 });
  return { storage, bulk: bulkOn(seeds, storage.schema), close: async () => (await storage.close(), await seeds.end()) };
}

/** memory always; PGlite and PostgreSQL when their adapters are in the tree (and a server is set). */
export function storageChoices(setup: StorageSetup = {}): StorageChoice[] {
  const url = process.env.DATABASE_URL;
  return [
    { name: 'memory', open: async () => ({ storage: memoryStorage(), close: async () => {} }) },
    pgliteStorage ? { name: 'PGlite', open: openPglite } : { name: 'PGlite', skipped: 'the PGlite adapter is not in this tree yet' },
    !postgresStorage
      ? { name: 'PostgreSQL', skipped: 'the PostgreSQL adapter is not in this tree yet' }
      : !url
        ? { name: 'PostgreSQL', skipped: 'DATABASE_URL is not set (`source .ci/postgres.sh` starts a local server)' }
        : { name: 'PostgreSQL', open: () => openPostgres(url, setup) },
  ];
}

/** The one SQL storage a suite about SQL measures: PostgreSQL when DATABASE_URL is set, PGlite otherwise; undefined with neither. */
export function sqlStorageChoice(setup: StorageSetup = {}): { name: string; open: () => Promise<BenchStorage> } | undefined {
  const choices = storageChoices(setup);
  const open = (name: string) => choices.find((c): c is { name: string; open: () => Promise<BenchStorage> } => c.name === name && 'open' in c);
  return open('PostgreSQL') ?? open('PGlite');
}
