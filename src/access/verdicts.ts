import { MODULES, type Action } from '../model/modules.js';
import type { Resource } from '../model/resource.js';
import { resourceSubject, type AbilityAction, type PortalAbility } from './policy.js';

/** Answer tables (one per tenant, project and status) kept per ability before it starts over: far more than one client's shapes, at most ~180 KB. */
const MAX_PER_ABILITY = 512;

// The fixed parts of a subject shape, numbered: a shape's slot is then arithmetic, not a string.
const ACTION_CODES: readonly (Action | AbilityAction)[] = ['read', 'approve', 'manage', 'create', 'update', 'delete'];
const KIND_CODES: readonly (Resource['kind'] | undefined)[] = ['folder', 'item', undefined];
const SLOTS = ACTION_CODES.length * MODULES.length * KIND_CODES.length * 2;
const UNKNOWN = 0;
const DENIED = 1;
const ALLOWED = 2;

/**
 * One ability's answers: by tenant, project and status (`undefined` when the resource has
 * none), a slot per action × module × kind × shared holding `UNKNOWN`, `DENIED` or `ALLOWED`.
 */
interface AnswerTable {
  tables: number;
  byTenant: Map<string, Map<string, Map<string | undefined, Uint8Array>>>;
}
const answers = new WeakMap<PortalAbility, AnswerTable>();

/** The slots of one tenant, project and status, created on first use. */
function slotsFor(ability: PortalAbility, tenantId: string, projectId: string, status: string | undefined): Uint8Array {
  let table = answers.get(ability);
  if (!table || table.tables >= MAX_PER_ABILITY) answers.set(ability, (table = { tables: 0, byTenant: new Map() }));
  let byProject = table.byTenant.get(tenantId);
  if (!byProject) table.byTenant.set(tenantId, (byProject = new Map()));
  let byStatus = byProject.get(projectId);
  if (!byStatus) byProject.set(projectId, (byStatus = new Map()));
  let slots = byStatus.get(status);
  if (!slots) byStatus.set(status, (slots = new Uint8Array(SLOTS))), table.tables++;
  return slots;
}

/**
 * The policy's answer for a resource subject, asked of CASL once per ability and subject shape:
 * action, tenant, project, module, kind, status and coverage. That is exact because no rule of
 * `defineAbilityFor` names a resource id, and a compiled ability never changes (see
 * ability-cache.ts), so an answer stays right for as long as the ability is used; a changed role
 * or setting builds a new ability with a table of its own. A shape outside the numbered lists
 * (which the parsed inputs never give) is asked of CASL every time.
 */
export function resourceVerdict(
  ability: PortalAbility,
  action: Action | AbilityAction,
  tenantId: string,
  resource: Pick<Resource, 'projectId' | 'module' | 'id' | 'kind'> & { status?: string | undefined },
  shared: boolean,
): boolean {
  const { projectId, module, kind, status } = resource;
  const a = ACTION_CODES.indexOf(action);
  const m = (MODULES as readonly string[]).indexOf(module);
  const k = KIND_CODES.indexOf(kind);
  if (a < 0 || m < 0 || k < 0) return ability.can(action, resourceSubject(tenantId, resource as Resource, shared));
  const slots = slotsFor(ability, tenantId, projectId, status);
  const slot = ((a * MODULES.length + m) * KIND_CODES.length + k) * 2 + (shared ? 1 : 0);
  const known = slots[slot];
  if (known !== UNKNOWN) return known === ALLOWED;
  const answer = ability.can(action, resourceSubject(tenantId, resource as Resource, shared));
  slots[slot] = answer ? ALLOWED : DENIED;
  return answer;
}
