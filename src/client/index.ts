/**
 * sitegate/client — the typed HTTP client for the portal API (on ky). Responses are checked
 * against the model's shapes without a schema library (zod stays on the server); failures reject
 * with the same error classes the core throws.
 */
export { createPortalClient, type PortalClientOptions, type PortalHttpClient } from './create-client.js';
export type { PortalClient, Me, SignedIn } from './types.js';
export { errorFromProblem } from './errors.js';
export {
  SitegateError,
  isSitegateError,
  ValidationError,
  BadRequestError,
  NotFoundError,
  ConflictError,
  ForbiddenError,
  TokenError,
  StorageError,
  MailError,
  RateLimitError,
  BusyError,
  ApprovalError,
  ERROR_CODES,
  type ApprovalErrorCode,
  type TokenErrorCode,
  type ErrorCode,
  type ValidationIssue,
  type ConflictData,
} from '../errors/index.js';
