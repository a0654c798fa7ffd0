import * as z from 'zod';
import { Id } from './ids.js';

export const AUDIT_ACTIONS = [
  'client.added',
  'client.updated',
  'client.projects_set',
  'client.project_revoked',
  'invite.sent',
  'invite.resent',
  'invite.accepted',
  'session.signed_in',
  'session.signed_out',
  'share.created',
  'share.removed',
  'update.published',
  'role.saved',
] as const;
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
