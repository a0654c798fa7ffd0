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
  /** When it was last edited; absent when never edited (the portal says "Edited"). */
  editedAt: z.date().optional(),
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

/**
 * An edit of an update: the fields given replace the stored ones; `title: null` removes the
 * title. Resources are checked like `publish`'s (same project, must exist).
 */
export const EditUpdateInput = z
  .object({
    title: storableText().trim().min(1).max(200).nullable().optional(),
    body: storableText().trim().min(1, 'must not be empty').max(20_000).optional(),
    resources: z.array(ResourceRef.strict()).max(100).optional(),
  })
  .strict()
  .refine((input) => input.title !== undefined || input.body !== undefined || input.resources !== undefined, 'nothing to change: give a title, body or resources');
export type EditUpdateInput = z.input<typeof EditUpdateInput>;
