import type { Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage, postgresStorage } from 'bench:optional-adapters';

/** A storage a suite can measure, or why it cannot in this run. */
export type StorageChoice = { name: string; open: () => Promise<Storage> } | { name: string; skipped: string };

const BENCH_DB = 'sitegate_bench';

/**
 * A database of its own on the server DATABASE_URL points at, recreated per suite, so the
 * benchmark never touches the tests' database and always starts empty.
 */
async function freshDatabase(url: string): Promise<string> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
  const bench = new URL(url);
  bench.pathname = `/${BENCH_DB}`;
  return bench.toString();
}

/** memory always; PGlite and PostgreSQL when their adapters are in the tree (and a server is set). */
export function storageChoices(): StorageChoice[] {
  const url = process.env.DATABASE_URL;
  return [
    { name: 'memory', open: async () => memoryStorage() },
    pgliteStorage ? { name: 'PGlite', open: async () => pgliteStorage!() } : { name: 'PGlite', skipped: 'the PGlite adapter is not in this tree yet' },
    !postgresStorage
      ? { name: 'PostgreSQL', skipped: 'the PostgreSQL adapter is not in this tree yet' }
      : !url
        ? { name: 'PostgreSQL', skipped: 'DATABASE_URL is not set (`source .ci/postgres.sh` starts a local server)' }
        : { name: 'PostgreSQL', open: async () => postgresStorage!({ connectionString: await freshDatabase(url) }) },
  ];
}
