import { BusyError, busy } from '../errors/BusyError.js';
import type { PasswordHasher } from './passwords.js';

/** How much password hashing may run at once; see `createPortal({ passwordHashing })`. */
export interface PasswordHashingOptions {
  /** Hashes (or verifications) running at once. Default 2: libuv's pool has 4 threads, so others stay free. */
  concurrency?: number;
  /** Hashes waiting for a free slot; one more is refused with BusyError (503). Default 8. */
  queue?: number;
  /** What the refusal tells the caller to wait, in seconds. Default 2. */
  retryAfterSeconds?: number;
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new TypeError(`createPortal: passwordHashing.${name} must be an integer ≥ ${min}`);
  return value;
}

/**
 * Wraps a hasher so that at most `concurrency` hashes run at once and at most `queue` wait.
 * scrypt is deliberately expensive: unbounded, a flood of sign-ins (real or with random emails,
 * which verify against a decoy hash) fills libuv's thread pool and everything else that needs
 * it waits. Beyond the queue the call fails at once with BusyError, before any work, so the
 * answer does not depend on whether the email exists.
 */
export function boundedPasswords(inner: PasswordHasher, options: PasswordHashingOptions = {}): PasswordHasher {
  const concurrency = count('concurrency', options.concurrency, 2, 1);
  const queueSize = count('queue', options.queue, 8, 0);
  const retryAfter = count('retryAfterSeconds', options.retryAfterSeconds, 2, 1);
  let running = 0;
  const waiting: (() => void)[] = [];

  async function slot(): Promise<void> {
    if (running < concurrency) {
      running += 1;
      return;
    }
    if (waiting.length >= queueSize) throw busy(retryAfter, `Too many sign-ins are being checked right now. Try again in ${retryAfter} seconds.`);
    // The finishing call hands its slot over directly, so `running` never dips and lets a newcomer jump the queue.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  async function run<T>(work: () => Promise<T>): Promise<T> {
    await slot();
    try {
      return await work();
    } finally {
      release();
    }
  }

  return {
    hash: (password) => run(() => inner.hash(password)),
    verify: (password, stored) => run(() => inner.verify(password, stored)),
  };
}
