import type { PortalContext } from '../kernel/context.js';
import type { OutboxBacklog } from '../model/outbox.js';
import type { EventDeliveryState, StoredEvent } from '../model/portal-event.js';
import { EVENT_DELIVERY_STATES } from '../model/value-lists.js';
import { checkedOptions, isTenantId } from './worker-options.js';

/** Most events one `retryEvents` call names: the ids travel as one array parameter. */
const MAX_RETRY_IDS = 1000;

function tenantOf(where: string, tenantId: unknown): string {
  if (!isTenantId(tenantId)) throw new TypeError(`${where}: tenantId must be a non-empty string`);
  return tenantId;
}

/**
 * What an operator asks of the outbox's queues: how far behind they are (`backlog`, for alerts),
 * which events the host has not taken (`events`), and sending given-up events again once the
 * host's endpoint is back (`retryEvents`). Misused arguments are a `TypeError`, as `flush`'s.
 */
export function outboxQueues(ctx: PortalContext) {
  const { storage } = ctx;

  /** Both queues, of every tenant or of one, as at the portal's clock. */
  async function backlog(options?: { tenantId?: string }): Promise<OutboxBacklog> {
    const { tenantId } = checkedOptions('outbox.backlog', options, { tenantId: true });
    if (tenantId !== undefined) tenantOf('outbox.backlog', tenantId);
    const at = ctx.now();
    const one = tenantId as string | undefined;
    const [mail, events] = await Promise.all([storage.mailBacklog(at, one), storage.eventBacklog(at, one)]);
    return { at, mail, events };
  }

  /** The tenant's events for `onEvent`, oldest first, with how far their delivery got. */
  async function events(tenantId: string, query?: { state?: EventDeliveryState }): Promise<StoredEvent[]> {
    const { state } = checkedOptions('outbox.events', query, { state: true });
    if (state !== undefined && !(EVENT_DELIVERY_STATES as readonly unknown[]).includes(state)) {
      throw new TypeError(`outbox.events: state must be one of ${EVENT_DELIVERY_STATES.join(', ')} (got ${String(state)})`);
    }
    return storage.listEvents(tenantOf('outbox.events', tenantId), state === undefined ? {} : { state: state as EventDeliveryState });
  }

  /**
   * The tenant's given-up events (of `ids` only, when given) go back in its queue with a fresh
   * set of attempts; the next flush delivers them, oldest first, ahead of the tenant's newer
   * events. Events already purged are gone. How many went back.
   */
  async function retryEvents(tenantId: string, options?: { ids?: readonly string[] }): Promise<{ requeued: number }> {
    const tenant = tenantOf('outbox.retryEvents', tenantId);
    const { ids } = checkedOptions('outbox.retryEvents', options, { ids: true });
    if (ids !== undefined && !(Array.isArray(ids) && ids.length <= MAX_RETRY_IDS && ids.every(isTenantId))) {
      throw new TypeError(`outbox.retryEvents: ids must be an array of at most ${MAX_RETRY_IDS} non-empty strings`);
    }
    const requeued = await storage.retryFailedEvents(tenant, ctx.now(), ids as readonly string[] | undefined);
    return { requeued };
  }

  return { backlog, events, retryEvents };
}
