/**
 * Counts attempts per key (sign-in per IP + email and per IP, accept per token). Pluggable
 * because several handler processes must share one count: back it with Redis or the database
 * in production.
 */
export interface RateLimiter {
  /**
   * Records one attempt; `allowed: false` once the key is over its limit for the window. `rule`
   * overrides the limiter's default limit and window for this key.
   */
  hit(key: string, rule?: RateLimitRule): Promise<RateLimitVerdict> | RateLimitVerdict;
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
  /** Keys kept at most, so memory stays bounded. Default 10 000. */
  maxKeys?: number;
}

interface Window {
  start: number;
  count: number;
  limit: number;
  windowMs: number;
}

/**
 * A fixed-window limiter in process memory: right for one process, tests and the mocks. When
 * full it first forgets windows that have ended, then the oldest key still under its limit: a
 * blocked key is forgotten only when every key is blocked, so flooding the limiter with other
 * keys does not reset an attacker's count.
 */
export function memoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const defaults: RateLimitRule = { limit: options.limit ?? 10, windowSeconds: options.windowSeconds ?? 15 * 60 };
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const windows = new Map<string, Window>();
  const over = (w: Window) => w.count > w.limit;

  function makeRoom(t: number): void {
    for (const [key, w] of windows) if (t - w.start >= w.windowMs) windows.delete(key);
    if (windows.size < maxKeys) return;
    for (const [key, w] of windows) {
      if (!over(w)) {
        windows.delete(key);
        return;
      }
    }
    windows.delete(windows.keys().next().value!);
  }

  return {
    hit(key, rule = defaults) {
      const t = now();
      let window = windows.get(key);
      if (!window || t - window.start >= window.windowMs) {
        windows.delete(key);
        if (windows.size >= maxKeys) makeRoom(t);
        window = { start: t, count: 0, limit: rule.limit, windowMs: rule.windowSeconds * 1000 };
        windows.set(key, window);
      }
      window.count += 1;
      if (!over(window)) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + window.windowMs - t) / 1000)) };
    },
  };
}
