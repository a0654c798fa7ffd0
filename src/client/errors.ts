import { ConflictError } from '../errors/ConflictError.js';
import { ERROR_CODES, isErrorCode, type ErrorCode } from '../errors/codes.js';
import { ForbiddenError } from '../errors/ForbiddenError.js';
import { MailError } from '../errors/MailError.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { RateLimitError } from '../errors/RateLimitError.js';
import { SitegateError } from '../errors/SitegateError.js';
import { StorageError } from '../errors/StorageError.js';
import { TokenError } from '../errors/TokenError.js';
import { ValidationError } from '../errors/ValidationError.js';
import { WireProblem } from './schemas.js';

/** The code a status answers with when the body is no problem+json (a proxy's error page, say). */
function codeForStatus(status: number): ErrorCode {
  if (status >= 500) return 'internal';
  const found = (Object.entries(ERROR_CODES) as [ErrorCode, number][]).find(([code, s]) => s === status && !code.startsWith('invite') && code !== 'invalid_credentials');
  return found ? found[0] : 'bad_request';
}

/** Keeps the server's wording: the constructors write their own default messages. */
function withDetail<E extends Error>(error: E, detail: string | undefined): E {
  if (detail) error.message = detail;
  return error;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Rebuilds the error the server threw from its problem response, as the same class, so
 * `instanceof` and `code` checks read alike on both sides of the network.
 */
export function errorFromProblem(body: unknown, response: Response): SitegateError {
  const parsed = WireProblem.safeParse(body);
  const problem = parsed.success && isErrorCode(parsed.data.code) ? parsed.data : undefined;
  const code: ErrorCode = problem ? (problem.code as ErrorCode) : codeForStatus(response.status);
  const detail = problem?.detail ?? `Request failed with status ${response.status}`;
  const extra = (problem ?? {}) as Record<string, unknown>;
  switch (code) {
    case 'validation_failed':
    case 'bad_request':
      return new ValidationError(problem?.errors ?? [], detail, code);
    case 'not_found':
      return withDetail(new NotFoundError(str(extra.what) ?? 'Resource', str(extra.id)), detail);
    case 'conflict':
      return new ConflictError(detail);
    case 'forbidden':
      return new ForbiddenError(str(extra.action) ?? 'access', str(extra.subject) ?? 'Resource', detail);
    case 'invite_invalid':
    case 'invite_expired':
    case 'invite_used':
    case 'session_invalid':
    case 'invalid_credentials':
      return new TokenError(code, detail);
    case 'rate_limited': {
      const fromBody = typeof extra.retryAfterSeconds === 'number' ? extra.retryAfterSeconds : undefined;
      const fromHeader = Number(response.headers.get('retry-after'));
      return withDetail(new RateLimitError(fromBody ?? (Number.isFinite(fromHeader) && fromHeader > 0 ? fromHeader : 60)), detail);
    }
    case 'storage_failed':
      return new StorageError(detail);
    case 'mail_failed':
      return new MailError(detail, { permanent: extra.permanent === true });
    case 'unauthenticated':
    case 'method_not_allowed':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'internal':
      return new SitegateError(code, detail);
  }
}
