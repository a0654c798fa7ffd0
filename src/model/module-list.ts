/**
 * The module and action lists as plain constants, free of zod, so browser code (the elements)
 * can import them without pulling a schema library into its bundle.
 */

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
export type ModuleId = (typeof MODULES)[number];

/** Actions a role can grant on a module. `approve` only means something for selections and change orders. */
export const ACTIONS = ['read', 'approve'] as const;
export type Action = (typeof ACTIONS)[number];

/** Modules whose resources may be shared as folders (everything inside, now and later). */
export const FOLDER_MODULES: ReadonlySet<ModuleId> = new Set<ModuleId>(['documents', 'drawings', 'photos']);
