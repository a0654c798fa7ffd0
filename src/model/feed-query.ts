import * as z from 'zod';
import { ModuleId } from './modules.js';

/**
 * Which part of a project's feed to return. Without a module, the first page of every section;
 * with one (and the `more` cursor the feed gave for it), the next page of that section only.
 */
export const FeedQuery = z
  .object({
    module: ModuleId.optional(),
    // A section's cursor (up to 500 characters, as every list's) inside the feed's own.
    cursor: z.string().max(1000).optional(),
  })
  .strict()
  .refine((q) => q.cursor === undefined || q.module !== undefined, { message: 'a cursor pages one module: give `module` too', path: ['module'] });
export type FeedQuery = z.input<typeof FeedQuery>;
