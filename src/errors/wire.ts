import { BadRequestError } from './BadRequestError.js';
import { BusyError } from './BusyError.js';
import type { ErrorCode } from './codes.js';
import { ConflictError } from './ConflictError.js';
import { ForbiddenError } from './ForbiddenError.js';
import { MailError } from './MailError.js';
import { NotFoundError } from './NotFoundError.js';
import { RateLimitError } from './RateLimitError.js';
import { SitegateError } from './SitegateError.js';
import { StorageError } from './StorageError.js';
import { TokenError, type TokenErrorCode } from './TokenError.js';
import { ValidationError, type ValidationIssue } from './ValidationError.js';

/** What an error's problem carries beside `detail`: members read from the error's `data`. */
type Members = Record<string, unknown>;

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);
const issues = (value: unknown) => (Array.isArray(value) ? (value as ValidationIssue[]) : []);
const withDetail = <E extends Error>(error: E, detail: string): E => {
  error.message = detail; // the constructors write their own wording; the server's is kept
  return error;
};
/** Only the issue's own members, whatever else a thrown issue carried. */
const issueMembers = (data: Members): Members =>
  Array.isArray(data.issues) ? { errors: issues(data.issues).map(({ path, message, code }) => (code ? { path, message, code } : { path, message })) } : {};
const retryAfter = (data: Members): Members => (data.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: data.retryAfterSeconds });

/**
 * How every error code crosses the network, in this one module: the server's problem mapper
 * writes a problem's members from `PROBLEM_MEMBERS`, and the api client rebuilds the same class
 * from that problem with `REBUILD_ERROR`, so `instanceof` and `code` read alike on both sides.
 * Two tables rather than one so the browser bundle carries only the half it uses; the
 * round trip of every code is tested (test/http/error-mapping.test.ts). Zod-free.
 */

/** The problem's extension members per code, read from the error's `data`. */
export const PROBLEM_MEMBERS: Partial<Record<ErrorCode, (data: Members) => Members>> = {
  validation_failed: issueMembers,
  bad_request: issueMembers,
  forbidden: (data) => ({ action: data.action, subject: data.subject }),
  not_found: (data) => (data.what === undefined ? {} : { what: data.what, ...(data.id === undefined ? {} : { id: data.id }) }),
  rate_limited: retryAfter,
  busy: retryAfter,
  mail_failed: (data) => ({ permanent: data.permanent === true }),
};

/** The error again, from the problem's `detail` and members. */
export const REBUILD_ERROR: Partial<Record<ErrorCode, (detail: string, members: Members) => SitegateError>> = {
  validation_failed: (detail, m) => new ValidationError(issues(m.errors), detail),
  bad_request: (detail, m) => new BadRequestError(detail, issues(m.errors)),
  forbidden: (detail, m) => new ForbiddenError(str(m.action) ?? 'access', str(m.subject) ?? 'Resource', detail),
  not_found: (detail, m) => withDetail(new NotFoundError(str(m.what) ?? 'Resource', str(m.id)), detail),
  conflict: (detail) => new ConflictError(detail),
  rate_limited: (detail, m) => withDetail(new RateLimitError(num(m.retryAfterSeconds) ?? 60), detail),
  busy: (detail, m) => new BusyError(num(m.retryAfterSeconds) ?? 5, detail),
  storage_failed: (detail) => new StorageError(detail),
  mail_failed: (detail, m) => new MailError(detail, { permanent: m.permanent === true }),
};

const TOKEN_CODES: readonly string[] = ['invite_invalid', 'invite_expired', 'invite_used', 'invalid_credentials', 'session_invalid'] satisfies TokenErrorCode[];

/** Rebuilds any code: the table's class, a `TokenError` for link and sign-in codes, else a plain `SitegateError`. */
export function rebuildError(code: ErrorCode, detail: string, members: Members): SitegateError {
  const rebuild = REBUILD_ERROR[code];
  if (rebuild) return rebuild(detail, members);
  return TOKEN_CODES.includes(code) ? new TokenError(code as TokenErrorCode, detail) : new SitegateError(code, detail);
}
