import { describe, expect, it } from 'vitest';
import type { StorageOps } from '../../ports/storage.js';
import { TENANT_A } from '../fixtures.js';
import { account, auditEvent, client, invite, mailJob, role, session, share, T0, update, type GetStorage } from './records.js';

/** One write of every kind, through `ops`. */
export async function writeEverything(ops: StorageOps): Promise<void> {
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
export async function readEverything(ops: StorageOps) {
  return {
    client: await ops.getClient(TENANT_A, 'cl-1'),
    listed: (await ops.listClients(TENANT_A, { limit: 10, projectId: 'p-maple' })).items,
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

export const NOTHING = { client: null, listed: [], role: null, invite: null, account: null, session: null, share: null, updates: [], attached: [], audit: [], job: null };

export function transactionTests(get: GetStorage): void {
  describe('transactions', () => {
    it('keeps every write when the function resolves, and returns its result', async () => {
      const result = await get().transaction(async (tx) => {
        await writeEverything(tx);
        return 'done';
      });
      expect(result).toBe('done');
      const kept = await readEverything(get());
      for (const [key, value] of Object.entries(kept)) expect(value, `${key} after the commit`).not.toEqual((NOTHING as Record<string, unknown>)[key]);
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

    it('stays usable after a ConflictError it caught, keeping the writes before it and committing the rest', async () => {
      await get().saveClient(client());
      await get().insertInvite(invite());
      await get().transaction(async (tx) => {
        await tx.saveClient(client({ id: 'cl-0', email: 'first@example.com' }));
        await expect(tx.saveClient(client({ id: 'cl-2' })), 'saveClient with a taken email').rejects.toMatchObject({ code: 'conflict' });
        await tx.saveClient(client({ id: 'cl-3', email: 'sam@example.com' }));
        await expect(tx.insertInvite(invite({ email: 'other@example.com' })), 'insertInvite with a taken id').rejects.toMatchObject({ code: 'conflict' });
        await tx.insertInvite(invite({ id: 'inv-2' }));
        expect((await tx.getClient(TENANT_A, 'cl-0'))?.email, 'getClient inside the transaction, of a write before the conflict').toBe('first@example.com');
      });
      expect(await get().getClient(TENANT_A, 'cl-2'), 'the client that clashed').toBeNull();
      expect((await get().getClient(TENANT_A, 'cl-0'))?.email, 'a write before the caught ConflictError').toBe('first@example.com');
      expect((await get().getClient(TENANT_A, 'cl-3'))?.email, 'a write after the caught ConflictError').toBe('sam@example.com');
      expect((await get().getInvite(TENANT_A, 'inv-1'))?.email, 'the invite whose id was taken again').toBe('dana@example.com');
      expect((await get().getInvite(TENANT_A, 'inv-2'))?.id, 'an invite written after the caught ConflictError').toBe('inv-2');
    });

    it('still undoes everything when it throws after a ConflictError it caught', async () => {
      await get().saveClient(client());
      await expect(
        get().transaction(async (tx) => {
          await tx.saveClient(client({ id: 'cl-0', email: 'first@example.com' }));
          await expect(tx.saveClient(client({ id: 'cl-2' }))).rejects.toMatchObject({ code: 'conflict' });
          await tx.saveClient(client({ id: 'cl-3', email: 'sam@example.com' }));
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await get().getClient(TENANT_A, 'cl-0'), 'a write before the caught ConflictError').toBeNull();
      expect(await get().getClient(TENANT_A, 'cl-3'), 'a write after the caught ConflictError').toBeNull();
      expect((await get().getClient(TENANT_A, 'cl-1'))?.email).toBe('dana@example.com');
    });
  });
}
