import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { StorageError, type Mail, type MailMessage, type Storage, type StorageOps } from 'sitegate';
import { memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';
import { databaseUrl } from '../support/sql-stores.js';
import { openPostgres } from './sql-backends.js';

/**
 * A storage whose records of a mail job's outcome (`settleMailJobs`, alone or in a transaction)
 * fail `failures` times, as a row lock held past `lock_timeout` or a database restart would.
 */
function failingSettles(inner: Storage, failures: number): Storage {
  let left = failures;
  const failing = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, name) {
        if (name === 'settleMailJobs' && left > 0)
          return async () => {
            left--;
            throw new StorageError('injected: lock timeout');
          };
        if (name === 'transaction') return <R>(fn: (tx: StorageOps) => Promise<R>) => inner.transaction((tx) => fn(failing(tx)));
        const value = Reflect.get(object, name, object);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
  return failing(inner);
}

describe('a mail that went out is recorded as sent, even when recording it fails at first', () => {
  it('sends an invite once, with a link that works, when recording it fails twice', async () => {
    const errors: unknown[] = [];
    const { portal, mail, storage, lastInviteToken } = makePortal({ storage: failingSettles(memoryStorage(), 2), onError: (e) => errors.push(e) });
    const invited = await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(mail.messages.map((m) => m.to)).toEqual(['dana@example.com']);
    expect((await storage.listMailJobs(TENANT_A)).map((j) => [j.state, j.attempts])).toEqual([['sent', 1]]);
    expect((await portal.clients.get(staffA, invited.id)).inviteDelivery?.state).toBe('sent');
    // Nothing is left to send again, and the one link mailed is the live one.
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0, retrying: 0 });
    expect(mail.messages).toHaveLength(1);
    await expect(portal.invites.accept(lastInviteToken('dana@example.com'), { password: 'long enough password' })).resolves.toMatchObject({ client: { id: invited.id } });
    expect(errors).toEqual([]);
  });

  it('says once, naming the job, when the record never succeeds within the lease', async () => {
    const errors: unknown[] = [];
    // A one-second lease leaves under a second to record in.
    const { portal, mail } = makePortal({ storage: failingSettles(memoryStorage(), 1_000), onError: (e) => errors.push(e), outbox: { leaseMs: 1000 } });
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    const started = Date.now();
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(mail.messages).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'MailNotRecordedError', message: expect.stringMatching(/^Mail job \S+ \(tenant acme\) was sent, but recording it failed/), cause: expect.any(StorageError) });
  });
});

const url = databaseUrl();

describe.runIf(url)('on PostgreSQL, a row lock held past lock_timeout while the mail goes out', () => {
  it('records the invite as sent once the lock is let go, and mails it once', async () => {
    const backend = await openPostgres(url!, 'sg_record_sent');
    // What holds the job's row: another connection, as a long statement of another process would.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      const storage = await backend.storage({ timeouts: { lockMs: 200 } });
      const delivered = memoryMail();
      let held: Promise<unknown> = Promise.resolve();
      // The adapter accepts the message, and meanwhile another transaction locks the job's row for a second.
      const mail: Mail = {
        name: 'locking',
        async send(message: MailMessage) {
          await holder.query('BEGIN');
          await holder.query(`SELECT 1 FROM "${backend.schema}".mail_jobs WHERE id = $1 FOR UPDATE`, [message.headers?.['X-Sitegate-Job']]);
          held = new Promise((resolve) => setTimeout(resolve, 1000)).then(() => holder.query('COMMIT'));
          return delivered.send(message);
        },
      };
      const errors: unknown[] = [];
      const { portal } = makePortal({ storage, mail, onError: (e) => errors.push(e) });
      const invited = await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
      expect(await portal.outbox.flush()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
      await held;
      expect(delivered.messages).toHaveLength(1);
      expect((await storage.listMailJobs(TENANT_A)).map((j) => [j.state, j.attempts])).toEqual([['sent', 1]]);
      expect((await portal.clients.get(staffA, invited.id)).inviteDelivery?.state).toBe('sent');
      const token = /token=([^\s"&<]+)/.exec(delivered.messages[0]!.text)![1]!;
      await expect(portal.invites.accept(decodeURIComponent(token), { password: 'long enough password' })).resolves.toMatchObject({ client: { id: invited.id } });
      expect(errors).toEqual([]);
    } finally {
      await holder.end();
      await backend.close();
    }
  });
});
