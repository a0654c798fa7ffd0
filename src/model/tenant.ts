import * as z from 'zod';
import { ModuleId } from './modules.js';

/** What the host tells sitegate about one builder account, asked per operation. */
export const TenantSettings = z.object({
  name: z.string().min(1).max(200),
  modules: z.array(ModuleId),
  /** Optional branding for emails and pages. */
  branding: z
    .object({
      logoUrl: z.url().optional(),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
    })
    .optional(),
});
export type TenantSettings = z.infer<typeof TenantSettings>;
