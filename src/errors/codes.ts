/**
 * Every error sitegate raises carries one of these codes, and the HTTP status it maps to.
 * The HTTP handler sends the code in problem+json; the api client turns it back into the same
 * error class, so callers handle one catalogue on either side of the network.
 */
export const ERROR_CODES = {
  validation_failed: 422,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  busy: 503,
  invite_invalid: 404,
  invite_expired: 410,
  invite_used: 409,
  link_invalid: 404,
  link_expired: 410,
  link_used: 409,
  invalid_credentials: 401,
  approval_stale: 409,
  approval_expired: 409,
  approval_closed: 409,
  not_your_turn: 409,
  session_invalid: 401,
  storage_failed: 503,
  host_timeout: 503,
  mail_failed: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
