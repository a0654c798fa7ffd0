import type { AccessIndex } from '../access/access-index.js';
import type { SessionToken } from '../model/account.js';
import type { Action } from '../model/modules.js';
import type { ClientActor, StaffActor } from '../model/actor.js';
import type { AuditEvent } from '../model/audit.js';
import type { Client, ClientDetails } from '../model/client.js';
import type { Feed, OpenedResource } from '../model/feed.js';
import type {
  AcceptInviteInput,
  AddClientInput,
  AuditListInput,
  ListClientsInput,
  ListUpdatesInput,
  SaveRoleInput,
  SignInInput,
  UpdateClientInput,
} from '../model/inputs.js';
import type { InviteInfo } from '../model/invite.js';
import type { FlushResult, MailJob } from '../model/outbox.js';
import type { Page } from '../model/page.js';
import type { Project } from '../model/resource.js';
import type { Role } from '../model/role.js';
import type { PackedRules } from '../model/rules.js';
import type { Share, ShareInput, ShareStatus } from '../model/share.js';
import type { Update, UpdateInput } from '../model/update.js';

/** A client signed in by accepting an invite or with a password; the session token is shown once. */
export interface SignedIn {
  client: Client;
  session: SessionToken;
}

/**
 * The headless portal: what `createPortal` returns, and the surface the HTTP API (see
 * src/contract/api.ts) exposes method by method. Every call validates its input and checks the
 * actor first; failures are typed `SitegateError`s.
 */
export interface Portal {
  /** Builder staff manage clients: add (and invite), list, edit, grant and revoke project access. */
  clients: {
    list(actor: StaffActor, query?: ListClientsInput): Promise<Page<Client>>;
    /** An email the tenant already has returns that client, with the projects added. */
    add(actor: StaffActor, input: AddClientInput): Promise<Client>;
    /** The client with its effective permissions (module × actions). */
    get(actor: StaffActor, clientId: string): Promise<ClientDetails>;
    update(actor: StaffActor, clientId: string, input: UpdateClientInput): Promise<Client>;
    setProjects(actor: StaffActor, clientId: string, projectIds: string[]): Promise<Client>;
    /** Revoking a project the client does not hold changes nothing. */
    revokeProject(actor: StaffActor, clientId: string, projectId: string): Promise<Client>;
    /** First send or resend: the old link stops working. */
    sendInvite(actor: StaffActor, clientId: string): Promise<Client>;
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
  };
  shares: {
    /** One share per input; the existing one where a resource is already shared. */
    share(actor: StaffActor, projectId: string, resources: ShareInput[]): Promise<Share[]>;
    unshare(actor: StaffActor, projectId: string, shareId: string): Promise<void>;
    list(actor: StaffActor, projectId: string, filter?: { module?: string }): Promise<Share[]>;
    /** Per resource: shared itself, through a shared folder, or not. */
    status(actor: StaffActor, projectId: string, module: string, ids: string[]): Promise<ShareStatus[]>;
  };
  updates: {
    /** A project's updates, newest first. */
    list(actor: StaffActor, projectId: string, page?: ListUpdatesInput): Promise<Page<Update>>;
    publish(actor: StaffActor, projectId: string, input: UpdateInput): Promise<Update>;
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
  /** Mail goes through the outbox: `flush` delivers what is due now, `start` keeps doing so. */
  outbox: {
    flush(options?: { batchSize?: number; tenantId?: string }): Promise<FlushResult>;
    start(options?: { intervalMs?: number; batchSize?: number; tenantIds?: readonly string[] }): { stop: () => Promise<void> };
    list(tenantId: string, query?: { state?: MailJob['state']; clientId?: string }): Promise<MailJob[]>;
  };
  /** The signed-in client's portal. */
  view: {
    projects(actor: ClientActor): Promise<Project[]>;
    /** Only modules that are enabled and allowed, only what is shared. */
    feed(actor: ClientActor, projectId: string): Promise<Feed>;
    /** One resource; a folder comes with its visible children. */
    open(actor: ClientActor, projectId: string, module: string, resourceId: string): Promise<OpenedResource>;
    /** The client, its projects and its packed CASL rules. */
    me(actor: ClientActor): Promise<{ client: Client; projects: Project[]; rules: PackedRules }>;
  };
  /** May `actor` (staff, client, or `null` for anonymous) do `action` on this resource? Hosts ask before serving a file; `false` for a bad target. */
  can(actor: unknown, action: Action, target: { projectId: string; module: string; id: string }): Promise<boolean>;
  /** A client's access loaded once, for many synchronous checks of resources resolved through it. */
  access(actor: ClientActor): Promise<AccessIndex>;
  /** The clock this portal runs on. */
  now(): Date;
}
