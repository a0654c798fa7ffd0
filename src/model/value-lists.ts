/**
 * Record status and audit action lists as plain constants, free of zod (like module-list.ts), so
 * the browser client's response checks and the zod schemas share one definition.
 */

/** `archived`: taken out of the list by the builder; no access, history kept. */
export const CLIENT_STATUSES = ['not_invited', 'invited', 'expired', 'active', 'disabled', 'archived'] as const;

/** What became of the latest invite email. */
export const DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;

export const INVITE_STATUSES = ['pending', 'accepted', 'expired', 'superseded', 'cancelled'] as const;

/** What an account link (reset, sign-in, email confirmation) is for. */
export const ACCOUNT_LINK_PURPOSES = ['password-reset', 'sign-in', 'confirm-email'] as const;

/** Stored status of an account link; `expired` is a pending link past its time. */
export const ACCOUNT_LINK_STATUSES = ['pending', 'used', 'superseded', 'cancelled'] as const;

/** What anyone holding an account link may learn: a superseded link reads as `cancelled`. */
export const LINK_INFO_STATUSES = ['pending', 'used', 'expired', 'cancelled'] as const;

export const AUDIT_ACTIONS = [
  'client.added',
  'client.updated',
  'client.projects_set',
  'client.project_revoked',
  'client.project_granted',
  'invite.sent',
  'invite.resent',
  'invite.accepted',
  'session.signed_in',
  'session.signed_out',
  'share.created',
  'share.removed',
  'update.published',
  'update.edited',
  'update.removed',
  'role.saved',
  'approval.requested',
  'approval.decided',
  'approval.reopened',
  'approval.withdrawn',
  'resource.viewed',
  'client.archived',
  'client.restored',
  'client.email_change_requested',
  'client.email_confirmed',
  'password.reset_requested',
  'password.reset',
  'session.link_requested',
  'session.signed_out_everywhere',
  'notifications.set',
  'notifications.unsubscribed',
] as const;

/** What the host hears through `onEvent` (see portal-event.ts). */
export const EVENT_TYPES = ['approval.requested', 'approval.decided', 'approval.completed', 'approval.withdrawn', 'invite.accepted', 'client.viewed', 'access.revoked'] as const;

/** Delivery of a stored event to the host's `onEvent`. */
export const EVENT_DELIVERY_STATES = ['pending', 'delivering', 'delivered', 'failed'] as const;
