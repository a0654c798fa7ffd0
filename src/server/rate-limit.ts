/**
 * Counts attempts per key (sign-in per address, per address + email and per account; accept per
 * address and per token). Pluggable because several handler processes must share one count:
 * back it with Redis or the database in production.
 */
export interface RateLimiter {
  /**
   * Records one attempt; `allowed: false` once the key is over its limit for the window. `rule`
   * overrides the limiter's default limit and window for this key.
   */
  hit(key: string, rule?: RateLimitRule): Promise<RateLimitVerdict> | RateLimitVerdict;
  /**
   * Forgets the key's count, lifting a lock-out: called when staff unlock a client's sign-in
   * (and by a successful password reset). Optional for custom limiters; without it, a lock-out
   * lasts until its window ends.
   */
  reset?(key: string): Promise<void> | void;
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  /** Seconds until the key may try again (0 while allowed). */
  retryAfterSeconds: number;
}

export interface MemoryRateLimiterOptions {
  /** Attempts allowed per window when a hit names no rule. Default 10. */
  limit?: number;
  /** Window length when a hit names no rule. Default 15 minutes. */
  windowSeconds?: number;
  /** The clock, for tests. */
  now?: () => number;
  /**
   * Keys kept at most per kind of key (the part of the key before its first `:`, such as
   * `signin-ip` or `accept`), so memory stays bounded. Default 100 000 (a few MB a kind).
   */
  maxKeys?: number;
}

/** The in-memory limiter: synchronous, and `reset` is always there. */
export interface MemoryRateLimiter extends RateLimiter {
  hit(key: string, rule?: RateLimitRule): RateLimitVerdict;
  reset(key: string): void;
}

interface Window {
  end: number;
  count: number;
  limit: number;
}

/**
 * A fixed-window limiter in process memory: right for one process, tests and the mocks.
 *
 * A key that has used up its limit (`count >= limit`: its next attempt is refused) is never
 * forgotten before its window ends, so flooding the limiter with other keys cannot reset an
 * attacker's count. Keys still under their limit live in insertion order and the oldest goes
 * first when the table is full. When every slot holds a blocked key, a new key is refused
 * (fail closed) until the first window ends: without room to count, allowing would mean not
 * limiting at all.
 *
 * Each kind of key has a table of its own: keys anyone can make up cheaply (the hash of any
 * token string, on a route that needs no account) then fill only their own kind's table, and
 * cannot crowd sign-in's keys out until every new sign-in is refused.
 */
export function memoryRateLimiter(options: MemoryRateLimiterOptions = {}): MemoryRateLimiter {
  const defaults: RateLimitRule = { limit: options.limit ?? 10, windowSeconds: options.windowSeconds ?? 15 * 60 };
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const tables = new Map<string, WindowTable>();
  const tableOf = (key: string): WindowTable => {
    const colon = key.indexOf(':');
    const kind = colon === -1 ? '' : key.slice(0, colon);
    let table = tables.get(kind);
    if (!table) tables.set(kind, (table = windowTable(maxKeys)));
    return table;
  };
  return {
    hit: (key: string, rule: RateLimitRule = defaults): RateLimitVerdict => tableOf(key).hit(key, rule, now()),
    reset: (key: string): void => tableOf(key).reset(key),
  };
}

interface WindowTable {
  hit(key: string, rule: RateLimitRule, t: number): RateLimitVerdict;
  reset(key: string): void;
}

/** One kind of key's windows, at most `maxKeys` of them. */
function windowTable(maxKeys: number): WindowTable {
  /** Keys under their limit, oldest first: evictable. */
  const open = new Map<string, Window>();
  /** Keys at or over their limit: kept until their window ends. */
  const blocked = new Map<string, Window>();
  /** Earliest end among blocked windows, so full sweeps happen only when one can free a slot. */
  let nextBlockedEnd = Infinity;

  const retryAfter = (w: Window, t: number) => Math.max(1, Math.ceil((w.end - t) / 1000));

  function sweepBlocked(t: number): void {
    if (t < nextBlockedEnd) return;
    nextBlockedEnd = Infinity;
    for (const [key, w] of blocked) {
      if (w.end <= t) blocked.delete(key);
      else nextBlockedEnd = Math.min(nextBlockedEnd, w.end);
    }
  }

  /** Frees one slot if it can; false when every slot holds a live blocked key. */
  function makeRoom(t: number): boolean {
    sweepBlocked(t);
    if (open.size + blocked.size < maxKeys) return true;
    const oldest = open.keys().next();
    if (oldest.done) return false;
    open.delete(oldest.value);
    return true;
  }

  return {
    hit(key, rule, t) {
      let window = blocked.get(key) ?? open.get(key);
      if (window && window.end <= t) {
        blocked.delete(key);
        open.delete(key);
        window = undefined;
      }
      if (!window) {
        if (!makeRoom(t)) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((nextBlockedEnd - t) / 1000)) };
        window = { end: t + rule.windowSeconds * 1000, count: 0, limit: rule.limit };
        open.set(key, window);
      }
      window.count += 1;
      if (window.count >= window.limit && open.delete(key)) {
        blocked.set(key, window);
        nextBlockedEnd = Math.min(nextBlockedEnd, window.end);
      }
      if (window.count <= window.limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: retryAfter(window, t) };
    },
    reset(key) {
      open.delete(key);
      blocked.delete(key);
    },
  };
}
