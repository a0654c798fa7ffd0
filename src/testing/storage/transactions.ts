import { describe, expect, it } from 'vitest';
import type { StorageOps } from '../../ports/storage.js';
import { TENANT_A } from '../fixtures.js';
import { account, auditEvent, client, invite, mailJob, role, session, share, T0, update, type GetStorage } from './records.js';

/** One write of every kind, through `ops`. */
async function writeEverything(ops: StorageOps): Promise<void> {
  await ops.saveClient(client());
  await ops.saveRole(role());
  await ops.insertInvite(invite({ tokenHash: 'h1' }));
  await ops.saveAccount(account());
  await ops.insertSession(session());
  await ops.insertShare(share());
  await ops.insertUpdate(update({ resources: [{ module: 'photos', id: 'ph-1' }] }));
  await ops.insertAudit(auditEvent());
  await ops.insertMailJob(mailJob());
}

/** Reads back what `writeEverything` wrote; every entry null/empty when nothing was kept. */
async function readEverything(ops: StorageOps) {
  return {
    client: await ops.getClient(TENANT_A, 'cl-1'),
    listed: (await ops.listClients(TENANT_A, { limit: 10, now: T0, projectId: 'p-maple' })).items,
    role: await ops.getRole(TENANT_A, 'docs-only'),
    invite: await ops.getInviteByTokenHash(TENANT_A, 'h1'),
    account: await ops.getAccount(TENANT_A, 'cl-1'),
    session: await ops.getSessionByTokenHash(TENANT_A, 'hash-se-1'),
    share: await ops.getShare(TENANT_A, 'sh-1'),
    updates: (await ops.listUpdates(TENANT_A, 'p-maple', { limit: 10 })).items,
    attached: await ops.findAttached(TENANT_A, 'p-maple', [{ module: 'photos', id: 'ph-1' }]),
    audit: (await ops.listAudit(TENANT_A, { limit: 10 })).items,
    job: await ops.getMailJob(TENANT_A, 'job-1'),
  };
}

const NOTHING = { client: null, listed: [], role: null, invite: null, account: null, session: null, share: null, updates: [], attached: [], audit: [], job: null };

export function transactionTests(get: GetStorage): void {
  describe('transactions', () => {
    it('keeps every write when the function resolves, and returns its result', async () => {
      const result = await get().transaction(async (tx) => {
        await writeEverything(tx);
        return 'done';
      });
      expect(result).toBe('done');
      const kept = await readEverything(get());
      for (const [key, value] of Object.entries(kept)) expect(value, key).not.toEqual((NOTHING as Record<string, unknown>)[key]);
    });

    it('undoes every write when the function throws, and rethrows that error', async () => {
      const boom = new Error('boom');
      await expect(
        get().transaction(async (tx) => {
          await writeEverything(tx);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await readEverything(get())).toEqual(NOTHING);
    });

    it('undoes updates and deletes of existing rows too', async () => {
      await writeEverything(get());
      const before = await readEverything(get());
      await expect(
        get().transaction(async (tx) => {
          await tx.saveClient(client({ name: 'Changed', projectIds: [] }));
          await tx.acceptInvite(TENANT_A, 'h1', T0);
          await tx.deleteSession(TENANT_A, 'hash-se-1');
          await tx.deleteShare(TENANT_A, 'sh-1');
          await tx.claimMailJobs(T0, 10, new Date(T0.getTime() + 1000));
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await readEverything(get())).toEqual(before);
    });

    it('sees its own writes inside the transaction', async () => {
      await get().transaction(async (tx) => {
        await writeEverything(tx);
        const seen = await readEverything(tx);
        expect(seen.client).toEqual(client());
        expect(seen.listed.map((c) => c.id)).toEqual(['cl-1']);
        expect(seen.invite?.id).toBe('inv-1');
        expect(await tx.acceptInvite(TENANT_A, 'h1', T0)).not.toBeNull();
      });
    });

    it('stays usable after a ConflictError it caught, and commits the rest', async () => {
      await get().saveClient(client());
      await get().transaction(async (tx) => {
        await expect(tx.saveClient(client({ id: 'cl-2' }))).rejects.toMatchObject({ code: 'conflict' });
        await tx.saveClient(client({ id: 'cl-3', email: 'sam@example.com' }));
      });
      expect(await get().getClient(TENANT_A, 'cl-2')).toBeNull();
      expect((await get().getClient(TENANT_A, 'cl-3'))?.email).toBe('sam@example.com');
    });
  });
}
