import type { RateLimiter, RateLimitRule, RateLimitVerdict } from '../../src/server/rate-limit.js';
import { sha256Hex } from '../../src/tokens/sha256.js';
import type { Queryable } from './driver.js';

export interface SqlRateLimiterOptions {
  /** Attempts allowed per window when a hit names no rule. Default 10 (as `memoryRateLimiter`). */
  limit?: number;
  /** Window length when a hit names no rule. Default 15 minutes. */
  windowSeconds?: number;
}

/** How often, at most, one limiter sweeps ended windows out of the table, and how many rows per sweep. */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_ROWS = 10_000;

/**
 * Fixed windows counted in the database, so every handler process on it shares each count: with
 * a limiter per process, N processes would let N times the attempts through. One statement per
 * hit, timed by the database's clock (the processes' clocks may differ). Keys are stored as their
 * SHA-256: they hold addresses and emails, and the table needs only to tell them apart.
 * A key over its limit is kept until its window ends, however many others arrive.
 */
export function sqlRateLimiter(q: Queryable, s: string, guard: <T>(run: () => Promise<T>) => Promise<T>, options: SqlRateLimiterOptions = {}): RateLimiter {
  const defaults: RateLimitRule = { limit: options.limit ?? 10, windowSeconds: options.windowSeconds ?? 15 * 60 };
  let lastSweep = 0;

  /**
   * Deletes ended windows, a batch at a time. A full batch means more are waiting (a flood of
   * new keys), so the next hit sweeps again rather than a minute later. A failed sweep fails no
   * attempt, which is already counted: the next one tries again.
   */
  async function sweep(): Promise<void> {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    try {
      // The end checked again on the row deleted: a hit that restarted a window the subquery saw
      // as ended, committed while this waited for its lock, keeps its new window and count.
      const [swept] = await q.query(
        `WITH gone AS (DELETE FROM ${s}.rate_limits WHERE window_ends <= now()
           AND key IN (SELECT key FROM ${s}.rate_limits WHERE window_ends <= now() LIMIT ${SWEEP_ROWS}) RETURNING 1)
         SELECT count(*)::integer AS rows FROM gone`,
      );
      if (Number(swept?.rows) >= SWEEP_ROWS) lastSweep = 0;
    } catch {
      // Tried again a minute on; the table only keeps rows a little longer meanwhile.
    }
  }

  return {
    hit: (key: string, rule: RateLimitRule = defaults): Promise<RateLimitVerdict> =>
      guard(async () => {
        // A window that has ended starts again at this hit; `r.*` in SET is the row before it.
        const [row] = await q.query(
          `INSERT INTO ${s}.rate_limits AS r (key, window_ends, hits) VALUES ($1, now() + make_interval(secs => $2), 1)
           ON CONFLICT (key) DO UPDATE SET
             hits = CASE WHEN r.window_ends <= now() THEN 1 ELSE r.hits + 1 END,
             window_ends = CASE WHEN r.window_ends <= now() THEN excluded.window_ends ELSE r.window_ends END
           RETURNING hits, ceil(extract(epoch FROM r.window_ends - now()))::integer AS seconds_left`,
          [sha256Hex(key), rule.windowSeconds],
        );
        await sweep();
        const hits = Number(row!.hits);
        return hits <= rule.limit ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(1, Number(row!.seconds_left)) };
      }),
    reset: (key: string): Promise<void> =>
      guard(async () => {
        await q.query(`DELETE FROM ${s}.rate_limits WHERE key = $1`, [sha256Hex(key)]);
      }),
  };
}
