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

/** Per resource: shared itself, covered by a shared folder, or not shared. */
export interface ShareStatus {
  id: string;
  status: 'shared' | 'via_folder' | 'not_shared';
  /** The share that makes it visible (its own, or the folder's). */
  shareId?: string;
  /**
   * `true` only with `not_shared` (absent otherwise): clients of the project see it all the
   * same, because it (or a folder above it) is attached to a published update. Removing the
   * attachment hides it again; sharing it keeps it visible whatever becomes of the update.
   */
  attached?: boolean;
}

export const ShareInput = z.object({ module: ModuleId, id: Id, kind: ResourceKind }).strict();
export type ShareInput = z.infer<typeof ShareInput>;
