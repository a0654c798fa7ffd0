import { ERROR_CODES, type ErrorCode } from './codes.js';

export interface SitegateErrorOptions {
  cause?: unknown;
  /** Extra facts for logs and problem responses (never secrets). */
  data?: Record<string, unknown>;
}

/** The base of every error sitegate throws. Check `code`, or use `isSitegateError`. */
export class SitegateError extends Error {
  override name = 'SitegateError';
  readonly code: ErrorCode;
  readonly data?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: SitegateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.data) this.data = options.data;
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

/** True for any sitegate error, also one from another copy of the package (checks `name` and `code`). */
export function isSitegateError(error: unknown): error is SitegateError {
  if (error instanceof SitegateError) return true;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /Error$/.test(String((error as { name?: unknown }).name)) &&
    (error as { name?: unknown }).name !== 'Error' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}
