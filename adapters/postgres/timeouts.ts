/**
 * How long sitegate waits on PostgreSQL before answering with a StorageError (503) instead of
 * letting a request hang. Milliseconds; `0` turns one off.
 */
export interface PostgresTimeouts {
  /** Opening a new connection, handshake included (a server that accepts TCP but never answers). Default 5 s. */
  connectMs: number;
  /** Waiting for a connection from the pool, connecting included; a full pool then fails as "pool exhausted". Default 5 s. */
  checkoutMs: number;
  /** One statement, lock waits included (`statement_timeout`). Default 5 s. */
  statementMs: number;
  /** Waiting for one lock, a row or a table (`lock_timeout`). Default 3 s. */
  lockMs: number;
}

export const DEFAULT_TIMEOUTS: PostgresTimeouts = { connectMs: 5000, checkoutMs: 5000, statementMs: 5000, lockMs: 3000 };

/**
 * Past `statementMs` the server cancels the statement itself; this much later the client gives
 * up on an answer too (a frozen server, a dropped network) and discards the connection.
 */
export const ANSWER_GRACE_MS = 1000;

/** The defaults with the caller's values; rejects what is not a whole number of ms ≥ 0. */
export function resolveTimeouts(given: Partial<PostgresTimeouts> = {}): PostgresTimeouts {
  const out = { ...DEFAULT_TIMEOUTS };
  for (const key of Object.keys(DEFAULT_TIMEOUTS) as (keyof PostgresTimeouts)[]) {
    const value = given[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new TypeError(`timeouts.${key} must be a whole number of milliseconds (0 turns it off), got ${String(value)}`);
    }
    out[key] = value;
  }
  return out;
}
