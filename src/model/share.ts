import * as z from 'zod';
import { Id } from './ids.js';
import { ModuleId } from './modules.js';
import { ResourceKind } from './resource.js';

/** A grant making one host resource (or a whole folder) visible to the project's clients. */
export const Share = z.object({
  tenantId: Id,
  id: Id,
  projectId: Id,
  module: ModuleId,
  resourceId: Id,
  kind: ResourceKind,
  sharedBy: Id,
  createdAt: z.date(),
});
export type Share = z.infer<typeof Share>;

export const ShareInput = z.object({ module: ModuleId, id: Id, kind: ResourceKind }).strict();
export type ShareInput = z.infer<typeof ShareInput>;
