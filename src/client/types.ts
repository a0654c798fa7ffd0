import type { SessionToken } from '../model/account.js';
import type { AuditEvent } from '../model/audit.js';
import type { Client, ClientDetails } from '../model/client.js';
import type { Feed, OpenedResource } from '../model/feed.js';
import type { AcceptInviteInput, AddClientInput, AuditListInput, ListClientsInput, SaveRoleInput, SignInInput, UpdateClientInput } from '../model/inputs.js';
import type { InviteInfo } from '../model/invite.js';
import type { ModuleId } from '../model/modules.js';
import type { Project } from '../model/resource.js';
import type { Role } from '../model/role.js';
import type { Share, ShareInput, ShareStatus } from '../model/share.js';
import type { Update, UpdateInput } from '../model/update.js';
import type { Page } from '../model/page.js';
import type { PackedRules } from '../model/rules.js';

/** `GET /me`: the signed-in client, its projects, and its packed CASL rules. */
export interface Me {
  client: Client;
  projects: Project[];
  rules: PackedRules;
}

/** What accepting an invite or signing in returns (the session is also set as a cookie). */
export interface SignedIn {
  client: Client;
  session: SessionToken;
}

/**
 * The typed HTTP client: the headless API's names, without the actor (the server knows it
 * from the staff hook or the session cookie). Every method rejects with the same typed
 * `SitegateError` subclasses the core throws.
 */
export interface PortalClient {
  clients: {
    list(query?: ListClientsInput): Promise<Page<Client>>;
    add(input: AddClientInput): Promise<Client>;
    get(clientId: string): Promise<ClientDetails>;
    update(clientId: string, input: UpdateClientInput): Promise<Client>;
    setProjects(clientId: string, projectIds: string[]): Promise<Client>;
    revokeProject(clientId: string, projectId: string): Promise<Client>;
    sendInvite(clientId: string): Promise<Client>;
    /** Lifts the sign-in lock-out of this client's account (the per-account failure count). */
    unlock(clientId: string): Promise<Client>;
  };
  projects: {
    /** The tenant's projects (staff). */
    list(): Promise<Project[]>;
  };
  shares: {
    list(projectId: string, filter?: { module?: ModuleId }): Promise<Share[]>;
    share(projectId: string, resources: ShareInput[]): Promise<Share[]>;
    unshare(projectId: string, shareId: string): Promise<void>;
    status(projectId: string, module: ModuleId, ids: string[]): Promise<ShareStatus[]>;
  };
  updates: {
    /** A project's updates, newest first. */
    list(projectId: string, page?: { limit?: number; cursor?: string }): Promise<Page<Update>>;
    publish(projectId: string, input: UpdateInput): Promise<Update>;
  };
  roles: {
    list(): Promise<Role[]>;
    save(input: SaveRoleInput): Promise<Role>;
  };
  audit: {
    list(query?: AuditListInput): Promise<Page<AuditEvent>>;
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
  };
  /**
   * The same as `view.me()`.
   * @deprecated Use `view.me()`, the headless API's name.
   */
  me(): Promise<Me>;
  view: {
    /** The signed-in client, its projects and packed rules; rejects with `unauthenticated` otherwise. */
    me(): Promise<Me>;
    projects(): Promise<Project[]>;
    feed(projectId: string): Promise<Feed>;
    open(projectId: string, module: ModuleId, resourceId: string): Promise<OpenedResource>;
  };
}
