import { ApprovalError } from './ApprovalError.js';
import { BadRequestError } from './BadRequestError.js';
import { BusyError } from './BusyError.js';
import type { ErrorCode } from './codes.js';
import { ConflictError } from './ConflictError.js';
import { ForbiddenError } from './ForbiddenError.js';
import { HostTimeoutError } from './HostTimeoutError.js';
import { MailError } from './MailError.js';
import { NotFoundError } from './NotFoundError.js';
import { RateLimitError } from './RateLimitError.js';
import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';
import { StorageError } from './StorageError.js';
import { TokenError } from './TokenError.js';
import { ValidationError, type ValidationIssue } from './ValidationError.js';

type Members = Record<string, unknown>;
type ErrorClass = new (message: string, options: SitegateErrorOptions & { code: never }) => SitegateError;

/** Reads one member as it arrived (from the error's `data` on the server, from JSON on the client). */
type Reader = (value: unknown) => unknown;

const text: Reader = (value) => (typeof value === 'string' ? value : undefined);
const seconds: Reader = (value) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);
const flag: Reader = (value) => value === true;
/** Only each issue's own members, whatever else a thrown issue carried. */
const issueList: Reader = (value) =>
  Array.isArray(value)
    ? (value as ValidationIssue[]).map(({ path, message, code }) => (code ? { path, message, code } : { path, message }))
    : undefined;

/** One code's row: the class it is, and which `data` fields travel, under which problem member. */
interface WireRow {
  type: ErrorClass;
  /** data field → [problem member, reader] */
  members?: Record<string, readonly [string, Reader]>;
}

const token: WireRow = { type: TokenError as ErrorClass };
/** `approval_stale` says `reopened` when the decision was made on a round asked before. */
const approval: WireRow = { type: ApprovalError as ErrorClass, members: { reason: ['reason', text] } };
const plain: WireRow = { type: SitegateError as ErrorClass };
const issues = { issues: ['errors', issueList] } as const;
const retryAfter = { retryAfterSeconds: ['retryAfterSeconds', seconds] } as const;

/**
 * How every error code crosses the network, in one table: the server's problem mapper writes a
 * problem's extension members from the error's `data` (`problemMembers`), and the api client
 * rebuilds the same class from the problem (`rebuildError`) with one constructor shape
 * `new Class(detail, { code, data })`, so `instanceof`, `code` and the getters read alike on
 * both sides. The round trip of every code is tested (test/http/error-mapping.test.ts). Zod-free.
 */
export const ERROR_WIRE: Record<ErrorCode, WireRow> = {
  validation_failed: { type: ValidationError as ErrorClass, members: issues },
  bad_request: { type: BadRequestError as ErrorClass, members: issues },
  unauthenticated: plain,
  forbidden: { type: ForbiddenError as ErrorClass, members: { action: ['action', text], subject: ['subject', text] } },
  not_found: { type: NotFoundError as ErrorClass, members: { what: ['what', text], id: ['id', text] } },
  method_not_allowed: plain,
  conflict: { type: ConflictError as ErrorClass, members: { field: ['field', text], reason: ['reason', text] } },
  payload_too_large: plain,
  unsupported_media_type: plain,
  rate_limited: { type: RateLimitError as ErrorClass, members: retryAfter },
  busy: { type: BusyError as ErrorClass, members: retryAfter },
  invite_invalid: token,
  invite_expired: token,
  invite_used: token,
  link_invalid: token,
  link_expired: token,
  link_used: token,
  invalid_credentials: token,
  session_invalid: token,
  approval_stale: approval,
  approval_expired: approval,
  approval_closed: approval,
  not_your_turn: approval,
  storage_failed: { type: StorageError as ErrorClass },
  // Which hook was late stays on the server (onError): the caller is told only when to come back.
  host_timeout: { type: HostTimeoutError as ErrorClass, members: retryAfter },
  mail_failed: { type: MailError as ErrorClass, members: { permanent: ['permanent', flag] } },
  internal: plain,
};

/** Picks each travelling field through its reader; absent ones stay out. */
function pick(members: WireRow['members'], from: Members, direction: 'out' | 'in'): Members {
  const out: Members = {};
  for (const [field, [member, read]] of Object.entries(members ?? {})) {
    const value = read(direction === 'out' ? from[field] : from[member]);
    if (value !== undefined) out[direction === 'out' ? member : field] = value;
  }
  return out;
}

/** A problem's extension members for an error with this code and `data`. */
export function problemMembers(code: ErrorCode, data: Members | undefined): Members {
  return pick(ERROR_WIRE[code].members, data ?? {}, 'out');
}

/** The error again, from a problem's code, `detail` and members. */
export function rebuildError(code: ErrorCode, detail: string, members: Members): SitegateError {
  const row = ERROR_WIRE[code];
  return new row.type(detail, { code: code as never, data: pick(row.members, members, 'in') });
}
