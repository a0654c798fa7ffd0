import { ERROR_CODES, isErrorCode, type ErrorCode } from '../errors/codes.js';
import { ForbiddenError } from '../errors/ForbiddenError.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { RateLimitError } from '../errors/RateLimitError.js';
import { isSitegateError, SitegateError } from '../errors/SitegateError.js';
import { ValidationError, type ValidationIssue } from '../errors/ValidationError.js';

/** RFC 9457 problem details, plus the stable `code` the api client maps back to an error class. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: ValidationIssue[];
  [extension: string]: unknown;
}

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Invalid input',
  bad_request: 'Bad request',
  unauthenticated: 'Not signed in',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many attempts',
  invite_invalid: 'Invite link not valid',
  invite_expired: 'Invite link expired',
  invite_used: 'Invite link already used',
  invalid_credentials: 'Sign-in failed',
  session_invalid: 'Session ended',
  storage_failed: 'Storage unavailable',
  mail_failed: 'Mail not delivered',
  internal: 'Internal error',
};

export const problemType = (code: ErrorCode) => `urn:sitegate:problem:${code}`;

/** The problem body for a sitegate error; extension members carry what the client needs to rebuild it. */
export function problemOf(error: SitegateError): Problem {
  const code = isErrorCode(error.code) ? error.code : 'internal';
  const status = ERROR_CODES[code];
  const problem: Problem = { type: problemType(code), title: TITLES[code], status, code, detail: error.message };
  if (error instanceof ValidationError) problem.errors = error.issues.map(({ path, message, code: c }) => (c ? { path, message, code: c } : { path, message }));
  if (error instanceof RateLimitError) problem.retryAfterSeconds = error.retryAfterSeconds;
  if (error instanceof ForbiddenError) Object.assign(problem, { action: error.action, subject: error.subject });
  if (error instanceof NotFoundError && error.data) Object.assign(problem, { what: error.data.what, ...(error.data.id === undefined ? {} : { id: error.data.id }) });
  if (code === 'mail_failed') problem.permanent = error.data?.permanent === true;
  return problem;
}

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  const out = new Headers(headers);
  out.set('content-type', 'application/problem+json');
  out.set('cache-control', 'no-store');
  return new Response(JSON.stringify(problem), { status: problem.status, headers: out });
}

/**
 * Any thrown value as a response. Typed errors say what went wrong; anything else is a bug on
 * this side, answered as a bare 500 so no internals leak, and reported through `report`.
 */
export function errorResponse(error: unknown, report: (error: unknown) => void): Response {
  if (!isSitegateError(error)) {
    report(error);
    return problemResponse(problemOf(new SitegateError('internal', 'Something went wrong on our side. Try again later.')));
  }
  const problem = problemOf(error);
  if (problem.status >= 500) report(error);
  const headers: Record<string, string> = {};
  if (error instanceof RateLimitError) headers['retry-after'] = String(error.retryAfterSeconds);
  return problemResponse(problem, headers);
}
