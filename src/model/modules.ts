import * as z from 'zod';

/** Every content module a portal can show, in display order. */
export const MODULES = [
  'updates',
  'documents',
  'drawings',
  'reports',
  'photos',
  'dailyLogs',
  'schedule',
  'selections',
  'changeOrders',
  'invoices',
] as const;

export const ModuleId = z.enum(MODULES);
export type ModuleId = z.infer<typeof ModuleId>;

/** Actions a role can grant on a module. `approve` only means something for selections and change orders. */
export const ACTIONS = ['read', 'approve'] as const;
export const Action = z.enum(ACTIONS);
export type Action = z.infer<typeof Action>;

/** Modules whose resources may be shared as folders (everything inside, now and later). */
export const FOLDER_MODULES: ReadonlySet<ModuleId> = new Set(['documents', 'drawings', 'photos']);
