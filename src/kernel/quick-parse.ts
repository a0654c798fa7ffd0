import { parseInput } from '../errors/from-zod.js';
import { Actor } from '../model/actor.js';
import { isId } from '../model/ids.js';
import { ACTIONS, MODULES, type Action, type ModuleId } from '../model/module-list.js';

/**
 * Hand-written checks for the shapes every permission check parses (an actor, an action, a
 * resource ref), tens of times cheaper than the zod schemas they mirror: `portal.can` runs
 * them per call. Each accepts only what its schema accepts and returns what the schema would;
 * anything it does not recognise goes to the schema itself, so errors and edge cases are the
 * schema's own (test/core/quick-parse.test.ts holds them to it).
 */

const ACTION_SET: ReadonlySet<unknown> = new Set(ACTIONS);
const MODULE_SET: ReadonlySet<unknown> = new Set(MODULES);

/** `Action.safeParse(value).success`, without zod. */
export const isAction = (value: unknown): value is Action => ACTION_SET.has(value);

/** `ModuleId.safeParse(value).success`, without zod. */
export const isModuleId = (value: unknown): value is ModuleId => MODULE_SET.has(value);

/** A plain object (a literal or parsed JSON): the only kind the quick checks read. */
function plain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `parseInput(Actor, actor, ['actor'])`: the actor, copied, or a ValidationError. */
export function parseActor(actor: unknown): Actor {
  if (plain(actor)) {
    const { type, tenantId } = actor;
    if (type === 'client' && isId(tenantId)) {
      const { clientId } = actor;
      if (isId(clientId)) return { type, tenantId, clientId };
    } else if (type === 'staff' && isId(tenantId)) {
      const { userId } = actor;
      if (isId(userId)) return { type, tenantId, userId };
    }
  }
  return parseInput(Actor, actor, ['actor']);
}

/** `{ projectId: Id, module: ModuleId, id: Id }` when `ref` is exactly that (extra keys dropped); else `undefined`. */
export function quickProjectRef(ref: unknown): { projectId: string; module: ModuleId; id: string } | undefined {
  if (!plain(ref)) return undefined;
  const { projectId, module, id } = ref;
  return isId(projectId) && isModuleId(module) && isId(id) ? { projectId, module, id } : undefined;
}

/**
 * `TenantSettings.safeParse(value).data` for the settings most hosts return — a plain object
 * with exactly a `name` (1–200 characters) and a `modules` array of module ids — as a copy;
 * `undefined` for anything else (other keys, a class instance, a bad value), which the schema
 * then parses. The host is asked for these on every call, `portal.can` included.
 */
export function quickTenantSettings(value: unknown): { name: string; modules: ModuleId[] } | undefined {
  if (!plain(value)) return undefined;
  let keys = 0;
  for (const key in value) {
    if (key !== 'name' && key !== 'modules') return undefined;
    keys++;
  }
  const { name, modules } = value;
  if (keys !== 2 || typeof name !== 'string' || name.length < 1 || name.length > 200 || !Array.isArray(modules)) return undefined;
  if (Object.getPrototypeOf(modules) !== Array.prototype) return undefined;
  const copy: ModuleId[] = [];
  for (let i = 0; i < modules.length; i++) {
    const module: unknown = modules[i];
    if (!isModuleId(module)) return undefined;
    copy.push(module);
  }
  return { name, modules: copy };
}
