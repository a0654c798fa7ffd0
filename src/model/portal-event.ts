import * as z from 'zod';
import { Id } from './ids.js';
import { EVENT_DELIVERY_STATES, EVENT_TYPES } from './value-lists.js';

export { EVENT_DELIVERY_STATES, EVENT_TYPES };

export const PortalEventType = z.enum(EVENT_TYPES);
export type PortalEventType = z.infer<typeof PortalEventType>;

/**
 * What the host hears through `createPortal({ onEvent })`. `id` is stable: a redelivery after a
 * crash or a failed attempt carries the same id, so the host can drop duplicates.
 */
export const PortalEvent = z.object({
  id: Id,
  type: PortalEventType,
  tenantId: Id,
  at: z.date(),
  data: z.record(z.string(), z.unknown()),
});
export type PortalEvent = z.infer<typeof PortalEvent>;

/**
 * `pending`: waiting (or waiting to retry, from `runAt`); `delivering`: claimed by a worker
 * until `runAt` (the lease); `delivered`; `failed`: given up after the outbox's `maxAttempts`.
 */
export const EventDeliveryState = z.enum(EVENT_DELIVERY_STATES);
export type EventDeliveryState = z.infer<typeof EventDeliveryState>;

/** An event as the store keeps it: the event, and how far its delivery got. */
export const StoredEvent = PortalEvent.extend({
  state: EventDeliveryState,
  attempts: z.number().int().min(0),
  /** When it may next be tried (also the lease end while `delivering`). */
  runAt: z.date(),
  lastError: z.string().optional(),
  updatedAt: z.date(),
});
export type StoredEvent = z.infer<typeof StoredEvent>;

/** What one flush did with events, by outcome (see `FlushResult.events`). */
export interface EventFlushResult {
  delivered: number;
  /** Given up after `maxAttempts`: the tenant's next event goes next. */
  failed: number;
  /** The host failed; tried again later, and the tenant's later events wait for it. */
  retrying: number;
}
