import type { Account, Session } from '../model/account.js';
import type { Approval, ApprovalDecision } from '../model/approval.js';
import type { AccountLink, AccountLinkPurpose } from '../model/account-link.js';
import type { AuditEvent } from '../model/audit.js';
import type { ClientRecord, StoredClientStatus } from '../model/client.js';
import type { Invite } from '../model/invite.js';
import type { MailJob, MailJobState, QueueBacklog } from '../model/outbox.js';
import type { ResourceRef } from '../model/resource.js';
import type { Receipt } from '../model/receipt.js';
import type { EventDeliveryState, StoredEvent } from '../model/portal-event.js';
import type { Role } from '../model/role.js';
import type { Share } from '../model/share.js';
import type { ModuleId } from '../model/modules.js';
import type { Update } from '../model/update.js';
import type { Page } from '../model/page.js';
import type { VisitStore } from './visit-store.js';
import type { NotificationStore } from './notification-store.js';
import type { FeedStore } from './feed-store.js';
import type { GrantStore } from './grant-store.js';
import type { RetentionStore } from './retention-store.js';

export type { Page };
export type { ProjectVisit } from '../model/visit.js';
export type { VisitStore, VisitWindow } from './visit-store.js';
export type { FeedStore, FeedRead } from './feed-store.js';
export type { GrantStore, GrantRead, ReceiptKey } from './grant-store.js';
export type { RetentionStore, PurgeQuery, PurgeCounts } from './retention-store.js';

/**
 * Which clients `listClients` returns: every field is a plain comparison with a stored field,
 * and all given fields must hold. The core turns a person's status (`invited`, `expired`, …)
 * into these, so a store knows nothing of clocks or expiry rules.
 */
export interface ClientListQuery {
  /** Only clients whose `projectIds` include this project. */
  projectId?: string;
  /** Only clients whose `storedStatus(client)` is this (a pure function of the record). */
  status?: StoredClientStatus;
  /** Only clients whose `storedStatus(client)` is not this (lists leave archived clients out). */
  notStatus?: StoredClientStatus;
  /** Only clients with `inviteExpiresAt` set and later than this instant (`>`). */
  inviteExpiresAfter?: Date;
  /** Only clients with `inviteExpiresAt` set and at or before this instant (`<=`). */
  inviteExpiresAtOrBefore?: Date;
  /**
   * Only clients whose email or name contains this text, compared case-insensitively by
   * `toLowerCase()` (Unicode, not only ASCII). Every character is literal: `%`, `_` and `\`
   * match themselves, never as wildcards.
   */
  q?: string;
  /** Page size, at least 1. */
  limit: number;
  /** `nextCursor` of the previous page. One this store did not make is a `BadRequestError`. */
  cursor?: string;
}

export interface AuditQuery {
  projectId?: string;
  clientId?: string;
  limit: number;
  cursor?: string;
}

export interface MailJobQuery {
  state?: MailJobState;
  clientId?: string;
}

/**
 * Clients, with their project access on the record. Listed by `createdAt`, then `id`.
 *
 * The `…ForUpdate` reads are for read-modify-write inside a transaction: they lock the record
 * until the transaction ends (SQL: `SELECT … FOR UPDATE`; a store that runs one transaction at
 * a time needs nothing more), so a concurrent transaction that reads the same record for update
 * waits and then sees this one's write, instead of overwriting it with what it read before.
 * Outside a transaction they are plain reads.
 */
export interface ClientStore {
  getClient(tenantId: string, clientId: string): Promise<ClientRecord | null>;
  /**
   * `getClient` for many ids in one read (SQL: one statement): the tenant's clients among
   * `clientIds`, in no particular order; unknown ids are left out. For workers that handle a
   * batch of clients at once (digests), where one read per client would cost a round trip each.
   */
  getClients(tenantId: string, clientIds: readonly string[]): Promise<ClientRecord[]>;
  getClientByEmail(tenantId: string, email: string): Promise<ClientRecord | null>;
  /** `getClient`, locking the client until the transaction ends. */
  getClientForUpdate(tenantId: string, clientId: string): Promise<ClientRecord | null>;
  /** `getClientByEmail`, locking the client until the transaction ends. */
  getClientByEmailForUpdate(tenantId: string, email: string): Promise<ClientRecord | null>;
  /** The client (another one, or the same) waiting to confirm `email` as its new address. */
  getClientByPendingEmail(tenantId: string, email: string): Promise<ClientRecord | null>;
  /**
   * Inside a transaction: holds the address until the transaction ends, so two transactions
   * claiming one address — a new client, another's email change — run one after the other and
   * the second sees the first (no index can say "unique across `email` and `pendingEmail`").
   * Optional: an adapter whose transactions never overlap (memory) needs none.
   */
  lockEmail?(tenantId: string, email: string): Promise<void>;
  /**
   * Inserts, or replaces the client with the same id (email and project access included). A
   * second client of the tenant with the same email throws `ConflictError` and stores nothing.
   */
  saveClient(client: ClientRecord): Promise<void>;
  listClients(tenantId: string, query: ClientListQuery): Promise<Page<ClientRecord>>;
}

/** Custom roles (the built-in `client` role is not stored). Listed by `id`. */
export interface RoleStore {
  getRole(tenantId: string, roleId: string): Promise<Role | null>;
  /** Inserts, or replaces the role with the same id. */
  saveRole(role: Role): Promise<void>;
  listRoles(tenantId: string): Promise<Role[]>;
}

/** Invites: single-use links, found by the hash of their token. */
export interface InviteStore {
  /** A second invite with the same id throws `ConflictError`. */
  insertInvite(invite: Invite): Promise<void>;
  getInvite(tenantId: string, inviteId: string): Promise<Invite | null>;
  getInviteByTokenHash(tenantId: string, tokenHash: string): Promise<Invite | null>;
  /** Stores the hash of a freshly minted token, only while the invite is still `pending`. */
  setInviteTokenHash(tenantId: string, inviteId: string, tokenHash: string): Promise<boolean>;
  /**
   * Marks every `pending` invite of the client `superseded` (their links die), or `cancelled`
   * when `status` says so (portal access switched off). Returns how many.
   */
  supersedeInvites(tenantId: string, clientId: string, status?: 'superseded' | 'cancelled'): Promise<number>;
  /**
   * The one atomic step of accepting: the invite with this token hash becomes `accepted` (with
   * `acceptedAt = now`) only if it is `pending` and `expiresAt > now`. Returns the updated
   * invite, or `null` when nothing matched. Of concurrent calls, at most one gets the invite.
   */
  acceptInvite(tenantId: string, tokenHash: string, now: Date): Promise<Invite | null>;
}

/** Accounts (one per client that accepted) and sessions, found by the hash of their token. */
export interface AccountStore {
  getAccount(tenantId: string, clientId: string): Promise<Account | null>;
  /** Inserts, or replaces the account of the same client. */
  saveAccount(account: Account): Promise<void>;
  insertSession(session: Session): Promise<void>;
  getSessionByTokenHash(tenantId: string, tokenHash: string): Promise<Session | null>;
  /**
   * `getSessionByTokenHash` and the session's client (`getClient`) in one read (SQL: one
   * statement): what every signed-in request checks first. `client` is `null` when the
   * session's client is gone; `null` when there is no such session.
   */
  getSessionWithClient(tenantId: string, tokenHash: string): Promise<{ session: Session; client: ClientRecord | null } | null>;
  /** Whether a session was deleted. */
  deleteSession(tenantId: string, tokenHash: string): Promise<boolean>;
  /** How many sessions of the client were deleted. */
  deleteClientSessions(tenantId: string, clientId: string): Promise<number>;
}

/**
 * Account links (password reset, sign-in link, email confirmation): single-use, found by the
 * hash of their token, like invites. Listed by `createdAt`, then `id`.
 */
export interface AccountLinkStore {
  /** A second link with the same id throws `ConflictError`. */
  insertAccountLink(link: AccountLink): Promise<void>;
  getAccountLink(tenantId: string, linkId: string): Promise<AccountLink | null>;
  getAccountLinkByTokenHash(tenantId: string, tokenHash: string): Promise<AccountLink | null>;
  /** Stores the hash of a freshly minted token, only while the link is still `pending`. */
  setAccountLinkTokenHash(tenantId: string, linkId: string, tokenHash: string): Promise<boolean>;
  /**
   * Marks the client's `pending` links `status` (`superseded`: a newer one replaces them;
   * `cancelled`: access ended), only those of `purpose` when given. Returns how many.
   */
  endAccountLinks(tenantId: string, clientId: string, status: 'superseded' | 'cancelled', purpose?: AccountLinkPurpose): Promise<number>;
  /**
   * The one atomic step of using a link: the link with this token hash and `purpose` becomes
   * `used` (with `usedAt = now`) only if it is `pending` and `expiresAt > now`. Returns the
   * updated link, or `null` when nothing matched. Of concurrent calls, at most one gets it.
   */
  useAccountLink(tenantId: string, tokenHash: string, purpose: AccountLinkPurpose, now: Date): Promise<AccountLink | null>;
  /** The client's links, for support pages and tests. */
  listAccountLinks(tenantId: string, clientId: string): Promise<AccountLink[]>;
}

/** Shares: grants that make one host resource visible in a project. Listed by `createdAt`, then `id`. */
export interface ShareStore {
  /**
   * Stores the share unless the same resource (tenant, project, module, resourceId) is already
   * shared; returns the stored share, so concurrent calls all get the one that won.
   */
  insertShare(share: Share): Promise<Share>;
  /**
   * `insertShare`, and — only when this very share is stored, not one already there — also
   * `insertAudit(audit)`, as one atomic step (SQL: one statement). Answers as `insertShare`.
   */
  insertShareAudited(share: Share, audit: AuditEvent): Promise<Share>;
  getShare(tenantId: string, shareId: string): Promise<Share | null>;
  /**
   * The shares among `refs` in one project (a resource and its ancestor folders, say), in the
   * order of `refs`; refs with no share contribute nothing.
   */
  findShares(tenantId: string, projectId: string, refs: ResourceRef[]): Promise<Share[]>;
  listShares(tenantId: string, projectId: string, filter?: { module?: ModuleId }): Promise<Share[]>;
  /**
   * One page of `listShares`, for staff lists: `limit` shares after the one `cursor` names, with
   * cursors as `encodeTimeCursor(createdAt, id)` makes them. Optional: without it the service
   * pages `listShares`'s whole answer.
   */
  pageShares?(tenantId: string, projectId: string, query: SharePageQuery): Promise<Page<Share>>;
  /** Whether a share was deleted. */
  deleteShare(tenantId: string, shareId: string): Promise<boolean>;
  /**
   * Inside a transaction: orders it with others that take away or rely on access to a project's
   * resources, until it ends. A `'change'` (an unshare, an update's attachments edited or
   * removed; `projectId: null` for the whole tenant, as a role edit) waits for every `'rely'`
   * on what it covers, and they for it; `'rely'`s never wait for each other. A decision on an
   * approval relies: it re-reads access after this, so an unshare that returned first is seen,
   * and one that comes later waits until the decision is recorded. Optional: an adapter whose
   * transactions never overlap (memory) needs none.
   */
  holdAccess?(tenantId: string, projectId: string | null, use: 'rely' | 'change'): Promise<void>;
}

/**
 * Portal updates of a project. Listed newest `publishedAt` first, then `id` descending; removed
 * updates are never listed.
 */
export interface UpdateStore {
  insertUpdate(update: Update): Promise<void>;
  listUpdates(tenantId: string, projectId: string, page: { limit: number; cursor?: string }): Promise<Page<Update>>;
  /** Which of `refs` are attached to some update of the project: each once, in the order of `refs`. */
  findAttached(tenantId: string, projectId: string, refs: ResourceRef[]): Promise<ResourceRef[]>;
  /** One update; `null` when there is none or it was removed (digests and edits read this). */
  getUpdate(tenantId: string, updateId: string): Promise<Update | null>;
  /**
   * Changes a live update of the project: the fields given replace the stored ones (`title:
   * null` clears it), `editedAt` is set. Returns the update as stored, or `null` when the project
   * has no such update or it was removed.
   */
  editUpdate(tenantId: string, projectId: string, updateId: string, changes: UpdateChanges): Promise<Update | null>;
  /**
   * Removes a live update of the project — a soft delete: the record stays, but no read
   * (`getUpdate`, `listUpdates`, `findAttached`) sees it again. Whether it was live until now;
   * of concurrent calls, exactly one gets `true`.
   */
  removeUpdate(tenantId: string, projectId: string, updateId: string, removedAt: Date): Promise<boolean>;
}

/** What `editUpdate` changes; a field left out keeps its value. */
export interface UpdateChanges {
  title?: string | null;
  body?: string;
  resources?: ResourceRef[];
  editedAt: Date;
}

/** The audit trail. Listed newest `at` first, then `id` descending. */
export interface AuditStore {
  insertAudit(event: AuditEvent): Promise<void>;
  listAudit(tenantId: string, query: AuditQuery): Promise<Page<AuditEvent>>;
}

/** The mail outbox. `listMailJobs` orders by `createdAt`, then `id`. */
export interface OutboxStore {
  insertMailJob(job: MailJob): Promise<void>;
  /**
   * `insertMailJob` for many jobs (distinct ids) at once: one statement on SQL, so a digest
   * assembly of hundreds of clients writes its jobs in one round trip.
   */
  insertMailJobs(jobs: MailJob[]): Promise<void>;
  getMailJob(tenantId: string, jobId: string): Promise<MailJob | null>;
  /**
   * `getMailJob`, locking the job until the transaction ends: the outbox reads a job, checks it
   * still holds the claim, then writes, and a re-claim must not slip in between.
   */
  getMailJobForUpdate(tenantId: string, jobId: string): Promise<MailJob | null>;
  /** Inserts, or replaces the job with the same id. */
  saveMailJob(job: MailJob): Promise<void>;
  listMailJobs(tenantId: string, query?: MailJobQuery): Promise<MailJob[]>;
  /**
   * Claims up to `limit` jobs of any tenant that are due (`pending` with `runAt <= now`, or
   * `sending` whose lease has lapsed: `runAt <= now`), oldest `runAt` first (then `id`), setting
   * them `sending` with `runAt = leaseUntil`, `attempts + 1` and `updatedAt = now`. Two
   * concurrent callers never get the same job.
   * With `tenantId`, only that tenant's jobs: on a database distributed by tenant (Citus), such
   * a claim stays on the tenant's shard, where row locks work (see docs/scaling.md).
   */
  claimMailJobs(now: Date, limit: number, leaseUntil: Date, tenantId?: string): Promise<MailJob[]>;
  /**
   * Records the outcomes of claims of the tenant's jobs (distinct jobs) — each only while its job
   * is still `sending` with the claim's `attempts` (a worker that outlived its lease must not
   * overwrite a newer attempt): sets `state`, `updatedAt` and `lastError` (absent clears it),
   * `runAt` when given (a retry's next attempt; otherwise the lease end stays) and `providerId`
   * when given. One statement on SQL, fenced by its own WHERE: no read, and no lock held past it,
   * so the outcomes of a batch of digests are one round trip. Per outcome, in order, whether it
   * was recorded.
   */
  settleMailJobs(tenantId: string, outcomes: readonly MailJobOutcome[]): Promise<boolean[]>;
  /**
   * Counts the mail jobs of every tenant (of one with `tenantId`) as at `now`: `due` (`pending`
   * or `sending` with `runAt <= now`), `retrying` (`pending`, later), `inFlight` (`sending`,
   * later), `failed`, and the earliest `runAt` among the due. For monitoring, not per request.
   */
  mailBacklog(now: Date, tenantId?: string): Promise<QueueBacklog>;
}

/** What `settleMailJobs` records of one claimed mail job. */
export interface MailJobOutcome {
  jobId: string;
  /** The claim's `attempts`: only that claim may record its outcome. */
  attempts: number;
  state: Exclude<MailJobState, 'sending'>;
  updatedAt: Date;
  runAt?: Date;
  lastError?: string;
  providerId?: string;
}

/** A page of a project's shares (`pageShares`), of one module with `module`. */
export interface SharePageQuery {
  module?: ModuleId;
  /** Page size, at least 1. */
  limit: number;
  /** `nextCursor` of the previous page. One this store did not make is a `BadRequestError`. */
  cursor?: string;
}

/** Which receipts `listReceipts` returns: all given fields must hold. */
export interface ReceiptQuery {
  module?: ModuleId;
  /** The resource's id. */
  id?: string;
  clientId?: string;
  /** Any of these resources' ids (with `id` too, both must hold). */
  ids?: readonly string[];
}

/** A page of `listReceipts`: `limit` receipts in its order, after the one `cursor` names. */
export interface ReceiptPageQuery extends ReceiptQuery {
  /** Page size, at least 1. */
  limit: number;
  /** `nextCursor` of the previous page. One this store did not make is a `BadRequestError`. */
  cursor?: string;
}

/**
 * Read receipts: one per client and resource of a project. Listed newest `lastViewedAt` first,
 * then `clientId`, `module`, `id`.
 */
export interface ReceiptStore {
  /**
   * Records that the client viewed the resource at `view.lastViewedAt`: a first view stores the
   * receipt as given (`created`); a receipt whose `lastViewedAt` is at or before `quietSince`
   * gets `lastViewedAt` from `view` and `views + 1` (`updated`); any other (viewed since
   * `quietSince`) is left as it is and nothing is written, not even a row lock (`throttled`).
   * Of concurrent first views exactly one is `created`; of concurrent later ones at most one
   * is `updated`.
   */
  recordView(view: Receipt, quietSince: Date): Promise<'created' | 'updated' | 'throttled'>;
  listReceipts(tenantId: string, projectId: string, query?: ReceiptQuery): Promise<Receipt[]>;
  /**
   * One page of `listReceipts`, for staff lists: a project holds a receipt per client and
   * resource, too many to send at once. Cursors as `encodeKeyCursor(lastViewedAt, [clientId, module, id])` makes them. Optional:
   * without it the service pages `listReceipts`'s whole answer, which reads every match.
   */
  pageReceipts?(tenantId: string, projectId: string, query: ReceiptPageQuery): Promise<Page<Receipt>>;
}

/**
 * Events for the host (`onEvent`), each tenant's in the order they were inserted, delivered one
 * at a time per tenant: an event is claimed only when every earlier event of its tenant is
 * `delivered` or `failed`.
 */
export interface EventStore {
  /** Appends the event to its tenant's queue. A second event with the same id throws `ConflictError`. */
  insertEvent(event: StoredEvent): Promise<void>;
  /** The tenant's events in insertion order, for support pages and tests. */
  listEvents(tenantId: string, query?: { state?: EventDeliveryState }): Promise<StoredEvent[]>;
  /**
   * Claims, for up to `limit` tenants, the tenant's first event not yet `delivered` or `failed`
   * when it is due (`pending` with `runAt <= now`, or `delivering` whose lease has lapsed:
   * `runAt <= now`): it becomes `delivering` with `runAt = leaseUntil`, `attempts + 1` and
   * `updatedAt = now`. A tenant whose first such event is not due (retrying later, or leased to
   * a worker) has nothing claimed, so its later events wait. Oldest `runAt` first. Concurrent
   * callers never get the same event, nor two events of one tenant. With `tenantId`, only that
   * tenant's queue (its shard, on a database distributed by tenant).
   */
  claimEvents(now: Date, limit: number, leaseUntil: Date, tenantId?: string): Promise<StoredEvent[]>;
  /**
   * Records the outcome of a claim — only while the event is still `delivering` with the
   * claim's `attempts` (a worker that outlived its lease must not overwrite a newer attempt):
   * sets `state`, `runAt`, `updatedAt` and `lastError` (absent clears it). Whether it did.
   */
  settleEvent(
    tenantId: string,
    eventId: string,
    attempts: number,
    outcome: { state: 'delivered' | 'pending' | 'failed'; runAt: Date; updatedAt: Date; lastError?: string },
  ): Promise<boolean>;
  /** `mailBacklog` for events: `delivering` is in flight. */
  eventBacklog(now: Date, tenantId?: string): Promise<QueueBacklog>;
  /**
   * Puts the tenant's `failed` events (those of `ids` only, when given) back in its queue:
   * `pending`, `attempts` 0, `updatedAt` now, `lastError` kept, due at `now` — or, while another
   * event of the tenant is `delivering`, at the latest such lease's end, so a claim never hands
   * out two events of one tenant at once. They keep their place, so the oldest goes first and
   * the tenant's later events wait for it. How many.
   */
  retryFailedEvents(tenantId: string, now: Date, ids?: readonly string[]): Promise<number>;
}

/** Which approvals of a project `listApprovals` returns: all given fields must hold. */
export interface ApprovalQuery {
  module?: ModuleId;
  resourceId?: string;
  /** Only approvals whose `approvers` include this client. */
  clientId?: string;
}

/**
 * Approvals, and their decisions as append-only evidence (no operation changes or removes a
 * decision). Approvals are listed by `requestedAt`, then `id`; decisions by `decidedAt`, then `id`.
 */
export interface ApprovalStore {
  /** A second approval with the same id throws `ConflictError`. */
  insertApproval(approval: Approval): Promise<void>;
  getApproval(tenantId: string, approvalId: string): Promise<Approval | null>;
  /** `getApproval`, locking the approval until the transaction ends: decisions are taken under this lock. */
  getApprovalForUpdate(tenantId: string, approvalId: string): Promise<Approval | null>;
  /** Replaces the stored approval with the same id; whether there was one. */
  saveApproval(approval: Approval): Promise<boolean>;
  listApprovals(tenantId: string, projectId: string, query?: ApprovalQuery): Promise<Approval[]>;
  /**
   * Appends a decision unless the client already decided this approval in this round (or a
   * decision with this id exists): `true` when stored. Of concurrent calls for one client and
   * round, exactly one stores.
   */
  insertApprovalDecision(decision: ApprovalDecision): Promise<boolean>;
  /** The decisions of these approvals (every round). */
  listApprovalDecisions(tenantId: string, approvalIds: string[]): Promise<ApprovalDecision[]>;
}

/**
 * Everything sitegate stores, as domain-named operations grouped by aggregate. Every method is
 * scoped by tenant (outbox claiming aside, which serves all tenants); not-found is `null`, never
 * an error. Records come back equal to what was stored: dates to the millisecond, optional
 * fields absent (never `null`), and copies (changing one changes nothing stored).
 * Adapters throw `StorageError` (`ConflictError` for a unique clash, `BadRequestError` for a
 * cursor they did not make) and nothing else. `storageConformance` from `sitegate/testing`
 * checks every rule written here; docs/adapters.md lists them.
 */
export interface StorageOps extends ClientStore, RoleStore, InviteStore, AccountStore, AccountLinkStore, ShareStore, UpdateStore, AuditStore, OutboxStore, ReceiptStore, EventStore, ApprovalStore, VisitStore, NotificationStore, FeedStore, GrantStore, RetentionStore {}

/**
 * A storage adapter: the operations, plus transactions that commit all or nothing and are
 * isolated from one another.
 */
export interface Storage extends StorageOps {
  /** Adapter name for messages and benchmarks, e.g. `memory`, `postgres`, `pglite`. */
  readonly name: string;
  /**
   * Runs `fn` in one transaction: everything it did is kept if it resolves and undone if it
   * throws (the error is rethrown). Nested calls on the `tx` join the outer transaction.
   *
   * Isolation: nothing it writes is seen outside it before it commits (a read from outside
   * either does not see the write or waits for the transaction to end); the `…ForUpdate` reads
   * lock as documented on them; a `ConflictError` caught inside leaves the transaction usable,
   * with its earlier writes intact.
   */
  transaction<T>(fn: (tx: StorageOps) => Promise<T>): Promise<T>;
  /** Releases connections the adapter opened itself. */
  close(): Promise<void>;
}
