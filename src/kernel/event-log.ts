import type { PortalEventData, PortalEventType, StoredEvent, TypedPortalEvent } from '../model/portal-event.js';
import type { StorageOps } from '../ports/storage.js';
import { newId } from '../tokens/ids.js';

/**
 * Queues one event for the host's `onEvent`, in the same transaction as the change it reports:
 * it exists exactly when the change committed. The outbox worker delivers it later (see
 * services/event-delivery.ts); the id is what the host de-duplicates on.
 */
export async function emitEvent<T extends PortalEventType>(
  tx: Pick<StorageOps, 'insertEvent'>,
  at: Date,
  tenantId: string,
  type: T,
  data: PortalEventData[T],
): Promise<TypedPortalEvent<T>> {
  const event: StoredEvent = { id: newId('ev'), type, tenantId, at, data, state: 'pending', attempts: 0, runAt: at, updatedAt: at };
  await tx.insertEvent(event);
  return { id: event.id, type, tenantId, at, data } as TypedPortalEvent<T>;
}
