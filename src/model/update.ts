import * as z from 'zod';
import { Id } from './ids.js';
import { ResourceRef } from './resource.js';
import { storableText } from './text.js';

/** A note composed by staff and shown in the portal's updates feed, with attached resources. */
export const Update = z.object({
  tenantId: Id,
  id: Id,
  projectId: Id,
  title: z.string().max(200).optional(),
  body: z.string(),
  resources: z.array(ResourceRef),
  authorId: Id,
  publishedAt: z.date(),
});
export type Update = z.infer<typeof Update>;

export const UpdateInput = z
  .object({
    title: storableText().trim().min(1).max(200).optional(),
    body: storableText().trim().min(1, 'must not be empty').max(20_000),
    resources: z.array(ResourceRef.strict()).max(100).optional(),
  })
  .strict();
export type UpdateInput = z.infer<typeof UpdateInput>;
