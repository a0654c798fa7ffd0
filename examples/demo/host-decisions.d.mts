import type { MemoryContent } from 'sitegate/adapters/memory';

/** Sets the decided item's status (and `meta.status`) from an `approval.completed` event; anything else is left alone. */
export function settleDecidedItem(
  content: MemoryContent,
  event: { type: string; tenantId: string; at: Date | string; data: Record<string, unknown> },
): Promise<void>;
