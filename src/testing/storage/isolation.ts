import { describe, expect, it } from 'vitest';
import type { StorageOps } from '../../ports/storage.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { account, auditEvent, client, invite, mailJob, role, session, share, T0, update, type GetStorage } from './records.js';

/** The same ids (and token hashes, and email) in a tenant, with `tag` in a field to tell them apart. */
async function seed(ops: StorageOps, tenantId: string, tag: string): Promise<void> {
  await ops.saveClient(client({ tenantId, name: tag, inviteExpiresAt: new Date(T0.getTime() + 1000) }));
  await ops.saveRole(role({ tenantId, name: tag }));
  await ops.insertInvite(invite({ tenantId, tokenHash: 'h1', invitedBy: tag }));
  await ops.saveAccount(account({ tenantId, passwordHash: tag }));
  await ops.insertSession(session({ tenantId, id: tag }));
  await ops.insertShare(share({ tenantId, sharedBy: tag }));
  await ops.insertUpdate(update({ tenantId, body: tag, resources: [{ module: 'photos', id: 'ph-1' }] }));
  await ops.insertAudit(auditEvent({ tenantId, actor: { type: 'staff', id: tag }, projectId: 'p-maple', clientId: 'cl-1' }));
  await ops.insertMailJob(mailJob({ tenantId, lastError: tag }));
}

async function tags(ops: StorageOps, tenantId: string) {
  return {
    client: (await ops.getClient(tenantId, 'cl-1'))?.name,
    byEmail: (await ops.getClientByEmail(tenantId, 'dana@example.com'))?.name,
    listed: (await ops.listClients(tenantId, { limit: 10, projectId: 'p-maple', status: 'invited', inviteExpiresAfter: T0, q: 'dana' })).items.map((c) => c.name),
    role: (await ops.getRole(tenantId, 'docs-only'))?.name,
    roles: (await ops.listRoles(tenantId)).map((r) => r.name),
    invite: (await ops.getInvite(tenantId, 'inv-1'))?.invitedBy,
    byToken: (await ops.getInviteByTokenHash(tenantId, 'h1'))?.invitedBy,
    account: (await ops.getAccount(tenantId, 'cl-1'))?.passwordHash,
    session: (await ops.getSessionByTokenHash(tenantId, 'hash-se-1'))?.id,
    share: (await ops.getShare(tenantId, 'sh-1'))?.sharedBy,
    shares: (await ops.listShares(tenantId, 'p-maple')).map((s) => s.sharedBy),
    found: (await ops.findShares(tenantId, 'p-maple', [{ module: 'documents', id: 'd-contracts' }])).map((s) => s.sharedBy),
    grants: (await ops.readGrants(tenantId, 'p-maple', [{ module: 'documents', id: 'd-contracts' }])).shares.map((s) => s.sharedBy),
    updates: (await ops.listUpdates(tenantId, 'p-maple', { limit: 10 })).items.map((u) => u.body),
    audit: (await ops.listAudit(tenantId, { limit: 10, projectId: 'p-maple', clientId: 'cl-1' })).items.map((e) => e.actor.id),
    job: (await ops.getMailJob(tenantId, 'job-1'))?.lastError,
    jobs: (await ops.listMailJobs(tenantId, { clientId: 'cl-1' })).map((j) => j.lastError),
  };
}

const expected = (tag: string) => ({
  client: tag, byEmail: tag, listed: [tag], role: tag, roles: [tag], invite: tag, byToken: tag, account: tag,
  session: tag, share: tag, shares: [tag], found: [tag], grants: [tag], updates: [tag], audit: [tag], job: tag, jobs: [tag],
});

export function isolationTests(get: GetStorage): void {
  describe('tenant isolation', () => {
    it('keeps records with the same ids in two tenants apart, in every table', async () => {
      await seed(get(), TENANT_A, 'A');
      await seed(get(), TENANT_B, 'B');
      expect(await tags(get(), TENANT_A)).toEqual(expected('A'));
      expect(await tags(get(), TENANT_B)).toEqual(expected('B'));
    });

    it("changes and deletes nothing of the other tenant's", async () => {
      await seed(get(), TENANT_A, 'A');
      await seed(get(), TENANT_B, 'B');
      const s = get();
      expect(await s.acceptInvite(TENANT_B, 'h1', T0)).not.toBeNull();
      expect(await s.supersedeInvites(TENANT_B, 'cl-1')).toBe(0);
      expect(await s.setInviteTokenHash(TENANT_B, 'inv-1', 'h2')).toBe(false);
      expect(await s.deleteSession(TENANT_B, 'hash-se-1')).toBe(true);
      expect(await s.deleteClientSessions(TENANT_B, 'cl-1')).toBe(0);
      expect(await s.deleteShare(TENANT_B, 'sh-1')).toBe(true);
      await s.saveClient(client({ tenantId: TENANT_B, name: 'B2', projectIds: [] }));
      expect(await tags(s, TENANT_A)).toEqual(expected('A'));
      expect((await s.getInvite(TENANT_A, 'inv-1'))?.status).toBe('pending');
      expect(await s.findAttached(TENANT_B, 'p-oak', [{ module: 'photos', id: 'ph-1' }])).toEqual([]);
      expect(await s.readGrants(TENANT_B, 'p-oak', [{ module: 'photos', id: 'ph-1' }])).toEqual({ shares: [], attached: [] });
    });
  });
}
