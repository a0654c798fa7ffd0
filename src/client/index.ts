/**
 * sitegate/client — the typed HTTP client for the portal API (on ky). Responses are checked
 * against the model's shapes without a schema library (zod stays on the server); failures reject
 * with the same error classes the core throws.
 */
export { createPortalClient, type PortalClientOptions, type PortalHttpClient } from './create-client.js';
export type { PortalClient, Me, SignedIn } from './types.js';
// The shapes the methods take and answer, as types alone: in `sitegate` most are also zod schemas,
// values a browser bundle would carry if imported without `type`.
export type { Client, ClientDetails, ClientStatus } from '../model/client.js';
export type { Feed, OpenedResource } from '../model/feed.js';
export type { FeedQuery } from '../model/feed-query.js';
export type { LinkInfo } from '../model/account-link.js';
export type { SessionToken } from '../model/account.js';
export type { AddClientInput, UpdateClientInput, ListClientsInput, ListSharesInput, AcceptInviteInput, SignInInput, ResetPasswordInput, ConfirmEmailInput, AccountEmailInput, AuditListInput, SaveRoleInput } from '../model/inputs.js';
export type { InviteInfo } from '../model/invite.js';
export type { TenantLook } from '../model/tenant-look.js';
export type { ModuleId } from '../model/modules.js';
export type { Project, Resource } from '../model/resource.js';
export type { Receipt, ReceiptListInput, ReceiptRef } from '../model/receipt.js';
export type { Role } from '../model/role.js';
export type { Share, ShareInput, ShareStatus } from '../model/share.js';
export type { Update, UpdateInput, EditUpdateInput } from '../model/update.js';
export type { Page } from '../model/page.js';
export type { PackedRules } from '../model/rules.js';
export type { Frequency, NotificationPreference } from '../model/notification.js';
export type { AuditEvent } from '../model/audit.js';
export type { ApprovalView, ApprovalExport, ApproverEligibility, ApproversQuery, RequestApprovalInput, DecideApprovalInput, ReopenApprovalInput, WithdrawApprovalInput, ListApprovalsInput } from '../model/approval.js';
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
  HostTimeoutError,
  ApprovalError,
  ERROR_CODES,
  type ApprovalErrorCode,
  type ApprovalErrorData,
  type TokenErrorCode,
  type ErrorCode,
  type ValidationIssue,
  type ConflictData,
} from '../errors/index.js';
