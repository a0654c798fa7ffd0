/**
 * Record status and audit action lists as plain constants, free of zod (like module-list.ts), so
 * the browser client's response checks and the zod schemas share one definition.
 */

export const CLIENT_STATUSES = ['not_invited', 'invited', 'expired', 'active', 'disabled'] as const;

/** What became of the latest invite email. */
export const DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;

export const INVITE_STATUSES = ['pending', 'accepted', 'expired', 'superseded', 'cancelled'] as const;

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
