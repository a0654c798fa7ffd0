import * as z from 'zod';
import { Id } from './ids.js';
import { ModuleId } from './modules.js';

/**
 * Who opened what: one per client and resource. `views` counts the views that were recorded,
 * and a view is recorded at most once a minute per client and resource (opens within a minute
 * of the last recorded one are the same view), so `lastViewedAt` is exact to that minute.
 */
export const Receipt = z.object({
  tenantId: Id,
  projectId: Id,
  clientId: Id,
  module: ModuleId,
  /** The resource's id. */
  id: Id,
  firstViewedAt: z.date(),
  lastViewedAt: z.date(),
  views: z.number().int().min(1),
});
export type Receipt = z.infer<typeof Receipt>;

/** A host-served file a client opened: `portal.receipts.record(client, ref)`. */
export const ReceiptRef = z.object({ projectId: Id, module: ModuleId, id: Id }).strict();
export type ReceiptRef = z.input<typeof ReceiptRef>;

/** `portal.receipts.list(staff, projectId, filter)`: every field narrows. */
export const ReceiptListInput = z.object({ module: ModuleId.optional(), id: Id.optional(), clientId: Id.optional() }).strict();
export type ReceiptListInput = z.input<typeof ReceiptListInput>;
