import { MailError } from '../errors/MailError.js';
import { isSitegateError } from '../errors/SitegateError.js';
import type { InviteDelivery } from '../model/client.js';
import type { FlushResult, MailJob } from '../model/outbox.js';
import { composeInviteMessage } from '../mail/invite-message.js';
import { prepareLinkMail } from '../mail/link-message.js';
import { digestBatchReads, prepareDigestMail, type DigestBatchReads } from './digest-mail.js';
import { digestAssembly } from './digests.js';
import { failureReason, isPermanentMailError, retryDelay } from '../mail/retry.js';
import type { PortalContext } from '../kernel/context.js';
import type { MailJobOutcome } from '../ports/storage.js';
import type { MailReceipt } from '../ports/mail.js';
import { drainLeased, type Delivered } from './leased-drain.js';
import { eventDelivery } from './event-delivery.js';
import { coalesce } from './coalesce.js';
import { withinTime } from './time-limit.js';
import { checkWorkerOptions, type FlushOptions, type StartOptions } from './worker-options.js';
import { outboxQueues } from './outbox-queues.js';

type Outcome = Delivered<FlushResult>;

/**
 * What `onError` hears when a mail job is failed for good — a permanent refusal, the last
 * attempt, or an invite that expired while it waited: nobody receives that mail unless someone
 * sends it again, so this failure is named as such, with its cause.
 */
function mailGivenUp(job: MailJob, why: string, cause?: unknown): Error {
  const error = new Error(`Mail job ${job.id} (${job.kind}, tenant ${job.tenantId}) is failed and will not be sent again: ${why}`, cause === undefined ? {} : { cause });
  error.name = 'MailGivenUpError';
  return error;
}

/** Longest a sent mail's record is tried again (real time) before it is left to the lease. */
const RECORD_SENT_MAX_MS = 30_000;
/** At most this many tries to record a sent mail, however the time goes. */
const RECORD_SENT_ATTEMPTS = 10;

/**
 * The durable outbox. An invite and its mail job are stored in one transaction (see
 * `issueInvite`); delivery here claims due jobs with a lease (`claimMailJobs`: row locks on
 * PostgreSQL, so two workers never take the same job), mints the token and sends, then records
 * the outcome on the job and on the client's `inviteDelivery`.
 *
 * A worker that dies between claim and finish leaves its job `sending` until the lease lapses;
 * the next claim takes it again (the claim counts the attempt, so crash loops end at
 * `maxAttempts` too). Each finish first checks that the job is still the one it claimed, so a
 * worker that outlived its lease cannot overwrite the newer attempt's outcome.
 */
export function outboxService(ctx: PortalContext) {
  const { storage, outbox } = ctx;
  const events = eventDelivery(ctx);
  const digests = digestAssembly(ctx);

  /**
   * Records outcomes of the same turn together: the digests of a batch settle in one statement
   * per tenant rather than one each (`settleMailJobs`).
   */
  const settle = coalesce(
    (o: MailJobOutcome & { tenantId: string }) => o.tenantId,
    (tenantId, outcomes) => storage.settleMailJobs(tenantId, outcomes.map(({ tenantId: _tenant, ...outcome }) => outcome)),
  );

  /**
   * Records the job's outcome — and, when it speaks for the client's latest invite, the client's
   * delivery state in the same transaction — fenced on the claim (`sending` + same attempt
   * number). Returns false when another worker has taken the job since.
   */
  async function finish(job: MailJob, patch: Omit<MailJobOutcome, 'jobId' | 'attempts' | 'updatedAt'>, delivery?: Omit<InviteDelivery, 'at'>): Promise<boolean> {
    const now = ctx.now();
    const outcome: MailJobOutcome = { ...patch, jobId: job.id, attempts: job.attempts, updatedAt: now };
    // Only invite mail speaks for the client's `inviteDelivery`; account link mail does not.
    if (!delivery || job.kind !== 'invite' || !job.inviteId) return settle({ ...outcome, tenantId: job.tenantId });
    const inviteId = job.inviteId;
    return storage.transaction(async (tx) => {
      const [settled] = await tx.settleMailJobs(job.tenantId, [outcome]);
      if (!settled) return false;
      // One call at a time: a transaction is one connection, and adapters need not multiplex it.
      const client = await tx.getClientForUpdate(job.tenantId, job.clientId);
      const invite = await tx.getInvite(job.tenantId, inviteId);
      // Only the pending (so: latest) invite's mail speaks for the client; a superseded one's does not.
      if (client && invite?.status === 'pending') {
        await tx.saveClient({ ...client, inviteDelivery: { ...delivery, at: now }, updatedAt: now });
      }
      return true;
    });
  }

  /** Rejects when `what` outlives the lease, so the outcome is recorded before another worker may claim the job. */
  const withinLease = <T>(work: Promise<T>, claimedAt: number, what = 'The mail adapter did not answer'): Promise<T> =>
    withinTime(work, claimedAt + outbox.leaseMs * 0.8 - ctx.now().getTime(), () => new MailError(`${what} within the outbox lease (${outbox.leaseMs} ms)`, { data: { permanent: false } }));

  /**
   * Refuses to mint a token or to send once a fifth of the lease is gone (a host hook or the
   * database was slow), and the job is tried again later. A claim that outlived its lease may
   * have lost the job to another worker: its late token would kill the link that worker mails,
   * its late send would mail the client twice. Stopping early also leaves the send most of the
   * lease (some 70 s of the default 2 min), more than an SMTP adapter waits for its answer.
   */
  function assertLeaseRoom(claimedAt: number): void {
    if (ctx.now().getTime() - claimedAt <= outbox.leaseMs * 0.2) return;
    throw new MailError(`The mail took more than a fifth of the outbox lease (${outbox.leaseMs} ms) to prepare; it is sent on a later attempt`, { data: { permanent: false } });
  }

  /**
   * Records a mail the adapter took. It is out: failing to record that (storage down for a
   * moment, a row lock held past `lock_timeout`) is no failed send, whose retry would mail it
   * again, and an invite with a new link that kills the first one's. So a storage failure is
   * tried again, with backoff, for as long as the lease leaves (at most `RECORD_SENT_MAX_MS`,
   * `RECORD_SENT_ATTEMPTS` tries, 2 s apart at most), and not again once the worker is stopping:
   * `stop()` waits one pause at most. Past that, or for any other error, `onError` hears one
   * `MailNotRecordedError` and the job goes to its lease, after which it is sent again. Never
   * throws: nothing here is the send's failure.
   */
  async function recordSent(job: MailJob, receipt: MailReceipt | undefined, claimedAt: number, more: () => boolean, delivery?: Omit<InviteDelivery, 'at'>): Promise<Outcome> {
    const sent = { state: 'sent', ...(receipt?.providerId ? { providerId: String(receipt.providerId) } : {}) } as const;
    // Waits are in real time: a host's `now` may be a clock that stands still.
    const started = Date.now();
    const budget = Math.min(RECORD_SENT_MAX_MS, claimedAt + outbox.leaseMs * 0.9 - ctx.now().getTime());
    let failed: unknown;
    for (let attempt = 1, wait = 100; ; attempt++, wait = Math.min(wait * 2, 2000)) {
      try {
        if (await finish(job, sent, delivery)) return 'sent';
        // Fenced out: another worker has the job, or an earlier try did commit and only its answer was lost.
        return failed !== undefined && (await recordedAsSent(job)) ? 'sent' : 'lost';
      } catch (error) {
        failed = error;
        const transient = isSitegateError(error) && error.code === 'storage_failed';
        const left = transient && more() && attempt < RECORD_SENT_ATTEMPTS && Date.now() - started + wait <= budget;
        if (!left) {
          const failure = new Error(`Mail job ${job.id} (tenant ${job.tenantId}) was sent, but recording it failed; it is sent again once its lease ends.`, { cause: error });
          failure.name = 'MailNotRecordedError';
          ctx.onError(failure);
          return 'lost';
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Whether this very claim of `job` is recorded as sent (a try whose answer was lost did commit). */
  async function recordedAsSent(job: MailJob): Promise<boolean> {
    try {
      const now = await storage.getMailJob(job.tenantId, job.id);
      return now?.state === 'sent' && now.attempts === job.attempts;
    } catch {
      return false;
    }
  }

  /** Per claimed batch, the reads its digests share (`digestBatchReads`); gone with the batch. */
  const batchReads = new WeakMap<readonly MailJob[], DigestBatchReads>();
  const readsOf = (batch: readonly MailJob[]): DigestBatchReads => {
    let reads = batchReads.get(batch);
    if (!reads) batchReads.set(batch, (reads = digestBatchReads(ctx, batch)));
    return reads;
  };

  /** Fails `job` for good and, when this worker's claim recorded it, tells `onError`. */
  async function giveUp(job: MailJob, reason: string, cause?: unknown): Promise<Outcome> {
    if (!(await finish(job, { state: 'failed', lastError: reason }, { state: 'failed', reason }))) return 'lost';
    ctx.onError(mailGivenUp(job, reason, cause));
    return 'failed';
  }

  async function deliver(job: MailJob, claimedAt: number, batch: readonly MailJob[], more: () => boolean): Promise<Outcome> {
    if (job.attempts > outbox.maxAttempts) {
      // Only claims that never finished (workers that died mid-send) get the count this far.
      const reason = `gave up after ${outbox.maxAttempts} attempts; the last ones never finished: ${job.lastError ?? 'the worker stopped mid-send'}`;
      return giveUp(job, reason);
    }
    try {
      // Preparing calls the host's hooks: one that hangs must not hold the batch (and `stop()`).
      const beforeMint = () => assertLeaseRoom(claimedAt);
      if (job.kind !== 'invite') {
        const preparing = job.kind === 'digest' ? prepareDigestMail(ctx, job, readsOf(batch), beforeMint) : prepareLinkMail(ctx, job, beforeMint);
        const prepared = await withinLease(preparing, claimedAt, 'The mail was not prepared');
        if ('skip' in prepared) return (await finish(job, { state: prepared.skip, lastError: prepared.reason })) ? prepared.skip : 'lost';
        assertLeaseRoom(claimedAt);
        const receipt = await withinLease(ctx.mail.send(prepared.message), claimedAt);
        return await recordSent(job, receipt, claimedAt, more);
      }
      const invite = await storage.getInvite(job.tenantId, job.inviteId!);
      if (!invite || invite.status !== 'pending') {
        const cancelled = { state: 'cancelled', lastError: 'the invite was replaced or used before its mail went out' } as const;
        return (await finish(job, cancelled)) ? 'cancelled' : 'lost';
      }
      if (invite.expiresAt.getTime() <= ctx.now().getTime()) {
        const reason = `the invite expired before its mail could be sent${job.lastError ? ` (last error: ${job.lastError})` : ''}`;
        return giveUp(job, reason);
      }
      const message = await withinLease(composeInviteMessage(ctx, job, invite, beforeMint), claimedAt, 'The mail was not prepared');
      if (!message) {
        return (await finish(job, { state: 'cancelled', lastError: 'the invite was replaced or used before its mail went out' })) ? 'cancelled' : 'lost';
      }
      assertLeaseRoom(claimedAt);
      const receipt = await withinLease(ctx.mail.send(message), claimedAt);
      return await recordSent(job, receipt, claimedAt, more, { state: 'sent' });
    } catch (error) {
      const reason = failureReason(error);
      if (isPermanentMailError(error) || job.attempts >= outbox.maxAttempts) {
        const final = isPermanentMailError(error) ? reason : `gave up after ${job.attempts} attempts: ${reason}`;
        return giveUp(job, final, error);
      }
      ctx.onError(error);
      const runAt = new Date(ctx.now().getTime() + retryDelay(job.attempts, outbox));
      // The client keeps showing `queued`, with why the mail is late.
      const retry = { state: 'pending', lastError: reason, runAt } as const;
      return (await finish(job, retry, { state: 'queued', reason: `retrying: ${reason}` })) ? 'retrying' : 'lost';
    }
  }

  /**
   * Delivers every mail that is due now, batch by batch; returns what happened. Jobs whose retry
   * falls due while this runs wait for the next flush, so one flush never hammers a failing server.
   * With `tenantId`, only that tenant's mail: on a database distributed by tenant, each claim
   * then stays on one shard (docs/scaling.md).
   */
  async function flush(input?: FlushOptions): Promise<FlushResult> {
    const options = checkWorkerOptions('outbox.flush', input);
    const result = await drain(options, () => true);
    if (!ctx.onEvent) return result;
    return { ...result, events: await events.drain(options) };
  }

  /** Mail and events side by side (neither waits for the other's failure); then the first error, if any. */
  async function drainBoth(options: { batchSize?: number; tenantId?: string }, more: () => boolean): Promise<void> {
    const [mail, heard] = await Promise.allSettled([drain(options, more), events.drain(options, more)]);
    if (mail.status === 'rejected') throw mail.reason;
    if (heard.status === 'rejected') throw heard.reason;
  }

  /** `flush`, claiming another batch only while `more()` says so. */
  async function drain(options: { batchSize?: number; tenantId?: string }, more: () => boolean): Promise<FlushResult> {
    const counts: FlushResult = { sent: 0, failed: 0, retrying: 0, cancelled: 0 };
    // Digests whose window has elapsed become mail jobs first, so this drain sends them.
    // Its failure (storage down, a tenant unknown) goes to `onError`: invites and links still go out.
    if (more()) {
      const assembling = digests.assemble(options.tenantId === undefined ? {} : { tenantId: options.tenantId });
      // Assembly asks the host's hooks too: one that hangs must not hold back the mail due.
      await withinTime(assembling, outbox.leaseMs * 0.8, () => new Error(`Digest assembly did not finish within the outbox lease (${outbox.leaseMs} ms)`)).catch(ctx.onError);
    }
    return drainLeased(ctx, counts, options, more, (...claim) => storage.claimMailJobs(...claim), deliver);
  }

  /** One flush of everything due, or of each of `tenantIds` in turn. */
  async function flushAll(options: { batchSize?: number; tenantIds?: readonly string[] }, more: () => boolean): Promise<void> {
    const batch = options.batchSize ? { batchSize: options.batchSize } : {};
    if (!options.tenantIds) return drainBoth(batch, more);
    // One tenant's failure (its shard down, say) must not hold up the others' mail.
    for (const tenantId of options.tenantIds) if (more()) await drainBoth({ ...batch, tenantId }, more).catch(ctx.onError);
  }

  /**
   * Runs `flush` every `intervalMs` (default 1 s) until `stop()`. `stop()` waits only for the
   * batch being delivered; jobs not yet claimed stay for the next worker, so a large backlog
   * does not hold up a shutdown. Errors go to `onError` and the loop goes on. With `tenantIds`, each tick
   * flushes those tenants one by one instead of all tenants at once.
   */
  function start(input?: StartOptions): { stop: () => Promise<void> } {
    const options = checkWorkerOptions('outbox.start', input);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      timer = undefined;
      running = flushAll(options, () => !stopped)
        .catch(ctx.onError)
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 1000);
        });
    };
    tick();
    return {
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      },
    };
  }

  /** Mail jobs of one tenant, for support pages and tests. */
  async function list(tenantId: string, query: { state?: MailJob['state']; clientId?: string } = {}): Promise<MailJob[]> {
    return storage.listMailJobs(tenantId, query);
  }

  return { flush, start, list, ...outboxQueues(ctx) };
}
