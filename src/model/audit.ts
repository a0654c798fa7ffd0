import * as z from 'zod';
import { Id } from './ids.js';
import { AUDIT_ACTIONS } from './value-lists.js';

export { AUDIT_ACTIONS };

export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditActor = z.object({ type: z.enum(['staff', 'client', 'system']), id: z.string() });
export type AuditActor = z.infer<typeof AuditActor>;

/** One line of the audit trail: who did what, when, to what. */
export const AuditEvent = z.object({
  tenantId: Id,
  id: Id,
  at: z.date(),
  actor: AuditActor,
  action: AuditAction,
  clientId: Id.optional(),
  projectId: Id.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
