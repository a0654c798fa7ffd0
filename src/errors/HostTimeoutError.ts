import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/** What a `HostTimeoutError` knows: the wait it asks for, and (on the server) which hook was late. */
export type HostTimeoutData = {
  retryAfterSeconds: number;
  /**
   * The hook that did not answer in time (`tenants`, `content.resolve`, `authenticateStaff`, …).
   * Server side only, for `onError`: it does not travel in the problem.
   */
  hook?: string;
  /** The limit it was given (`hostHookTimeoutMs`). Server side only, like `hook`. */
  timeoutMs?: number;
};

/**
 * One of the host's hooks (the content source, `tenants`, `authenticateStaff`, …) did not answer
 * within `hostHookTimeoutMs`, so the request was answered without waiting for it: nothing was
 * changed; try again after `retryAfterSeconds`. Answered as 503 `host_timeout` with
 * `Retry-After`, and reported to `onError` naming the hook (`hook`).
 */
export class HostTimeoutError extends SitegateError {
  override name = 'HostTimeoutError';
  declare readonly data: HostTimeoutData;
  constructor(message: string, options: SitegateErrorOptions<Partial<HostTimeoutData>> = {}) {
    super(message, { ...options, code: 'host_timeout', data: { ...options.data, retryAfterSeconds: options.data?.retryAfterSeconds ?? 10 } });
  }
  get retryAfterSeconds(): number {
    return this.data.retryAfterSeconds;
  }
  /** The hook that was late, on the server (`undefined` on an error the api client rebuilt). */
  get hook(): string | undefined {
    return this.data.hook;
  }
}
