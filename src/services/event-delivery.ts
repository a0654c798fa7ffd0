import type { PortalContext } from '../kernel/context.js';
import { drainLeased, type Delivered } from './leased-drain.js';
import { withinTime } from './time-limit.js';
import { failureReason, retryDelay } from '../mail/retry.js';
import type { EventFlushResult, StoredEvent, TypedPortalEvent } from '../model/portal-event.js';

type Outcome = Delivered<EventFlushResult>;

/**
 * What `onError` hears when an event is given up: the one failure a host must not miss (it will
 * not hear that event again), said as such, with the host's own error as its cause.
 */
function givenUp(event: StoredEvent, why: string, cause: unknown): Error {
  const error = new Error(`onEvent: event ${event.id} (${event.type}) of tenant ${event.tenantId} is failed and will not be delivered again: ${why}`, { cause });
  error.name = 'EventGivenUpError';
  return error;
}

/**
 * Delivers stored events to the host's `onEvent`, beside the mail in the outbox: claimed with a
 * lease (`claimEvents`: row locks with SKIP LOCKED on PostgreSQL), at least once, and in order
 * per tenant — a claim takes only each tenant's first undelivered event, so while it is leased
 * or waiting to retry, that tenant's later events wait. After `maxAttempts` the event is
 * `failed` and the tenant's next event goes. A worker that dies mid-delivery leaves its event
 * `delivering` until the lease lapses; the next claim delivers it again, with the same id.
 */
export function eventDelivery(ctx: PortalContext) {
  const { storage, outbox } = ctx;

  /** Saves the outcome only if the event is still this claim's; false when another worker has taken it since. */
  const settle = (event: StoredEvent, state: 'delivered' | 'pending' | 'failed', runAt: Date, lastError?: string) =>
    storage.settleEvent(event.tenantId, event.id, event.attempts, { state, runAt, updatedAt: ctx.now(), ...(lastError === undefined ? {} : { lastError }) });

  /** Rejects when the host outlives the lease, so the outcome is recorded before another worker may claim the event. */
  const withinLease = (work: Promise<void>, claimedAt: number): Promise<void> =>
    withinTime(work, claimedAt + outbox.leaseMs * 0.8 - ctx.now().getTime(), () => new Error(`onEvent did not finish within the outbox lease (${outbox.leaseMs} ms)`));

  async function deliver(onEvent: NonNullable<PortalContext['onEvent']>, event: StoredEvent, claimedAt: number): Promise<Outcome> {
    const now = () => ctx.now();
    if (event.attempts > outbox.maxAttempts) {
      // Only claims that never finished (workers that died mid-delivery) get the count this far.
      const reason = `gave up after ${outbox.maxAttempts} attempts; the last ones never finished: ${event.lastError ?? 'the worker stopped mid-delivery'}`;
      const failed = await settle(event, 'failed', now(), reason);
      // The host's last error is known only as the text the claim recorded.
      if (failed) ctx.onError(givenUp(event, reason, new Error(event.lastError ?? 'the worker stopped mid-delivery')));
      return failed ? 'failed' : 'lost';
    }
    const { id, type, tenantId, at, data } = event;
    // A copy: whatever the host does to it changes nothing stored. Its data was written by
    // `emitEvent`, which types it by `type`.
    const heard = structuredClone({ id, type, tenantId, at, data }) as TypedPortalEvent;
    try {
      await withinLease(Promise.resolve().then(() => onEvent(heard)), claimedAt);
    } catch (error) {
      const reason = failureReason(error);
      if (event.attempts >= outbox.maxAttempts) {
        const failed = await settle(event, 'failed', now(), `gave up after ${event.attempts} attempts: ${reason}`);
        if (failed) ctx.onError(givenUp(event, `gave up after ${event.attempts} attempts`, error));
        return failed ? 'failed' : 'lost';
      }
      ctx.onError(error);
      const runAt = new Date(now().getTime() + retryDelay(event.attempts, outbox));
      return (await settle(event, 'pending', runAt, reason)) ? 'retrying' : 'lost';
    }
    return (await settle(event, 'delivered', now())) ? 'delivered' : 'lost';
  }

  /**
   * Delivers every event due now, batch by batch, until none is left or `more()` says stop. Each
   * batch holds at most one event per tenant, delivered side by side; a tenant's next event comes
   * in a later batch. Retries that fall due while this runs wait for the next flush. A portal
   * without `onEvent` delivers nothing.
   */
  async function drain(options: { batchSize?: number; tenantId?: string }, more: () => boolean = () => true): Promise<EventFlushResult> {
    const result: EventFlushResult = { delivered: 0, failed: 0, retrying: 0 };
    const onEvent = ctx.onEvent;
    if (!onEvent) return result;
    return drainLeased(ctx, result, options, more, (...claim) => storage.claimEvents(...claim), (event, claimedAt) => deliver(onEvent, event, claimedAt));
  }

  return { drain };
}
