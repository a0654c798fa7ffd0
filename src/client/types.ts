import type { Me, SignedIn } from '../model/signed-in.js';
import type { AuditEvent } from '../model/audit.js';
import type { ApprovalExport, ApprovalView, ApproverEligibility, ApproversQuery, DecideApprovalInput, ListApprovalsInput, ReopenApprovalInput, RequestApprovalInput, WithdrawApprovalInput } from '../model/approval.js';
import type { Client, ClientDetails } from '../model/client.js';
import type { Feed, OpenedResource } from '../model/feed.js';
import type { FeedQuery } from '../model/feed-query.js';
import type { LinkInfo } from '../model/account-link.js';
import type { AccountEmailInput, AcceptInviteInput, AddClientInput, ResetPasswordInput, ConfirmEmailInput, AuditListInput, ListClientsInput, ListSharesInput, SaveRoleInput, SignInInput, UpdateClientInput } from '../model/inputs.js';
import type { InviteInfo } from '../model/invite.js';
import type { TenantLook } from '../model/tenant-look.js';
import type { ModuleId } from '../model/modules.js';
import type { Project } from '../model/resource.js';
import type { Receipt, ReceiptListInput, ReceiptRef } from '../model/receipt.js';
import type { Role } from '../model/role.js';
import type { Share, ShareInput, ShareStatus } from '../model/share.js';
import type { EditUpdateInput, Update, UpdateInput } from '../model/update.js';
import type { Page } from '../model/page.js';
import type { Frequency, NotificationPreference } from '../model/notification.js';

export type { Me, SignedIn };

/**
 * The typed HTTP client: the headless API's names, without the actor (the server knows it
 * from the staff hook or the session cookie). Every method rejects with the same typed
 * `SitegateError` subclasses the core throws.
 */
export interface PortalClient {
  clients: {
    list(query?: ListClientsInput): Promise<Page<Client>>;
    /** `created` is false when the email was already a client: projects were added, nothing else changed. */
    add(input: AddClientInput): Promise<Client & { created: boolean }>;
    get(clientId: string): Promise<ClientDetails>;
    update(clientId: string, input: UpdateClientInput): Promise<Client>;
    setProjects(clientId: string, projectIds: string[]): Promise<Client>;
    revokeProject(clientId: string, projectId: string): Promise<Client>;
    sendInvite(clientId: string): Promise<Client>;
    /** Lifts the sign-in lock-out of this client's account (the per-account failure count). */
    unlock(clientId: string): Promise<Client>;
    /** Mails an active client a password reset link. */
    sendPasswordReset(clientId: string): Promise<Client>;
    archive(clientId: string): Promise<Client>;
    /** Back in the list without access (portal access off). */
    restore(clientId: string): Promise<Client>;
  };
  passwords: {
    /** `POST /password/forgot`: resolves the same whether or not the account exists. */
    requestReset(input: AccountEmailInput): Promise<void>;
    /** `POST /password/inspect`: what the reset link is; consumes nothing. */
    inspect(token: string): Promise<LinkInfo>;
    /** `POST /password/reset`: sets the password and signs in; other sessions end. */
    reset(token: string, input: ResetPasswordInput): Promise<SignedIn>;
  };
  emails: {
    /** `POST /email/inspect`: what the confirmation link is; consumes nothing. */
    inspect(token: string): Promise<LinkInfo>;
    /**
     * `POST /email/confirm`: confirms a changed address from the link sent to it, and signs in.
     * The old password ends; `input.password` is the new one (without it, none works until reset).
     */
    confirm(token: string, input?: ConfirmEmailInput): Promise<SignedIn>;
  };
  projects: {
    /** The tenant's projects (staff). */
    list(): Promise<Project[]>;
  };
  shares: {
    /** The project's shares in the order they were made, a page at a time. */
    list(projectId: string, filter?: ListSharesInput): Promise<Page<Share>>;
    share(projectId: string, resources: ShareInput[]): Promise<Share[]>;
    unshare(projectId: string, shareId: string): Promise<void>;
    status(projectId: string, module: ModuleId, ids: string[]): Promise<ShareStatus[]>;
  };
  updates: {
    /** A project's updates, newest first. */
    list(projectId: string, page?: { limit?: number; cursor?: string }): Promise<Page<Update>>;
    publish(projectId: string, input: UpdateInput): Promise<Update>;
    /** `PATCH`: changes title (`null` removes it), body or attachments. */
    edit(projectId: string, updateId: string, input: EditUpdateInput): Promise<Update>;
    /** `DELETE`: the update leaves the portal (204). */
    remove(projectId: string, updateId: string): Promise<void>;
  };
  roles: {
    list(): Promise<Role[]>;
    save(input: SaveRoleInput): Promise<Role>;
  };
  approvals: {
    /** Staff: put a resource to named clients for a decision. */
    request(projectId: string, input: RequestApprovalInput): Promise<ApprovalView>;
    /** Staff: each active client of the project, and why it cannot decide on this resource now (`code`; none: it can). */
    approvers(projectId: string, query: ApproversQuery): Promise<ApproverEligibility[]>;
    /** Staff: every approval of the project, with its decisions. */
    list(projectId: string, query?: ListApprovalsInput): Promise<ApprovalView[]>;
    /** Staff: take back an open approval (asked of the wrong client, or of one who can no longer decide). */
    withdraw(projectId: string, approvalId: string, input?: WithdrawApprovalInput): Promise<ApprovalView>;
    /** Staff: ask a settled, expired or withdrawn approval again; earlier decisions are kept. */
    reopen(projectId: string, approvalId: string, input: ReopenApprovalInput): Promise<ApprovalView>;
    /** Staff: one approval with all its evidence, as a JSON document. */
    export(projectId: string, approvalId: string): Promise<ApprovalExport>;
    /** Client: the approvals asking the signed-in client ("Waiting on you"). */
    listMine(projectId: string, query?: ListApprovalsInput): Promise<ApprovalView[]>;
    /** Client: approve or decline. */
    decide(projectId: string, approvalId: string, input: DecideApprovalInput): Promise<ApprovalView>;
  };
  audit: {
    list(query?: AuditListInput): Promise<Page<AuditEvent>>;
  };
  tenants: {
    /** `GET /tenants/:tenantId/look`: the builder's name and brand; `{}` for an unknown tenant. */
    look(tenantId: string): Promise<TenantLook>;
  };
  invites: {
    /** `POST /invites/inspect`: what the link is; consumes nothing. The token travels in the body. */
    inspect(token: string): Promise<InviteInfo>;
    /** `POST /invites/accept`: sets the password and signs in; the token travels in the body. */
    accept(token: string, input: AcceptInviteInput): Promise<SignedIn>;
  };
  sessions: {
    signIn(input: SignInInput): Promise<SignedIn>;
    signOut(): Promise<void>;
    /** `POST /session/link`: mails a one-time sign-in link if the tenant allows links; resolves the same either way. */
    requestLink(input: AccountEmailInput): Promise<void>;
    /** `POST /session/link/accept`: signs in with the link's token. */
    signInWithLink(token: string): Promise<SignedIn>;
    /** `DELETE /sessions`: ends every session of the signed-in client. */
    signOutEverywhere(): Promise<void>;
  };
  /**
   * The same as `view.me()`.
   * @deprecated Use `view.me()`, the headless API's name.
   */
  me(): Promise<Me>;
  receipts: {
    /** Who viewed what in the project, newest view first, a page at a time (staff). */
    list(projectId: string, filter?: ReceiptListInput): Promise<Page<Receipt>>;
    /** Records that the signed-in client opened a host-served file it may see. */
    record(ref: ReceiptRef): Promise<void>;
  };
  /** Digest preferences and the one-click unsubscribe (docs/notifications.md). */
  notifications: {
    /** The signed-in client's own frequency and the builder's default, `tenantDefault` (`GET /portal/notifications`). */
    get(): Promise<NotificationPreference>;
    /** Sets the signed-in client's own frequency (`PUT /portal/notifications`). */
    set(input: { frequency: Frequency }): Promise<NotificationPreference>;
    /** A client's frequency (staff, `GET /clients/:id/notifications`). */
    getFor(clientId: string): Promise<NotificationPreference>;
    /** Sets a client's frequency (staff, `PUT /clients/:id/notifications`). */
    setFor(clientId: string, input: { frequency: Frequency }): Promise<NotificationPreference>;
    /** The unsubscribe link's token: sets `off` without signing in. */
    unsubscribe(token: string): Promise<{ frequency: 'off' }>;
  };
  view: {
    /** The signed-in client, its projects and packed rules; rejects with `unauthenticated` otherwise. */
    me(): Promise<Me>;
    projects(): Promise<Project[]>;
    /** The first page of every section, or with `{ module, cursor }` (a cursor from `more`) the next page of one. */
    feed(projectId: string, query?: FeedQuery): Promise<Feed>;
    open(projectId: string, module: ModuleId, resourceId: string): Promise<OpenedResource>;
  };
}
