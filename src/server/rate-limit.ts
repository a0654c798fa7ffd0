/**
 * Counts attempts per key (sign-in per IP + email, accept per token). Pluggable because several
 * handler processes must share one count: back it with Redis or the database in production.
 */
export interface RateLimiter {
  /** Records one attempt; `allowed: false` once the key is over its limit for the window. */
  hit(key: string): Promise<RateLimitVerdict> | RateLimitVerdict;
}

export interface RateLimitVerdict {
  allowed: boolean;
  /** Seconds until the key may try again (0 while allowed). */
  retryAfterSeconds: number;
}

export interface MemoryRateLimiterOptions {
  /** Attempts allowed per window. Default 10. */
  limit?: number;
  /** Window length. Default 15 minutes. */
  windowSeconds?: number;
  /** The clock, for tests. */
  now?: () => number;
  /** Keys kept before the oldest windows are dropped, so memory stays bounded. Default 10 000. */
  maxKeys?: number;
}

/** A fixed-window limiter in process memory: right for one process, tests and the mocks. */
export function memoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const limit = options.limit ?? 10;
  const windowMs = (options.windowSeconds ?? 15 * 60) * 1000;
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      let window = windows.get(key);
      if (!window || t - window.start >= windowMs) {
        windows.delete(key);
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        window = { start: t, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - t) / 1000)) };
    },
  };
}
