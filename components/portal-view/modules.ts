import type { ModuleId } from '../../src/model/modules.js';

/**
 * Display order of the portal's sections. Kept here instead of importing `MODULES` from the
 * model, which would pull zod into the elements' bundle; the `satisfies` check keeps it in step.
 */
export const MODULE_ORDER = [
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
] as const satisfies readonly ModuleId[];

type Missing = Exclude<ModuleId, (typeof MODULE_ORDER)[number]>;
// Fails to compile when a module is added to the model but not here.
const complete: Missing extends never ? true : never = true;
void complete;

/** Modules whose resources nest in folders. */
export const FOLDER_MODULES: ReadonlySet<ModuleId> = new Set(['documents', 'drawings', 'photos']);
