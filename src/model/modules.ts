import * as z from 'zod';
import { ACTIONS, MODULES } from './module-list.js';

export { ACTIONS, FOLDER_MODULES, MODULES } from './module-list.js';

export const ModuleId = z.enum(MODULES);
export type ModuleId = z.infer<typeof ModuleId>;

export const Action = z.enum(ACTIONS);
export type Action = z.infer<typeof Action>;
