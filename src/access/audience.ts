import type { ModuleId } from '../model/modules.js';
import type { Role } from '../model/role.js';
import type { TenantSettings } from '../model/tenant.js';
import type { AudienceMember } from '../ports/notification-store.js';
import { effectivePermissions } from './roles.js';

/**
 * `clientCanSignIn` over the lean audience row: `active` is the stored status of a client with
 * portal access, activated and not archived; an email change waiting for confirmation bars it too.
 */
const memberCanSignIn = (member: AudienceMember): boolean => member.status === 'active' && !member.pendingEmail;

/**
 * Who of a project's clients (`listProjectAudience`) may be told that something of `module`
 * became visible there: a fast, project-level prefilter for queueing notifications — the client
 * can use the portal, holds the project, and its role reads the module on a module the tenant
 * enables. Whether it may see the very resource is decided again, exactly, when the digest is
 * sent (`AccessIndex`).
 */
export function notificationAudience(
  tenant: TenantSettings,
  roles: ReadonlyMap<string, Role | null>,
  members: readonly AudienceMember[],
  module: ModuleId,
): AudienceMember[] {
  const reads = new Map<string, boolean>();
  const roleReads = (roleId: string): boolean => {
    let answer = reads.get(roleId);
    if (answer === undefined) {
      const role = roles.get(roleId);
      answer = !!role && effectivePermissions(tenant.modules, role).some((p) => p.module === module && p.actions.includes('read'));
      reads.set(roleId, answer);
    }
    return answer;
  };
  return members.filter((member) => memberCanSignIn(member) && roleReads(member.roleId));
}
