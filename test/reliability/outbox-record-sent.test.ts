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
 * `fail` makes the error; `tries` counts the failed records.
 */
function failingSettles(inner: Storage, failures: number, fail: () => Error = () => new StorageError('injected: lock timeout'), tries = { count: 0 }): Storage {
  let left = failures;
  const failing = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, name) {
        if (name === 'settleMailJobs' && left > 0)
          return async () => {
            left--;
            tries.count++;
            throw fail();
          };
        if (name === 'transaction') return <R>(fn: (tx: StorageOps) => Promise<R>) => inner.transaction((tx) => fn(failing(tx)));
        const value = Reflect.get(object, name, object);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
  return failing(inner);
}

/**
 * A storage whose first transaction that records a mail job's outcome commits, then answers with
 * a storage failure: a connection lost between the commit and its answer.
 */
function lostFirstAnswer(inner: Storage): Storage {
  let lost = false;
  return new Proxy(inner, {
    get(object, name) {
      if (name === 'transaction')
        return async <R>(fn: (tx: StorageOps) => Promise<R>) => {
          let settled = false;
          const result = await inner.transaction((tx) =>
            fn(new Proxy(tx, { get: (t, n) => ((n === 'settleMailJobs' && (settled = true)), Reflect.get(t, n, t) as unknown) }) as StorageOps),
          );
          if (settled && !lost) {
            lost = true;
            throw new StorageError('injected: the connection closed before COMMIT answered');
          }
          return result;
        };
      const value = Reflect.get(object, name, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
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

describe('recording a sent mail: what is retried, and for how long', () => {
  it('stop() during the retries waits one pause at most, and says once that the record failed', async () => {
    const errors: unknown[] = [];
    const { portal, mail } = makePortal({ storage: failingSettles(memoryStorage(), 1_000), onError: (e) => errors.push(e), outbox: { leaseMs: 60_000 } });
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    const worker = portal.outbox.start({ intervalMs: 60_000 });
    while (mail.messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    // Into the backoff: a few tries have failed by now.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const stopping = Date.now();
    await worker.stop();
    expect(Date.now() - stopping).toBeLessThan(2_500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'MailNotRecordedError' });
    expect(mail.messages).toHaveLength(1);
  });

  it('does not retry what is no storage failure: it says so at once', async () => {
    const errors: unknown[] = [];
    const tries = { count: 0 };
    const { portal, mail } = makePortal({ storage: failingSettles(memoryStorage(), 1_000, () => new TypeError('a bug, not a database'), tries), onError: (e) => errors.push(e) });
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(tries.count).toBe(1);
    expect(mail.messages).toHaveLength(1);
    expect(errors).toEqual([expect.objectContaining({ name: 'MailNotRecordedError', cause: expect.any(TypeError) })]);
  });

  it('counts a record whose commit went through but whose answer was lost as sent', async () => {
    const errors: unknown[] = [];
    const { portal, mail, storage } = makePortal({ storage: lostFirstAnswer(memoryStorage()), onError: (e) => errors.push(e) });
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(mail.messages).toHaveLength(1);
    expect((await storage.listMailJobs(TENANT_A)).map((j) => j.state)).toEqual(['sent']);
    expect(errors).toEqual([]);
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
