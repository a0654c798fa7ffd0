import type { Account, Session } from '../model/account.js';
import type { AuditEvent } from '../model/audit.js';
import type { ClientRecord, ClientStatus } from '../model/client.js';
import type { Invite } from '../model/invite.js';
import type { MailJob, MailJobState } from '../model/outbox.js';
import type { ResourceRef } from '../model/resource.js';
import type { Role } from '../model/role.js';
import type { Share } from '../model/share.js';
import type { ModuleId } from '../model/modules.js';
import type { Update } from '../model/update.js';

/** One page of a keyset-paginated list. `nextCursor` is opaque; `null` on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ClientListQuery {
  projectId?: string;
  /** `invited` and `expired` are told apart with `now` and `inviteExpiresAt`. */
  status?: ClientStatus;
  /** Case-insensitive substring of email or name. */
  q?: string;
  limit: number;
  cursor?: string;
  now: Date;
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
 * Everything sitegate stores, as domain-named operations. Every method is scoped by tenant
 * (outbox claiming aside, which serves all tenants); not-found is `null`, never an error.
 * Adapters throw `StorageError` (or `ConflictError` for a unique clash) and nothing else.
 *
 * Lists return records in a stable order:
 * - clients: by `createdAt`, then `id`;
 * - shares: by `createdAt`, then `id`;
 * - updates: newest `publishedAt` first, then `id` descending;
 * - audit: newest `at` first, then `id` descending.
 */
export interface StorageOps {
  // clients (project access travels with the client record)
  /**
   * Inside a transaction, `getClient` and `getClientByEmail` also lock the client until the
   * transaction ends (SQL: `FOR UPDATE`): services read a client, change it and save it, and a
   * concurrent change (an accept, a revoke) must not be overwritten with what was read before it.
   */
  getClient(tenantId: string, clientId: string): Promise<ClientRecord | null>;
  getClientByEmail(tenantId: string, email: string): Promise<ClientRecord | null>;
  /** Inserts, or replaces the client with the same id. A second client with the same email throws ConflictError. */
  saveClient(client: ClientRecord): Promise<void>;
  listClients(tenantId: string, query: ClientListQuery): Promise<Page<ClientRecord>>;

  // roles (the built-in `client` role is not stored)
  getRole(tenantId: string, roleId: string): Promise<Role | null>;
  saveRole(role: Role): Promise<void>;
  listRoles(tenantId: string): Promise<Role[]>;

  // invites
  insertInvite(invite: Invite): Promise<void>;
  getInvite(tenantId: string, inviteId: string): Promise<Invite | null>;
  getInviteByTokenHash(tenantId: string, tokenHash: string): Promise<Invite | null>;
  /** Stores the hash of a freshly minted token, only while the invite is still `pending`. */
  setInviteTokenHash(tenantId: string, inviteId: string, tokenHash: string): Promise<boolean>;
  /** Marks every `pending` invite of the client `superseded` (their links die). Returns how many. */
  supersedeInvites(tenantId: string, clientId: string): Promise<number>;
  /**
   * The one atomic step of accepting: the invite with this token hash becomes `accepted` only if
   * it is `pending` and `expiresAt > now`. Returns the updated invite, or `null` when nothing
   * matched. Of two concurrent calls, at most one gets the invite.
   */
  acceptInvite(tenantId: string, tokenHash: string, now: Date): Promise<Invite | null>;

  // accounts and sessions
  getAccount(tenantId: string, clientId: string): Promise<Account | null>;
  saveAccount(account: Account): Promise<void>;
  insertSession(session: Session): Promise<void>;
  getSessionByTokenHash(tenantId: string, tokenHash: string): Promise<Session | null>;
  deleteSession(tenantId: string, tokenHash: string): Promise<boolean>;
  deleteClientSessions(tenantId: string, clientId: string): Promise<number>;

  // shares
  /**
   * Stores the share unless the same resource (tenant, project, module, resourceId) is already
   * shared; returns the stored share, so concurrent calls all get the one that won.
   */
  insertShare(share: Share): Promise<Share>;
  getShare(tenantId: string, shareId: string): Promise<Share | null>;
  /**
   * The shares among `refs` in one project (a resource and its ancestor folders, say), in the
   * order of `refs`; refs with no share contribute nothing.
   */
  findShares(tenantId: string, projectId: string, refs: ResourceRef[]): Promise<Share[]>;
  listShares(tenantId: string, projectId: string, filter?: { module?: ModuleId }): Promise<Share[]>;
  deleteShare(tenantId: string, shareId: string): Promise<boolean>;

  // updates
  insertUpdate(update: Update): Promise<void>;
  listUpdates(tenantId: string, projectId: string, page: { limit: number; cursor?: string }): Promise<Page<Update>>;
  /** Which of `refs` are attached to some update of the project. */
  findAttached(tenantId: string, projectId: string, refs: ResourceRef[]): Promise<ResourceRef[]>;

  // audit
  insertAudit(event: AuditEvent): Promise<void>;
  listAudit(tenantId: string, query: AuditQuery): Promise<Page<AuditEvent>>;

  // outbox
  insertMailJob(job: MailJob): Promise<void>;
  /** Inside a transaction, also locks the job until the transaction ends (SQL: `FOR UPDATE`). */
  getMailJob(tenantId: string, jobId: string): Promise<MailJob | null>;
  saveMailJob(job: MailJob): Promise<void>;
  listMailJobs(tenantId: string, query?: MailJobQuery): Promise<MailJob[]>;
  /**
   * Claims up to `limit` jobs of any tenant that are due (`pending` with `runAt <= now`, or
   * `sending` whose lease `runAt` has lapsed), oldest `runAt` first, setting them `sending` with
   * `runAt = leaseUntil` and `attempts + 1`. Two concurrent callers never get the same job.
   */
  claimMailJobs(now: Date, limit: number, leaseUntil: Date): Promise<MailJob[]>;
}

/** A storage adapter: the operations, plus transactions that commit all or nothing. */
export interface Storage extends StorageOps {
  /** Adapter name for messages and benchmarks, e.g. `memory`, `postgres`, `pglite`. */
  readonly name: string;
  /**
   * Runs `fn` in one transaction: everything it did is kept if it resolves and undone if it
   * throws (the error is rethrown). Nested calls on the `tx` join the outer transaction.
   */
  transaction<T>(fn: (tx: StorageOps) => Promise<T>): Promise<T>;
  /** Releases connections the adapter opened itself. */
  close(): Promise<void>;
}
