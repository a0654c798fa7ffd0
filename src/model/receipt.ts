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

/**
 * `portal.receipts.list(staff, projectId, filter)`: every filter narrows (`ids`: any of these
 * resources, for a selection of several). A page holds `limit` receipts (default 100, at most
 * 500), newest view first; `cursor` is the `nextCursor` of the page before.
 */
export const ReceiptListInput = z
  .object({
    module: ModuleId.optional(),
    id: Id.optional(),
    ids: Id.array().min(1, 'give at least one id').max(500).optional(),
    clientId: Id.optional(),
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ReceiptListInput = z.input<typeof ReceiptListInput>;
