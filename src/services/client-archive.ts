import { parseInput } from '../errors/from-zod.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { requireStaff } from '../kernel/guard.js';
import type { StaffActor } from '../model/actor.js';
import { withStatus, type Client, type ClientRecord } from '../model/client.js';
import { Id } from '../model/ids.js';
import type { StorageOps } from '../ports/storage.js';
import { emitAccessRevoked } from './access-events.js';

type LoadClient = (tx: StorageOps, staff: StaffActor, clientId: unknown) => Promise<ClientRecord>;

/**
 * Archiving takes a client out of the builder's list without deleting it: no access (sessions
 * end, the pending invite and every pending link die), history and audit kept. Restoring brings
 * the record back as it was — name, email, role, projects, account, an email change waiting for
 * confirmation — but without access: portal access stays off until staff switch it on, and the
 * old sessions and links do not come back.
 */
export function archiveService(ctx: PortalContext, loadClient: LoadClient) {
  const { storage } = ctx;

  async function archive(actor: StaffActor, clientId: string): Promise<Client> {
    const staff = requireStaff(actor, 'update', 'Client');
    parseInput(Id, clientId, ['clientId']);
    const client = await storage.transaction(async (tx) => {
      const current = await loadClient(tx, staff, clientId);
      if (current.archivedAt) return current;
      const now = ctx.now();
      const sessionsEnded = await tx.deleteClientSessions(staff.tenantId, current.id);
      const invitesCancelled = await tx.supersedeInvites(staff.tenantId, current.id, 'cancelled');
      const linksCancelled = await tx.endAccountLinks(staff.tenantId, current.id, 'cancelled');
      // An email change waiting for confirmation stays (its link is cancelled above): it says the
      // address in use is wrong — a mistyped invite a stranger accepted, say — so neither address
      // may sign in until the new one is confirmed, after a restore as before the archive.
      const { inviteExpiresAt: _invite, inviteDelivery: _delivery, ...rest } = current;
      const archived: ClientRecord = { ...rest, archivedAt: now, updatedAt: now };
      await tx.saveClient(archived);
      await record(tx, now, staff.tenantId, staff, 'client.archived', { clientId: current.id, data: { sessionsEnded, invitesCancelled, linksCancelled } });
      await emitAccessRevoked(tx, now, staff.tenantId, { cause: 'client_archived', clientId: current.id });
      return archived;
    });
    return withStatus(client, ctx.now());
  }

  async function restore(actor: StaffActor, clientId: string): Promise<Client> {
    const staff = requireStaff(actor, 'update', 'Client');
    const client = await storage.transaction(async (tx) => {
      const current = await loadClient(tx, staff, clientId);
      if (!current.archivedAt) return current;
      const now = ctx.now();
      const { archivedAt, ...rest } = current;
      const restored: ClientRecord = { ...rest, portalAccess: false, updatedAt: now };
      await tx.saveClient(restored);
      await record(tx, now, staff.tenantId, staff, 'client.restored', { clientId: current.id, data: { archivedAt: archivedAt.toISOString() } });
      return restored;
    });
    return withStatus(client, ctx.now());
  }

  return { archive, restore };
}
