import type { Located } from '../access/ancestry.js';
import { approverRefusals } from '../access/approvers.js';
import type { PortalContext } from '../kernel/context.js';
import type { ApproverEligibility } from '../model/approval.js';
import type { Role } from '../model/role.js';

/**
 * Which of the project's active clients can decide on the located resource now, and why not for
 * each of the others: what a request naming them would refuse (the same check), asked before it
 * is sent so a form can say it. Ordered by client id.
 *
 * The clients are read in one go, and the tenant and each role once: checked one by one, every
 * client would cost its own reads of all three, and a project may have hundreds of clients.
 */
export async function approverEligibility(ctx: PortalContext, tenantId: string, located: Located): Promise<ApproverEligibility[]> {
  const { storage } = ctx;
  const members = await storage.listProjectAudience(tenantId, located.resource.projectId, { status: 'active' });
  if (!members.length) return [];
  const clientIds = members.map((m) => m.clientId);
  const [records, tenant] = await Promise.all([storage.getClients(tenantId, clientIds), ctx.tenant(tenantId)]);
  const clients = new Map(records.map((c) => [c.id, c]));
  const roles = new Map<string, Promise<Role | null>>();
  const role = (roleId: string): Promise<Role | null> => {
    let found = roles.get(roleId);
    if (!found) roles.set(roleId, (found = storage.getRole(tenantId, roleId)));
    return found;
  };
  const sources = {
    content: ctx.content,
    tenant: async () => tenant,
    storage: {
      getClient: async (_tenantId: string, clientId: string) => clients.get(clientId) ?? null,
      getRole: (_tenantId: string, roleId: string) => role(roleId),
      listShares: storage.listShares.bind(storage),
      listUpdates: storage.listUpdates.bind(storage),
      readGrants: storage.readGrants.bind(storage),
    },
  };
  const refusals = await approverRefusals(sources, tenantId, located, clientIds);
  return clientIds.map((clientId, i) => {
    const code = refusals[i];
    return code ? { clientId, code } : { clientId };
  });
}
