import type { Queryable, SqlDriver } from './driver.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/** Schema names are spliced into SQL, so only plain identifiers are accepted. */
export function quoteSchema(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`schema must be a plain SQL identifier (letters, digits, _), got ${JSON.stringify(schema)}`);
  }
  return `"${schema}"`;
}

/** A stable 32-bit key per schema for the advisory lock (FNV-1a). */
function lockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const char of `sitegate:${schema}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

/** Namespace of sitegate's advisory locks, so they never meet a host's own. */
const LOCK_CLASS = 0x5167a7e;

/** The two keys of `schema`'s migration lock, as `pg_advisory_xact_lock(a, b)` takes them. */
export function migrationLock(schema: string): [number, number] {
  return [LOCK_CLASS, lockKey(schema)];
}

/** Longest `migrate` waits for another process's migration to finish, by default. */
export const MIGRATION_WAIT_MS = 10 * 60_000;

/**
 * Brings the schema up to date: creates it if missing, then applies each migration not yet
 * recorded, all in one transaction under an advisory lock. Safe to run twice or from several
 * processes at once: the second waits for the first, then finds nothing to do. Returns the
 * versions it applied.
 *
 * The lock is tried, not waited on in a statement: a wait there would end at the session's
 * `lock_timeout` or `statement_timeout` (3 and 5 s by default), and a process starting beside a
 * migration that takes longer would fail. Instead, while another process holds it, this one
 * waits outside any statement, looks again, and gives up only after `waitMs`.
 */
export async function migrate(driver: SqlDriver, schema: string, migrations: Migration[] = MIGRATIONS, waitMs = MIGRATION_WAIT_MS): Promise<number[]> {
  const s = quoteSchema(schema);
  const started = Date.now();
  for (let pause = 50; ; pause = Math.min(pause * 2, 1000)) {
    // A restart finds every migration recorded: one read, no transaction, lock or DDL. Anything
    // missing (no schema yet, a new version) takes the locked path below, which decides again.
    if (await isCurrent(driver, s, migrations)) return [];
    const applied = await driver.transaction(async (tx: Queryable) => {
      // Before anything else: even CREATE SCHEMA IF NOT EXISTS races with itself.
      const [lock] = await tx.query('SELECT pg_try_advisory_xact_lock($1::int, $2::int) AS taken', migrationLock(schema));
      if (lock?.taken !== true) return undefined;
      return applyMissing(tx, schema, migrations);
    });
    if (applied) return applied;
    if (Date.now() - started + pause > waitMs) {
      throw new Error(`another process is still migrating schema "${schema}" (waited ${((Date.now() - started) / 1000).toFixed(1)} s for it)`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Under the migration lock: the schema, its record of migrations, and each one not yet applied. */
async function applyMissing(tx: Queryable, schema: string, migrations: Migration[]): Promise<number[]> {
  const s = quoteSchema(schema);
  // Created only when missing: PostgreSQL checks CREATE on the database even for a schema that
  // exists, and a role given a schema of its own in someone's database has no such right.
  const [existing] = await tx.query('SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS found', [schema]);
  if (existing?.found !== true) await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
  await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const rows = await tx.query(`SELECT version FROM ${s}.schema_migrations`);
  const done = new Set(rows.map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements(s)) {
      try {
        await tx.query(statement);
      } catch (error) {
        // Which migration failed, and what the database said: the driver's own message names only its code.
        const said = databaseMessage(error);
        throw new Error(`migration ${migration.version} (${migration.name}) of schema "${schema}" failed${said ? `: ${said}` : ''}`, { cause: error });
      }
    }
    await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    applied.push(migration.version);
  }
  return applied;
}

/** The database's own message in an error or its causes (a driver wraps it). */
function databaseMessage(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code: unknown = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e.message;
  }
  return error instanceof Error ? error.message : undefined;
}

/** The `migrations` the schema has not recorded (all of them when it has no record yet). */
export async function missingMigrations(driver: SqlDriver, quoted: string, migrations: Migration[]): Promise<Migration[]> {
  // `to_regclass` answers null for a missing table instead of failing the statement.
  const [found] = await driver.query('SELECT to_regclass($1) IS NOT NULL AS present', [`${quoted}.schema_migrations`]);
  if (found?.present !== true) return [...migrations];
  const rows = await driver.query(`SELECT version FROM ${quoted}.schema_migrations`);
  const done = new Set(rows.map((r) => Number(r.version)));
  return migrations.filter((m) => !done.has(m.version));
}

/** Whether the schema has recorded every one of `migrations` (false when it has no table yet). */
async function isCurrent(driver: SqlDriver, quoted: string, migrations: Migration[]): Promise<boolean> {
  return (await missingMigrations(driver, quoted, migrations)).length === 0;
}
