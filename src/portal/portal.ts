import type { AccessIndex } from '../access/access-index.js';
import type { Me, SignedIn } from '../model/signed-in.js';
import type { Action } from '../model/modules.js';
import type { ClientActor, StaffActor } from '../model/actor.js';
import type { AuditEvent } from '../model/audit.js';
import type { ApprovalExport, ApprovalView, ApproverEligibility, ApproversQuery, DecideApprovalInput, DecisionFacts, ListApprovalsInput, ReopenApprovalInput, RequestApprovalInput, WithdrawApprovalInput } from '../model/approval.js';
import type { Client, ClientDetails } from '../model/client.js';
import type { Feed, OpenedResource } from '../model/feed.js';
import type { FeedQuery } from '../model/feed-query.js';
import type { LinkInfo } from '../model/account-link.js';
import type {
  AccountEmailInput,
  AcceptInviteInput,
  AddClientInput,
  AuditListInput,
  ListClientsInput,
  ListSharesInput,
  ListUpdatesInput,
  ResetPasswordInput,
  ConfirmEmailInput,
  SaveRoleInput,
  SignInInput,
  UpdateClientInput,
} from '../model/inputs.js';
import type { InviteInfo } from '../model/invite.js';
import type { TenantLook } from '../model/tenant-look.js';
import type { FlushResult, MailJob, OutboxBacklog } from '../model/outbox.js';
import type { Page } from '../model/page.js';
import type { EventDeliveryState, StoredEvent } from '../model/portal-event.js';
import type { Receipt, ReceiptListInput, ReceiptRef } from '../model/receipt.js';
import type { PurgeOptions, PurgeResult } from '../model/retention.js';
import type { Project } from '../model/resource.js';
import type { Role } from '../model/role.js';
import type { Share, ShareInput, ShareStatus } from '../model/share.js';
import type { EditUpdateInput, Update, UpdateInput } from '../model/update.js';
import type { Frequency, NotificationPreference, SetNotificationsInput } from '../model/notification.js';


/**
 * The headless portal: what `createPortal` returns, and the surface the HTTP API (see
 * src/contract/api.ts) exposes method by method. Every call validates its input and checks the
 * actor first; failures are typed `SitegateError`s.
 */
export interface Portal {
  /** Builder staff manage clients: add (and invite), list, edit, grant and revoke project access. */
  clients: {
    list(actor: StaffActor, query?: ListClientsInput): Promise<Page<Client>>;
    /** An email the tenant already has returns that client, with the projects added (`created: false`). */
    add(actor: StaffActor, input: AddClientInput): Promise<Client & { created: boolean }>;
    /** The client with its effective permissions (module × actions). */
    get(actor: StaffActor, clientId: string): Promise<ClientDetails>;
    update(actor: StaffActor, clientId: string, input: UpdateClientInput): Promise<Client>;
    setProjects(actor: StaffActor, clientId: string, projectIds: string[]): Promise<Client>;
    /** Revoking a project the client does not hold changes nothing. */
    revokeProject(actor: StaffActor, clientId: string, projectId: string): Promise<Client>;
    /** First send or resend: the old link stops working. */
    sendInvite(actor: StaffActor, clientId: string): Promise<Client>;
    /** Mails an active client a password reset link (the same one `passwords.requestReset` sends). */
    sendPasswordReset(actor: StaffActor, clientId: string): Promise<Client>;
    /** No access, left out of lists, history kept; pending invite and links die. */
    archive(actor: StaffActor, clientId: string): Promise<Client>;
    /** Back in the list as it was, without access: portal access off until staff switch it on. */
    restore(actor: StaffActor, clientId: string): Promise<Client>;
  };
  /** Forgotten passwords: a single-use reset link, mailed through the outbox. */
  passwords: {
    /** Same answer and timing whether or not the email belongs to an account. */
    requestReset(input: AccountEmailInput): Promise<void>;
    /** What a reset link is, consuming nothing. */
    inspect(token: string): Promise<LinkInfo>;
    /** Sets the password and signs the client in; every other session ends. Once. */
    reset(token: string, input: ResetPasswordInput): Promise<SignedIn>;
  };
  /** Confirming a changed email address. */
  emails: {
    /** What a confirmation link is (`pending` with the new address, `used`, `expired`, `cancelled`), consuming nothing. */
    inspect(token: string): Promise<LinkInfo>;
    /**
     * Uses the link mailed to the new address: the address becomes the client's, and it is signed
     * in. The old password ends with the old address; `input.password` is the new one (checked
     * like any password). Without it no password works until the client sets one by reset link.
     */
    confirm(token: string, input?: ConfirmEmailInput): Promise<SignedIn>;
  };
  /** What public pages may learn of a builder. */
  tenants: {
    /** Name and brand for the sign-in and reset pages; `{}` for an unknown tenant (no error). */
    look(tenantId: string): Promise<TenantLook>;
  };
  /** The invitee's side of a link. */
  invites: {
    /** What the link is, consuming nothing (mail scanners open links too). */
    inspect(token: string): Promise<InviteInfo>;
    /** Sets the password, activates the client and signs it in; once. */
    accept(token: string, input: AcceptInviteInput): Promise<SignedIn>;
  };
  sessions: {
    signIn(input: SignInInput): Promise<SignedIn>;
    /** The client behind a session token, or `null`. */
    resolve(token: string): Promise<ClientActor | null>;
    signOut(token: string): Promise<void>;
    /** Mails a one-time sign-in link when the tenant allows links; same answer for every email. */
    requestLink(input: AccountEmailInput): Promise<void>;
    signInWithLink(token: string): Promise<SignedIn>;
    /** Ends every session of the client. */
    signOutEverywhere(actor: ClientActor): Promise<void>;
  };
  shares: {
    /** One share per input; the existing one where a resource is already shared. */
    share(actor: StaffActor, projectId: string, resources: ShareInput[]): Promise<Share[]>;
    unshare(actor: StaffActor, projectId: string, shareId: string): Promise<void>;
    /** The project's shares in the order they were made, a page at a time (`limit`, default 100; the next page with `cursor: page.nextCursor` while it is not `null`). */
    list(actor: StaffActor, projectId: string, filter?: ListSharesInput): Promise<Page<Share>>;
    /** Per resource: shared itself, through a shared folder, or not. */
    status(actor: StaffActor, projectId: string, module: string, ids: string[]): Promise<ShareStatus[]>;
  };
  updates: {
    /** A project's updates, newest first. */
    list(actor: StaffActor, projectId: string, page?: ListUpdatesInput): Promise<Page<Update>>;
    publish(actor: StaffActor, projectId: string, input: UpdateInput): Promise<Update>;
    /** Changes title, body or attachments (validated like `publish`); sets `editedAt`. */
    edit(actor: StaffActor, projectId: string, updateId: string, input: EditUpdateInput): Promise<Update>;
    /** Removes the update from the portal (a soft delete: nothing is destroyed); 404 once removed. */
    remove(actor: StaffActor, projectId: string, updateId: string): Promise<void>;
  };
  roles: {
    /** The built-in `client` role and the tenant's custom roles. */
    list(actor: StaffActor): Promise<Role[]>;
    save(actor: StaffActor, input: SaveRoleInput): Promise<Role>;
  };
  projects: {
    /** The tenant's projects from the content source, for pickers. */
    list(actor: StaffActor): Promise<Project[]>;
  };
  audit: {
    list(actor: StaffActor, query?: AuditListInput): Promise<Page<AuditEvent>>;
  };
  /** Read receipts: who opened what. `view.open` records too; listing the feed does not. */
  receipts: {
    /** A host-served file the client opened; `not_found` (nothing recorded) for one it may not see. */
    record(actor: ClientActor, ref: ReceiptRef): Promise<void>;
    /**
     * Who viewed what in the project, newest view first, a page at a time (`limit`, default
     * 100; the next page with `cursor: page.nextCursor` while it is not `null`).
     */
    list(actor: StaffActor, projectId: string, filter?: ReceiptListInput): Promise<Page<Receipt>>;
  };
  /** Digest preferences (docs/notifications.md). A client reads and sets its own; staff any client of the tenant. */
  notifications: {
    /** The client's frequency; `isDefault` when it follows the tenant's default, `tenantDefault` that default. Staff name the client. */
    get(actor: StaffActor | ClientActor, clientId?: string): Promise<NotificationPreference>;
    set(actor: StaffActor | ClientActor, input: SetNotificationsInput): Promise<NotificationPreference>;
    /** `get` for staff, the client named in the path (`GET /clients/:id/notifications`). */
    getFor(actor: StaffActor, clientId: string): Promise<NotificationPreference>;
    /** `set` for staff, the client named in the path (`PUT /clients/:id/notifications`). */
    setFor(actor: StaffActor, clientId: string, input: { frequency: Frequency }): Promise<NotificationPreference>;
    /** The one-click unsubscribe link of a digest: sets `off` without signing in; each token works once. */
    unsubscribe(token: string): Promise<{ frequency: 'off' }>;
  };
  /** Mail and events go through the outbox: `flush` delivers what is due now, `start` keeps doing so. */
  outbox: {
    /**
     * Sends the mail and delivers the events due now, `batchSize` (1–1000, default 25) at a time
     * (of one tenant with `tenantId`); what it did. Options out of range are a `TypeError`.
     */
    flush(options?: { batchSize?: number; tenantId?: string }): Promise<FlushResult>;
    /**
     * Runs `flush` every `intervalMs` (default 1 s) until `stop()`, which waits only for the
     * batch being delivered. Errors go to `onError` and the loop goes on. With `tenantIds`, each
     * tick flushes those tenants one by one. Run it in every process that should send.
     */
    start(options?: { intervalMs?: number; batchSize?: number; tenantIds?: readonly string[] }): { stop: () => Promise<void> };
    /** The tenant's mail jobs, newest first: their state, attempts and last error (no tokens). */
    list(tenantId: string, query?: { state?: MailJob['state']; clientId?: string }): Promise<MailJob[]>;
    /**
     * How far behind the mail and event queues are, of every tenant or of one: due, retrying,
     * in flight and given-up counts, and when the longest-waiting item fell due. For monitoring
     * (one aggregate per queue), not per request.
     */
    backlog(options?: { tenantId?: string }): Promise<OutboxBacklog>;
    /** The tenant's events for `onEvent`, oldest first: their state, attempts and last error. */
    events(tenantId: string, query?: { state?: EventDeliveryState }): Promise<StoredEvent[]>;
    /**
     * Given-up (`failed`) events of the tenant, or those of `ids`, delivered again: back in the
     * queue with a fresh set of attempts, oldest first, ahead of the tenant's newer events.
     */
    retryEvents(tenantId: string, options?: { ids?: readonly string[] }): Promise<{ requeued: number }>;
  };
  /** Deleting what has ended and nothing reads again (docs/retention.md): run `purge` daily. */
  retention: {
    /** Expired sessions, invites, links and tokens, settled mail, digested notifications and delivered events, ended over `keepDays` (30) ago. */
    purge(options?: PurgeOptions): Promise<PurgeResult>;
  };
  /** Putting a resource to named clients for a decision, with append-only evidence (docs/approvals.md). */
  approvals: {
    /** Freezes the resource as it is now (snapshot + SHA-256); every approver must be able to approve it. */
    request(actor: StaffActor, projectId: string, input: RequestApprovalInput): Promise<ApprovalView>;
    /** Staff: each active client of the project, with the `code` a request naming it would be refused with (none: it can decide). */
    approvers(actor: StaffActor, projectId: string, query: ApproversQuery): Promise<ApproverEligibility[]>;
    /** Staff: every approval of the project. Clients: those asking them. */
    list(actor: StaffActor | ClientActor, projectId: string, query?: ListApprovalsInput): Promise<ApprovalView[]>;
    /** The client's side of `list`: approvals asking this client, on resources it can still see. */
    listMine(actor: ClientActor, projectId: string, query?: ListApprovalsInput): Promise<ApprovalView[]>;
    /** A named client approves or declines; `facts` (ip, user agent) are kept as evidence. */
    decide(actor: ClientActor, projectId: string, approvalId: string, input: DecideApprovalInput, facts?: DecisionFacts): Promise<ApprovalView>;
    /** An open approval taken back: no more decisions, out of "Waiting on you"; its decisions are kept. */
    withdraw(actor: StaffActor, projectId: string, approvalId: string, input?: WithdrawApprovalInput): Promise<ApprovalView>;
    /** A settled, expired or withdrawn approval asked again (next round), keeping every earlier decision. */
    reopen(actor: StaffActor, projectId: string, approvalId: string, input: ReopenApprovalInput): Promise<ApprovalView>;
    /** One approval with all its evidence, as a JSON document to keep. */
    export(actor: StaffActor, projectId: string, approvalId: string): Promise<ApprovalExport>;
  };
  /** The signed-in client's portal. */
  view: {
    projects(actor: ClientActor): Promise<Project[]>;
    /** Only modules that are enabled and allowed, only what is shared. */
    feed(actor: ClientActor, projectId: string, query?: FeedQuery): Promise<Feed>;
    /** One resource; a folder comes with its visible children. */
    open(actor: ClientActor, projectId: string, module: string, resourceId: string): Promise<OpenedResource>;
    /** The client, its projects and its packed CASL rules. */
    me(actor: ClientActor): Promise<Me>;
  };
  /** May `actor` (staff, client, or `null` for anonymous) do `action` on this resource? Hosts ask before serving a file; `false` for a bad target. */
  can(actor: unknown, action: Action, target: { projectId: string; module: string; id: string }): Promise<boolean>;
  /** A client's access loaded once, for many synchronous checks of resources resolved through it. */
  access(actor: ClientActor): Promise<AccessIndex>;
  /** The clock this portal runs on. */
  now(): Date;
}
