import { subject } from '@casl/ability';
import { forbidden } from '../errors/ForbiddenError.js';
import type { ClientActor, StaffActor } from '../model/actor.js';
import { parseActor } from './quick-parse.js';
import type { AbilityAction } from '../access/policy.js';
import { staffAbility } from '../access/ability-cache.js';

type StaffSubject = 'Client' | 'Invite' | 'Share' | 'Update' | 'Audit' | 'Role' | 'Project' | 'Approval';

/**
 * Authorises a staff call: the actor must be well-formed staff, and CASL must allow `action` on
 * `subjectType` in the actor's own tenant. Every query that follows is scoped by that tenant,
 * so another tenant's records are simply not found.
 */
export function requireStaff(actor: unknown, action: AbilityAction, subjectType: StaffSubject): StaffActor {
  const parsed = parseActor(actor);
  if (parsed.type !== 'staff') throw forbidden(action, subjectType, `Only builder staff may ${action} ${subjectType.toLowerCase()}s`);
  // Compiled once per tenant: the rules name the tenant and nothing else of the actor.
  const ability = staffAbility(parsed);
  if (!ability.can(action, subject(subjectType, { tenantId: parsed.tenantId }))) throw forbidden(action, subjectType);
  return parsed;
}

/** A well-formed client actor (its facts are checked by the view). */
export function requireClient(actor: unknown): ClientActor {
  const parsed = parseActor(actor);
  if (parsed.type !== 'client') throw forbidden('read', 'Portal', 'Only clients have a portal view');
  return parsed;
}
