import { describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../model/client.js';
import type { StorageOps } from '../../ports/storage.js';
import { TENANT_A } from '../fixtures.js';
import { at, client, mailJob, T0, type GetStorage } from './records.js';
import { NOTHING, readEverything, writeEverything } from './transactions.js';

/**
 * How long a transaction that holds a record waits for a second one to read it too. A store
 * with isolation makes the second wait for the first (a lock, or one transaction at a time),
 * so the wait simply runs out; a store without it lets the second read at once.
 */
const GRACE_MS = 150;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when `done()` is true or `ms` have passed, whichever comes first. */
async function waitUntil(done: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await sleep(5);
}

type ReadForUpdate = (tx: StorageOps, record: ClientRecord) => Promise<ClientRecord | null>;

const readers: [string, ReadForUpdate][] = [
  ['getClientForUpdate', (tx, c) => tx.getClientForUpdate(c.tenantId, c.id)],
  ['getClientByEmailForUpdate', (tx, c) => tx.getClientByEmailForUpdate(c.tenantId, c.email)],
];

export function transactionIsolationTests(get: GetStorage): void {
  describe('transaction isolation', () => {
    for (const [name, read] of readers) {
      it(`two transactions that rewrite one client read by ${name} lose neither change (clients.update + clients.setProjects)`, async () => {
        const stored = client({ name: 'Dana', projectIds: ['p-maple', 'p-oak'] });
        await get().saveClient(stored);
        let firstRead!: () => void;
        const firstHasRead = new Promise<void>((resolve) => (firstRead = resolve));
        let secondHasRead = false;
        // Renames the client, as clients.update does: read, a pause (the core's checks), write.
        const rename = get().transaction(async (tx) => {
          const current = await read(tx, stored);
          firstRead();
          await waitUntil(() => secondHasRead, GRACE_MS);
          await tx.saveClient({ ...current!, name: 'Dana Renamed', updatedAt: at(1) });
        });
        await firstHasRead;
        // Meanwhile sets its projects, as clients.setProjects does.
        const setProjects = get().transaction(async (tx) => {
          const current = await read(tx, stored);
          secondHasRead = true;
          await tx.saveClient({ ...current!, projectIds: ['p-harbor'], updatedAt: at(2) });
        });
        await Promise.all([rename, setProjects]);
        const after = await get().getClient(TENANT_A, stored.id);
        expect(after?.projectIds, `setProjects was overwritten by a transaction that read the client (${name}) before it committed`).toEqual(['p-harbor']);
        expect(after?.name, `the rename was overwritten by a transaction that read the client (${name}) before it committed`).toBe('Dana Renamed');
      });
    }

    it('a job read by getMailJobForUpdate cannot be claimed again before the transaction ends', async () => {
      await get().insertMailJob(mailJob({ state: 'sending', attempts: 1, runAt: at(-1) }));
      let firstRead!: () => void;
      const firstHasRead = new Promise<void>((resolve) => (firstRead = resolve));
      let claimed = false;
      // The outbox finishing a send: read the job, check the claim is still its own, record the outcome.
      const finish = get().transaction(async (tx) => {
        const job = await tx.getMailJobForUpdate(TENANT_A, 'job-1');
        firstRead();
        await waitUntil(() => claimed, GRACE_MS);
        if (job?.state === 'sending' && job.attempts === 1) await tx.saveMailJob({ ...job, state: 'sent', updatedAt: at(1) });
      });
      await firstHasRead;
      // Another worker whose clock says the lease has lapsed.
      const reclaim = get()
        .claimMailJobs(T0, 10, at(60_000))
        .then((jobs) => {
          claimed = true;
          return jobs;
        });
      const [, reclaimed] = await Promise.all([finish, reclaim]);
      const after = await get().getMailJob(TENANT_A, 'job-1');
      expect(reclaimed.map((j) => j.id), 'claimMailJobs took a job another transaction held for update, then had its claim overwritten').toEqual([]);
      expect(after?.state).toBe('sent');
    });

    it('a read outside a transaction never sees a write that is later rolled back', async () => {
      let outside: Promise<Awaited<ReturnType<typeof readEverything>>> | undefined;
      await expect(
        get().transaction(async (tx) => {
          await writeEverything(tx);
          // Read from outside while the writes are in place but not committed. A store that
          // runs one transaction at a time answers after the rollback; others answer now.
          outside = readEverything(get());
          await Promise.race([outside, sleep(GRACE_MS)]);
          throw new Error('rolled back on purpose');
        }),
      ).rejects.toThrow('rolled back on purpose');
      const seen = await outside!;
      for (const [query, value] of Object.entries(seen)) {
        expect(value, `${query}, read outside the transaction, returned a write that was then rolled back`).toEqual(NOTHING[query as keyof typeof NOTHING]);
      }
    });

    it('a read outside a transaction does not see its writes before it commits', async () => {
      let before: Awaited<ReturnType<typeof readEverything>> | undefined;
      await get().transaction(async (tx) => {
        await writeEverything(tx);
        const outside = readEverything(get());
        const answered = await Promise.race([outside.then(() => true), sleep(GRACE_MS).then(() => false)]);
        // A store that runs one transaction at a time answers after the commit: nothing to check then.
        if (answered) before = await outside;
      });
      if (before) {
        for (const [query, value] of Object.entries(before)) {
          expect(value, `${query}, read outside the transaction, returned a write before it was committed`).toEqual(NOTHING[query as keyof typeof NOTHING]);
        }
      }
      const after = await readEverything(get());
      for (const [query, value] of Object.entries(after)) expect(value, `${query} after the commit`).not.toEqual(NOTHING[query as keyof typeof NOTHING]);
    });
  });
}
