import { parseInput } from '../errors/from-zod.js';
import { AuditListInput } from '../model/inputs.js';
import type { AuditEvent } from '../model/audit.js';
import type { Page } from '../model/page.js';
import type { StaffActor } from '../model/actor.js';
import type { PortalContext } from '../kernel/context.js';
import { requireStaff } from '../kernel/guard.js';

export function auditService(ctx: PortalContext) {
  return {
    /** The audit trail of the actor's tenant, newest first. */
    async list(actor: StaffActor, input: AuditListInput = {}): Promise<Page<AuditEvent>> {
      const staff = requireStaff(actor, 'read', 'Audit');
      const query = parseInput(AuditListInput, input);
      return ctx.storage.listAudit(staff.tenantId, { ...query, limit: query.limit ?? 100 });
    },
  };
}
