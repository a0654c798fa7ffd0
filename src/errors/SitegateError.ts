import { ERROR_CODES, type ErrorCode } from './codes.js';

/**
 * What every sitegate error takes after its message: the same three fields for every class.
 * Facts beyond the message live only in `data` (the getters of a class, such as
 * `RateLimitError#retryAfterSeconds`, read from it), so an error crosses the network by its
 * code, message and data alone (see wire.ts).
 */
export interface SitegateErrorOptions<Data extends object = Record<string, unknown>> {
  /** Which of its codes a class that has several raises (`TokenError`, `ApprovalError`). */
  code?: ErrorCode;
  /** Extra facts for callers, logs and problem responses (never secrets). */
  data?: Data;
  cause?: unknown;
}

/**
 * Marks sitegate's own errors. `Symbol.for` makes it the same key in every copy of the package
 * (a host may bundle two), and unlike a name or a shape it cannot be matched by accident: a
 * host's `AxiosError` also has a string `code` and a numeric `status`, and its message (a URL
 * with a query string, say) must never be mistaken for one written for the caller.
 */
const BRAND = Symbol.for('sitegate.error');

/**
 * The base of every error sitegate throws. Check `code`, or use `isSitegateError`.
 *
 * @example
 * throw new SitegateError('Not signed in', { code: 'unauthenticated' });
 */
export class SitegateError extends Error {
  override name = 'SitegateError';
  readonly code: ErrorCode;
  readonly data?: Record<string, unknown>;
  /** On an error the api client rebuilt from a response: the id the server answered and reported it under. */
  declare readonly requestId?: string;

  constructor(message: string, options: SitegateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'internal';
    if (options.data) this.data = options.data;
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return ERROR_CODES[this.code];
  }
}
Object.defineProperty(SitegateError.prototype, BRAND, { value: true });

/**
 * True for an error sitegate raised, also in another copy of the package: it checks the brand
 * every `SitegateError` carries, never the name or shape, so a host's or a driver's error is
 * not taken for one (its message then stays out of responses).
 */
export function isSitegateError(error: unknown): error is SitegateError {
  if (error instanceof SitegateError) return true;
  return typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true && typeof (error as { code?: unknown }).code === 'string';
}
