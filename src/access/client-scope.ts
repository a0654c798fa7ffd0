import type { ClientActor } from '../model/actor.js';
import type { ClientRecord, ModulePermission } from '../model/client.js';
import { BUILT_IN_ROLE_ID, builtInRole, type Role } from '../model/role.js';
import type { TenantSettings } from '../model/tenant.js';
import type { StorageOps } from '../ports/storage.js';
import { compiledClient } from './ability-cache.js';
import { clientCanSignIn, type PortalAbility } from './policy.js';

/** Everything that decides what one client may see, read fresh for each call. */
export interface ClientScope {
  actor: ClientActor;
  client: ClientRecord;
  tenant: TenantSettings;
  /** "Show permissions": what the role grants on the modules the tenant enables. */
  permissions: readonly ModulePermission[];
  projectIds: ReadonlySet<string>;
  /** The policy built from the facts above: the only thing that decides. */
  ability: PortalAbility;
}

/** Where a scope's facts are read from (the portal's storage and tenant settings). */
export interface ScopeSources {
  storage: Pick<StorageOps, 'getClient' | 'getRole'>;
  tenant(tenantId: string): Promise<TenantSettings>;
}

/** The built-in role per tenant, frozen: it is the same for every call and only ever read. */
const builtInRoles = new Map<string, Role>();
const MAX_TENANTS = 1000;

function builtIn(tenantId: string): Role {
  let role = builtInRoles.get(tenantId);
  if (!role) {
    role = builtInRole(tenantId);
    for (const permission of role.permissions) Object.freeze(permission.actions), Object.freeze(permission);
    Object.freeze(role.permissions), Object.freeze(role);
    if (builtInRoles.size >= MAX_TENANTS) builtInRoles.clear();
    builtInRoles.set(tenantId, role);
  }
  return role;
}

/**
 * Client records handed from an HTTP request's session check to that same request's first
 * scope load: the check has just read the client, and reading it again moments later would
 * cost a round trip for the same fact. Keyed by the very actor object the handler gives the
 * route and taken once, so any other call — a host's own, with an actor it kept, or the next
 * request — reads the client afresh.
 */
const handedOff = new WeakMap<object, ClientRecord>();

/** Lets the first scope load for `actor` (this object only) use `client`, read just now. */
export function handOffClient(actor: ClientActor, client: ClientRecord): void {
  handedOff.set(actor, client);
}

/** The record handed off with `actor`, once; `undefined` for any other value or a second call. */
export function takeHandedClient(actor: unknown): ClientRecord | undefined {
  if (typeof actor !== 'object' || actor === null) return undefined;
  const client = handedOff.get(actor);
  if (client) handedOff.delete(actor);
  return client;
}

/**
 * Reads the client, its role and the tenant's modules now — so a revoke, a disabled login or a
 * switched-off module takes effect on the very next call. `null` when the client may not act.
 * `known` is the client as this very call has just read it (see `handOffClient`); it is used
 * only when it is the actor's own record.
 */
export async function loadClientScope(sources: ScopeSources, actor: ClientActor, known?: ClientRecord): Promise<ClientScope | null> {
  const client =
    known && known.tenantId === actor.tenantId && known.id === actor.clientId ? known : await sources.storage.getClient(actor.tenantId, actor.clientId);
  if (!clientCanSignIn(client)) return null;
  // `findRole`, with the built-in role built once per tenant rather than on every call.
  const settings = sources.tenant(actor.tenantId);
  const [tenant, found] =
    client.roleId === BUILT_IN_ROLE_ID ? [await settings, builtIn(actor.tenantId)] : await Promise.all([settings, sources.storage.getRole(actor.tenantId, client.roleId)]);
  // The policy and permissions follow from these facts alone: derived once per distinct set.
  const { ability, permissions, projectIds } = compiledClient(actor, client, tenant.modules, found);
  return { actor, client, tenant, permissions, projectIds, ability };
}
