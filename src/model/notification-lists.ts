/**
 * The notification value lists as plain constants, free of zod (like module-list.ts), so the
 * browser client's response checks and the zod schemas share one definition.
 */

/** A client's digest frequency. */
export const FREQUENCIES = ['instant', 'daily', 'weekly', 'off'] as const;

/** What became visible to a client. */
export const NOTIFICATION_KINDS = ['share', 'update', 'approval'] as const;
