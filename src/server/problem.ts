import { BusyError } from '../errors/BusyError.js';
import { ERROR_CODES, isErrorCode, type ErrorCode } from '../errors/codes.js';
import { HostTimeoutError } from '../errors/HostTimeoutError.js';
import { RateLimitError } from '../errors/RateLimitError.js';
import { isSitegateError, SitegateError } from '../errors/SitegateError.js';
import type { ValidationIssue } from '../errors/ValidationError.js';
import { problemMembers } from '../errors/wire.js';
import { jsonResponse } from './json-body.js';

/** RFC 9457 problem details, plus the stable `code` the api client maps back to an error class. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: ValidationIssue[];
  /** The id this request was answered and reported (`onError`) under; also the `x-request-id` header. */
  requestId?: string;
  [extension: string]: unknown;
}

/** The problem `title` per code: fixed words for people reading a response. */
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
  busy: 'Busy, try again shortly',
  invite_invalid: 'Invite link not valid',
  invite_expired: 'Invite link expired',
  invite_used: 'Invite link already used',
  link_invalid: 'Link not valid',
  link_expired: 'Link expired',
  link_used: 'Link already used',
  invalid_credentials: 'Sign-in failed',
  session_invalid: 'Session ended',
  approval_stale: 'Approval out of date',
  approval_expired: 'Approval past its due date',
  approval_closed: 'Approval already settled',
  not_your_turn: 'Not your turn to decide',
  storage_failed: 'Storage unavailable',
  host_timeout: 'No answer in time',
  mail_failed: 'Mail not delivered',
  internal: 'Internal error',
};

export const problemType = (code: ErrorCode) => `urn:sitegate:problem:${code}`;

/**
 * What a 5xx says, in fixed words: the error's own message may name a database host, port or
 * user, carry SQL error text or a host error's URL. The full error goes to `onError` instead,
 * under the request id the problem carries.
 */
function publicDetail(code: ErrorCode, error: SitegateError): string {
  switch (code) {
    case 'storage_failed':
      return 'The portal cannot reach its storage right now. Try again in a moment.';
    case 'host_timeout':
      return 'The portal did not get an answer in time. Try again in a moment.';
    case 'mail_failed':
      return 'The email could not be sent. Try again later.';
    case 'busy':
      return error instanceof BusyError ? `The server is busy. Try again in ${error.retryAfterSeconds} seconds.` : 'The server is busy. Try again shortly.';
    default:
      return 'Something went wrong on our side. Try again later.';
  }
}

/**
 * The problem body for a sitegate error; extension members carry what the client needs to
 * rebuild it. A 4xx keeps the error's message (it tells the caller what to fix); a 5xx gets a
 * generic detail, so nothing internal reaches the caller.
 */
export function problemOf(error: SitegateError): Problem {
  const code = isErrorCode(error.code) ? error.code : 'internal';
  const status = ERROR_CODES[code];
  const detail = status >= 500 ? publicDetail(code, error) : error.message;
  const members = problemMembers(code, error.code === code ? error.data : undefined);
  return { type: problemType(code), title: TITLES[code], status, code, detail, ...members };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  const out = new Headers(headers);
  out.set('content-type', 'application/problem+json');
  out.set('cache-control', 'no-store');
  return jsonResponse(JSON.stringify(problem), { status: problem.status, headers: out });
}

/**
 * What a storage 503 asks a caller to wait. An outage's length is unknown, but most are a
 * restart or a failover of a few seconds: a second between tries lets a load balancer, a proxy
 * or the typed client (which waits it out before its retries) ride through one without hammering
 * a database that is coming back.
 */
const STORAGE_RETRY_AFTER_SECONDS = 1;

/**
 * Any thrown value as a response, under `requestId` (the `requestId` member and the
 * `x-request-id` header). Typed errors say what went wrong; anything else — a host hook's or a
 * driver's error, whatever its shape — is a bug on this side, answered as a generic 500 and
 * reported through `report` with everything it holds.
 */
export function errorResponse(error: unknown, report: (error: unknown) => void, requestId?: string): Response {
  if (!isSitegateError(error)) {
    report(error);
    return problemResponse(withRequestId(problemOf(new SitegateError('Something went wrong on our side.', { code: 'internal' })), requestId), requestIdHeader(requestId));
  }
  const problem = withRequestId(problemOf(error), requestId);
  // Shedding load is expected behaviour, like a 429: logging each refusal would amplify a flood.
  if (problem.status >= 500 && !(error instanceof BusyError)) report(error);
  const headers = requestIdHeader(requestId);
  if (error instanceof RateLimitError || error instanceof BusyError || error instanceof HostTimeoutError) headers['retry-after'] = String(error.retryAfterSeconds);
  else if (problem.code === 'storage_failed') headers['retry-after'] = String(STORAGE_RETRY_AFTER_SECONDS);
  return problemResponse(problem, headers);
}

function withRequestId(problem: Problem, requestId: string | undefined): Problem {
  if (requestId !== undefined) problem.requestId = requestId;
  return problem;
}

const requestIdHeader = (requestId: string | undefined): Record<string, string> => (requestId === undefined ? {} : { 'x-request-id': requestId });
