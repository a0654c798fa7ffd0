import { createHash } from 'node:crypto';
import { errorChain } from './errors.js';

/**
 * Names for the statements worth preparing, for the PostgreSQL and the PGlite drivers (PGlite's
 * side is adapters/pglite/prepared.ts). node-postgres sends a statement without a name as an
 * unnamed one, which PostgreSQL parses, analyses and plans anew on every call: for sitegate's
 * short per-request reads that is most of the server's work (a session join: 165–184 µs of
 * backend CPU unnamed, 54–61 µs prepared, on the bench machine). A named statement is parsed
 * once per connection and then only bound and executed.
 *
 * Only statements that come back are named: a text is named on its second sighting, so a text
 * that varies (a multi-row insert, an `IN` list of any length) does not fill the table. A name is
 * made from its text's hash, so it means one text in every process: node-postgres refuses one name
 * for two texts on a connection, several storages (other schemas) may share one pool, and behind a
 * pooler that hands a server connection from one process to another (PgBouncer in transaction
 * mode) a name another process prepared there must never run another statement with these
 * parameters. Both tables are bounded: past them statements simply go unnamed, as before.
 */

/** At most this many named statements per connection (each costs the server a plan in memory). */
const MAX_NAMED = 300;
/** Texts seen once, waiting for a second sighting; cleared when full. */
const MAX_PENDING = 4096;
/** Longer texts are the varying kind (many rows, long lists): never named. */
const MAX_TEXT = 4000;

const named = new Map<string, string>();
const seenOnce = new Set<string>();
/** How many times a text was renamed (`renameStatement`): its next name is a new one. */
const renamed = new Map<string, number>();

/** `sitegate_` and 96 bits of the text's SHA-256 (a name is at most 63 bytes), then its renaming, if any. */
function nameFor(text: string): string {
  const base = `sitegate_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  const generation = renamed.get(text);
  return generation ? `${base}_${generation}` : base;
}

/**
 * The name to prepare `text` under, or `undefined` to send it unnamed. Statements without
 * parameters go unnamed: they run through the simple protocol, which is what allows `BEGIN; SET
 * LOCAL …` in one string, and they cost the server no planning worth saving.
 */
export function statementName(text: string, params: readonly unknown[] | undefined): string | undefined {
  if (!params || params.length === 0 || text.length > MAX_TEXT) return undefined;
  const name = named.get(text);
  if (name !== undefined || named.size >= MAX_NAMED) return name;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= MAX_PENDING) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  seenOnce.delete(text);
  const fresh = nameFor(text);
  named.set(text, fresh);
  return fresh;
}

/**
 * Gives `text` a new name on its next use, so every connection prepares it afresh: its old
 * plan's result type no longer matches the table (see `staleStatement`). The old statement
 * stays on connections that have it until they close.
 */
export function renameStatement(text: string): void {
  named.delete(text);
  if (renamed.size < MAX_PENDING || renamed.has(text)) renamed.set(text, (renamed.get(text) ?? 0) + 1);
}

/**
 * Rows of a prepared statement came back with another number of columns than the description
 * its connection kept for it (adapters/postgres/described-query.ts): a pooler prepared it again
 * on a server where a migration had changed its table. The description is forgotten, so running
 * the statement again asks for a new one.
 */
export class StaleDescriptionError extends Error {
  constructor(name: string) {
    super(`The rows of prepared statement ${name} do not match its description; it is described again.`);
    this.name = 'StaleDescriptionError';
  }
}

/**
 * The failures that mean a prepared statement cannot be used as it is on its connection:
 * - `26000`, it does not exist there: a transaction-mode pooler (PgBouncer before 1.21) handed
 *   the statement to another server connection, or something ran `DEALLOCATE`/`DISCARD ALL`;
 * - `42P05`, it already exists there while the driver prepares it: the same pooler handed over a
 *   server connection where this or another process had prepared it;
 * - `0A000` "cached plan must not change result type": a migration changed a table a `t.*`
 *   statement reads since it was prepared (another process migrated while this one served);
 * - `reshaped`: its rows no longer match the description kept for it (`StaleDescriptionError`).
 * The statement did nothing: it can be sent again, and a transaction it aborted run again.
 */
export function staleStatement(error: unknown): 'missing' | 'changed' | 'reshaped' | undefined {
  if (error instanceof StaleDescriptionError) return 'reshaped';
  for (const { code, message } of errorChain(error)) {
    if (code === '26000' || code === '42P05') return 'missing';
    if (code === '0A000' && typeof message === 'string' && /cached plan must not change result type/i.test(message)) return 'changed';
  }
  return undefined;
}

/**
 * `attempt` once more after a stale prepared statement: the driver has already renamed it or
 * stopped preparing it, and the failed statement did nothing (in a transaction it aborted the
 * whole of it, so running the transaction again is as safe as the storage's retry after a
 * deadlock).
 */
export async function againIfStale<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!staleStatement(error)) throw error;
    return attempt();
  }
}
