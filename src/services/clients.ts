import { ConflictError } from '../errors/ConflictError.js';
import { notFound } from '../errors/NotFoundError.js';
import { parseInput } from '../errors/from-zod.js';
import { Id } from '../model/ids.js';
import type { ModuleId } from '../model/modules.js';
import {
  AddClientInput,
  ListClientsInput,
  ProjectIds,
  UpdateClientInput,
} from '../model/inputs.js';
import { statusSet, withStatus, type Client, type ClientDetails, type ClientRecord } from '../model/client.js';
import { BUILT_IN_ROLE_ID, findRole } from '../model/role.js';
import type { StaffActor } from '../model/actor.js';
import type { Page } from '../model/page.js';
import type { StorageOps } from '../ports/storage.js';
import { clientStatusFilter } from '../ports/client-filter.js';
import { effectivePermissions } from '../access/roles.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { requireStaff } from '../kernel/guard.js';
import { newId } from '../tokens/ids.js';
import { emitAccessRevoked, lostAccess } from './access-events.js';
import { issueInvite } from './invite-issue.js';
import { archiveService } from './client-archive.js';
import { changeEmail, confirmingConflict } from './email-change.js';
import { assertCanReset, issuePasswordReset } from './passwords.js';
import { allowsSignIn } from './sign-in-methods.js';
import { assertProjectsExist } from './projects-check.js';
import { assertRoleExists } from './roles.js';

const DEFAULT_PAGE = 50;

export async function loadClient(tx: StorageOps, staff: StaffActor, clientId: unknown): Promise<ClientRecord> {
  const id = parseInput(Id, clientId, ['clientId']);
  const client = await tx.getClientForUpdate(staff.tenantId, id);
  if (!client) throw notFound('Client', id);
  return client;
}

/** Builder-side client management: invite, list, edit, grant and revoke project access. */
export function clientsService(ctx: PortalContext) {
  const { storage } = ctx;
  const view = (client: ClientRecord): Client => withStatus(client, ctx.now());

  async function add(actor: StaffActor, input: AddClientInput): Promise<Client & { created: boolean }> {
    const staff = requireStaff(actor, 'create', 'Client');
    const data = parseInput(AddClientInput, input);
    await assertProjectsExist(ctx, staff.tenantId, data.projectIds);
    await assertRoleExists(storage, staff.tenantId, data.roleId);
    const modules = await enabledModulesIfRole(staff.tenantId, data.roleId);
    const attempt = () =>
      storage.transaction(async (tx) => {
        const now = ctx.now();
        // Serialised with an email change to this address (see `lockEmail`).
        await tx.lockEmail?.(staff.tenantId, data.email);
        const existing = await tx.getClientByEmailForUpdate(staff.tenantId, data.email);
        if (!existing) {
          // An address another client is confirming as its new one is taken, too.
          const waiting = await tx.getClientByPendingEmail(staff.tenantId, data.email);
          if (waiting) throw confirmingConflict(waiting, data.email);
        }
        let client: ClientRecord;
        if (existing) {
          client = {
            ...existing,
            // The name the builder already has stays (the invite form is no place to rename a
            // client without saying so); one is filled in only where there was none.
            name: existing.name ?? data.name,
            // The language likewise: one the client has (the builder's, or the page it joined on) stays.
            ...(existing.language === undefined && data.language !== undefined ? { language: data.language } : {}),
            roleId: data.roleId ?? existing.roleId,
            projectIds: [...new Set([...existing.projectIds, ...data.projectIds])],
            updatedAt: now,
          };
          await tx.saveClient(client);
          // What the add changed, role and name included: a role given this way is a permission change too.
          await record(tx, now, staff.tenantId, staff, 'client.updated', {
            clientId: client.id,
            data: {
              projectIds: client.projectIds,
              via: 'add',
              ...(client.roleId !== existing.roleId ? { roleId: client.roleId } : {}),
              ...(client.name !== existing.name ? { name: client.name } : {}),
              ...(client.language !== existing.language ? { language: client.language } : {}),
            },
          });
          await recordProjectChanges(tx, staff, now, client.id, existing.projectIds, client.projectIds);
        } else {
          client = {
            tenantId: staff.tenantId,
            id: newId('cl'),
            email: data.email,
            ...(data.name === undefined ? {} : { name: data.name }),
            ...(data.language === undefined ? {} : { language: data.language }),
            roleId: data.roleId ?? BUILT_IN_ROLE_ID,
            projectIds: [...new Set(data.projectIds)],
            portalAccess: true,
            createdAt: now,
            updatedAt: now,
          };
          await tx.saveClient(client);
          await record(tx, now, staff.tenantId, staff, 'client.added', { clientId: client.id, data: { projectIds: client.projectIds, ...(client.language === undefined ? {} : { language: client.language }) } });
          await recordProjectChanges(tx, staff, now, client.id, [], client.projectIds);
        }
        const shouldInvite = (data.invite ?? true) && !client.activatedAt && client.portalAccess && !client.archivedAt;
        // A pending invite whose mail failed for good reached nobody: adding the client again sends a new one.
        const alreadyPending = existing && withStatus(existing, now).status === 'invited' && existing.inviteDelivery?.state !== 'failed';
        if (shouldInvite && !alreadyPending) client = (await issueInvite(ctx, tx, staff, client)).client;
        // Last: queueing an event holds the tenant's event counter until the transaction ends, so
        // the writes before it (the invites a new invite supersedes) never wait while holding it.
        if (modules && existing && !existing.archivedAt && client.roleId !== existing.roleId) await roleChanged(tx, modules, staff.tenantId, now, client.id, existing.roleId, client.roleId);
        return { ...client, created: !existing };
      });
    const added = async () => {
      const { created, ...client } = await attempt();
      return { ...view(client), created };
    };
    try {
      return await added();
    } catch (error) {
      // Two concurrent adds of one new email: the loser finds the winner's client on retry.
      if (error instanceof ConflictError && !(await storage.getClientByPendingEmail(staff.tenantId, data.email))) return await added();
      throw error;
    }
  }

  async function list(actor: StaffActor, input: ListClientsInput = {}): Promise<Page<Client>> {
    const staff = requireStaff(actor, 'read', 'Client');
    const query = parseInput(ListClientsInput, input);
    const { status, ...rest } = query;
    const page = await storage.listClients(staff.tenantId, {
      ...rest,
      ...clientStatusFilter(status, ctx.now()),
      limit: query.limit ?? DEFAULT_PAGE,
    });
    // One moment for the whole page: every invite on it is judged expired or not as of the same time.
    const now = ctx.now();
    // The page's records are this call's own copies (storage returns copies), so each takes its
    // status itself: no second copy of every client listed.
    return { items: page.items.map((client) => statusSet(client, now)), nextCursor: page.nextCursor };
  }

  async function get(actor: StaffActor, clientId: string): Promise<ClientDetails> {
    const staff = requireStaff(actor, 'read', 'Client');
    const client = await loadClient(storage, staff, clientId);
    const [tenant, role] = await Promise.all([ctx.tenant(staff.tenantId), findRole(storage, staff.tenantId, client.roleId)]);
    return { ...view(client), permissions: role ? effectivePermissions(tenant.modules, role) : [] };
  }

  async function update(actor: StaffActor, clientId: string, input: UpdateClientInput): Promise<Client> {
    const staff = requireStaff(actor, 'update', 'Client');
    const data = parseInput(UpdateClientInput, input);
    await assertRoleExists(storage, staff.tenantId, data.roleId);
    const modules = await enabledModulesIfRole(staff.tenantId, data.roleId);
    return view(
      await storage.transaction(async (tx) => {
        const loaded = await loadClient(tx, staff, clientId);
        // Restoring leaves portal access off, so switching it on here would be lost: refused, as
        // an email change is, rather than answered with a client that says it has access.
        if (loaded.archivedAt && data.portalAccess === true) {
          throw new ConflictError('This client is archived; restore it before switching portal access on.', { data: { reason: 'client_archived' } });
        }
        const current = data.email === undefined ? loaded : await changeEmail(ctx, tx, staff, loaded, data.email);
        const now = ctx.now();
        let client: ClientRecord = {
          ...current,
          ...(data.name === undefined ? {} : { name: data.name }),
          ...(data.roleId === undefined ? {} : { roleId: data.roleId }),
          ...(data.portalAccess === undefined ? {} : { portalAccess: data.portalAccess }),
          updatedAt: now,
        };
        if (data.language !== undefined) {
          // `null` clears it: the tenant's `locale` writes the client's emails again.
          const { language: _before, ...rest } = client;
          client = data.language === null ? rest : { ...rest, language: data.language };
        }
        if (data.portalAccess === false) {
          // Switching portal access off ends every session at once and cancels the pending
          // invite, so an old link does not come back to life when access is switched on again.
          await tx.deleteClientSessions(staff.tenantId, client.id);
          await tx.endAccountLinks(staff.tenantId, client.id, 'cancelled');
          if ((await tx.supersedeInvites(staff.tenantId, client.id, 'cancelled')) > 0 || client.inviteExpiresAt) {
            const { inviteExpiresAt: _cancelled, inviteDelivery: _delivery, ...rest } = client;
            client = rest;
          }
        }
        await tx.saveClient(client);
        await record(tx, now, staff.tenantId, staff, 'client.updated', { clientId: client.id, data });
        // An archived client has no access to lose (and restoring it gives none back).
        if (!loaded.archivedAt) {
          if (loaded.portalAccess && !client.portalAccess) await emitAccessRevoked(tx, now, staff.tenantId, { cause: 'portal_access_off', clientId: client.id });
          if (modules && client.roleId !== loaded.roleId) await roleChanged(tx, modules, staff.tenantId, now, client.id, loaded.roleId, client.roleId);
        }
        return client;
      }),
    );
  }

  /**
   * One audit line per project a client was given or lost, under that project: a project's
   * trail (`audit.list({ projectId })`) then says who was let in and when, not only who was let
   * out. The whole change stays on the call's own line.
   */
  async function recordProjectChanges(tx: StorageOps, staff: StaffActor, at: Date, clientId: string, before: readonly string[], after: readonly string[]): Promise<void> {
    for (const projectId of after) if (!before.includes(projectId)) await record(tx, at, staff.tenantId, staff, 'client.project_granted', { clientId, projectId });
    for (const projectId of before) if (!after.includes(projectId)) await record(tx, at, staff.tenantId, staff, 'client.project_revoked', { clientId, projectId });
  }

  /** The tenant's enabled modules when a call gives a role (what a role change is judged by). */
  async function enabledModulesIfRole(tenantId: string, roleId: string | undefined): Promise<readonly ModuleId[] | undefined> {
    return roleId === undefined ? undefined : (await ctx.tenant(tenantId)).modules;
  }

  /**
   * Tells the host what a client's new role no longer allows; a role that allows as much says
   * nothing. `modules`: the tenant's enabled modules, asked of the host before the transaction.
   */
  async function roleChanged(tx: StorageOps, modules: readonly ModuleId[], tenantId: string, at: Date, clientId: string, previousRoleId: string, roleId: string): Promise<void> {
    const [before, after] = await Promise.all([findRole(tx, tenantId, previousRoleId), findRole(tx, tenantId, roleId)]);
    const lost = lostAccess(modules, before, after);
    if (lost.length > 0) await emitAccessRevoked(tx, at, tenantId, { cause: 'role_changed', clientId, roleId, previousRoleId, lost });
  }

  async function setProjects(actor: StaffActor, clientId: string, projectIds: string[]): Promise<Client> {
    const staff = requireStaff(actor, 'update', 'Client');
    const ids = [...new Set(parseInput(ProjectIds, projectIds, ['projectIds']))];
    await assertProjectsExist(ctx, staff.tenantId, ids);
    return view(
      await storage.transaction(async (tx) => {
        const current = await loadClient(tx, staff, clientId);
        const now = ctx.now();
        const client = { ...current, projectIds: ids, updatedAt: now };
        await tx.saveClient(client);
        await record(tx, now, staff.tenantId, staff, 'client.projects_set', {
          clientId: client.id,
          data: { projectIds: ids, before: current.projectIds },
        });
        await recordProjectChanges(tx, staff, now, client.id, current.projectIds, ids);
        for (const projectId of current.archivedAt ? [] : current.projectIds.filter((id) => !ids.includes(id))) {
          await emitAccessRevoked(tx, now, staff.tenantId, { cause: 'project_removed', clientId: client.id, projectId });
        }
        return client;
      }),
    );
  }

  async function revokeProject(actor: StaffActor, clientId: string, projectId: string): Promise<Client> {
    const staff = requireStaff(actor, 'update', 'Client');
    const project = parseInput(Id, projectId, ['projectId']);
    return view(
      await storage.transaction(async (tx) => {
        const current = await loadClient(tx, staff, clientId);
        if (!current.projectIds.includes(project)) return current;
        const now = ctx.now();
        const client = { ...current, projectIds: current.projectIds.filter((id) => id !== project), updatedAt: now };
        await tx.saveClient(client);
        await record(tx, now, staff.tenantId, staff, 'client.project_revoked', { clientId: client.id, projectId: project });
        if (!current.archivedAt) await emitAccessRevoked(tx, now, staff.tenantId, { cause: 'project_removed', clientId: client.id, projectId: project });
        return client;
      }),
    );
  }

  async function sendInvite(actor: StaffActor, clientId: string): Promise<Client> {
    const staff = requireStaff(actor, 'create', 'Invite');
    return view(
      await storage.transaction(async (tx) => {
        const client = await loadClient(tx, staff, clientId);
        if (client.archivedAt) throw new ConflictError('This client is archived; restore it before inviting.', { data: { reason: 'client_archived' } });
        if (client.activatedAt) throw new ConflictError('This client already has an account; they can sign in.', { data: { reason: 'has_account' } });
        if (!client.portalAccess) throw new ConflictError('Portal access is switched off for this client; switch it on before inviting.', { data: { reason: 'portal_access_off' } });
        return (await issueInvite(ctx, tx, staff, client)).client;
      }),
    );
  }

  async function sendPasswordReset(actor: StaffActor, clientId: string): Promise<Client> {
    const staff = requireStaff(actor, 'update', 'Client');
    // The host's hook is asked before the transaction, not while it holds a connection and a row lock.
    const passwordsAllowed = await allowsSignIn(ctx, staff.tenantId, 'password');
    return view(
      await storage.transaction(async (tx) => {
        const client = await loadClient(tx, staff, clientId);
        assertCanReset(client, ctx.accountLinks.resetUrl !== undefined, passwordsAllowed);
        await issuePasswordReset(ctx, tx, client, staff);
        return client;
      }),
    );
  }

  return { add, list, get, update, setProjects, revokeProject, sendInvite, sendPasswordReset, ...archiveService(ctx, loadClient) };
}
