import type { Action } from '../model/modules.js';
import type { Resource } from '../model/resource.js';
import { resourceSubject, type AbilityAction, type PortalAbility } from './policy.js';

/** Answers kept per ability before its table starts over; far more than one client's shapes. */
const MAX_PER_ABILITY = 4096;
const answers = new WeakMap<PortalAbility, Map<string, boolean>>();

/**
 * The policy's answer for a resource subject, asked of CASL once per ability and subject shape:
 * action, tenant, project, module, kind, status and coverage. That is exact because no rule of
 * `defineAbilityFor` names a resource id, and a compiled ability never changes (see
 * ability-cache.ts), so an answer stays right for as long as the ability is used; a changed role
 * or setting builds a new ability with a table of its own.
 */
export function resourceVerdict(
  ability: PortalAbility,
  action: Action | AbilityAction,
  tenantId: string,
  resource: Pick<Resource, 'projectId' | 'module' | 'id' | 'kind'> & { status?: string | undefined },
  shared: boolean,
): boolean {
  let table = answers.get(ability);
  if (!table) answers.set(ability, (table = new Map()));
  const { projectId, module, kind, status } = resource;
  // Ids, modules and actions never contain a newline (see `Id`); the status goes last, so it may.
  const key = `${action}\n${shared ? 1 : 0}\n${tenantId}\n${projectId}\n${module}\n${kind}\n${status === undefined ? '-' : `+${status}`}`;
  let answer = table.get(key);
  if (answer === undefined) {
    answer = ability.can(action, resourceSubject(tenantId, resource as Resource, shared));
    if (table.size >= MAX_PER_ABILITY) table.clear();
    table.set(key, answer);
  }
  return answer;
}
