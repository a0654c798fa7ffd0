import * as z from 'zod';
import { Id } from './ids.js';
import type { ApprovalDecisionValue, ApprovalMode, ApprovalStatus } from './approval.js';
import type { ModuleId } from './modules.js';
import type { ResourceKind, ResourceRef } from './resource.js';
import type { RolePermission } from './role.js';
import { EVENT_DELIVERY_STATES, EVENT_TYPES } from './value-lists.js';

export { EVENT_DELIVERY_STATES, EVENT_TYPES };

export const PortalEventType = z.enum(EVENT_TYPES);
export type PortalEventType = z.infer<typeof PortalEventType>;

/**
 * What the host hears through `createPortal({ onEvent })`. `id` is stable: a redelivery after a
 * crash or a failed attempt carries the same id, so the host can drop duplicates.
 */
export const PortalEvent = z.object({
  id: Id,
  type: PortalEventType,
  tenantId: Id,
  at: z.date(),
  data: z.record(z.string(), z.unknown()),
});
export type PortalEvent = z.infer<typeof PortalEvent>;

/**
 * What an `access.revoked` event says was taken away, by `cause`. A host that mirrors who may see
 * what (a CRM, its own notifications) hears each revocation once, in the transaction that makes
 * it: the event exists exactly when the revocation took effect. None deletes content or history.
 */
export type AccessRevoked =
  /** A share was removed: every client of the project loses what it alone made visible. */
  | { cause: 'share_removed'; projectId: string; module: ModuleId; id: string; kind: ResourceKind; shareId: string }
  /** A project was taken from a client (`clients.revokeProject`, or left out by `clients.setProjects`). */
  | { cause: 'project_removed'; clientId: string; projectId: string }
  /** Portal access was switched off: sessions ended, pending invite and links cancelled. */
  | { cause: 'portal_access_off'; clientId: string }
  | { cause: 'client_archived'; clientId: string }
  /** The client was given a role that lacks permissions its previous one had (`lost`). */
  | { cause: 'role_changed'; clientId: string; roleId: string; previousRoleId: string; lost: RolePermission[] }
  /** A custom role was saved without permissions it had: every client holding it loses `lost`. */
  | { cause: 'role_narrowed'; roleId: string; lost: RolePermission[] }
  /** An update's edit took these attachments off: what only they made visible goes. */
  | { cause: 'attachments_removed'; projectId: string; updateId: string; resources: ResourceRef[] }
  /** An update was removed: the update itself, and what only its attachments made visible. */
  | { cause: 'update_removed'; projectId: string; updateId: string; resources: ResourceRef[] };

/** Which approval an approval event is about, and the resource it asks about. */
type AboutApproval = { approvalId: string; projectId: string; module: ModuleId; id: string; round: number };

/**
 * What each event's `data` holds, by `type`. Dates are ISO strings: an event is stored, and often
 * forwarded, as JSON. See docs/events-and-receipts.md for when each is sent.
 */
export type PortalEventData = {
  'invite.accepted': { clientId: string; inviteId: string };
  /** A client's first view of a resource. */
  'client.viewed': { clientId: string; projectId: string; module: ModuleId; id: string };
  /** Also sent when staff reopen an approval: `reopened`, with the status it had. */
  'approval.requested': AboutApproval & {
    approvers: string[];
    mode: ApprovalMode;
    dueAt?: string;
    snapshotHash: string;
    reopened?: true;
    previousStatus?: ApprovalStatus;
  };
  'approval.decided': AboutApproval & {
    decisionId: string;
    clientId: string;
    decision: ApprovalDecisionValue;
    optionId?: string;
    /** The approval's status after this decision. */
    status: ApprovalStatus;
    /** What the client decided on (as in `approval.requested`); absent on events an earlier version queued. */
    snapshotHash?: string;
    /**
     * The decision's evidence hash: keep it, to check the stored decision against later. Absent
     * on events an earlier version queued, as `snapshotHash` is.
     */
    evidenceHash?: string;
  };
  /** The decision just sent settled the approval. */
  'approval.completed': AboutApproval & { status: 'approved' | 'declined' };
  'approval.withdrawn': AboutApproval & { previousStatus: ApprovalStatus; reason?: string; supersededBy?: string };
  'access.revoked': AccessRevoked;
};

/**
 * A `PortalEvent` whose `data` is typed by its `type`: what `onEvent` receives. Narrow on `type`
 * (`if (event.type === 'access.revoked') event.data.cause`), or name one: `TypedPortalEvent<'approval.decided'>`.
 */
export type TypedPortalEvent<T extends PortalEventType = PortalEventType> = T extends PortalEventType
  ? { id: string; type: T; tenantId: string; at: Date; data: PortalEventData[T] }
  : never;

/**
 * `pending`: waiting (or waiting to retry, from `runAt`); `delivering`: claimed by a worker
 * until `runAt` (the lease); `delivered`; `failed`: given up after the outbox's `maxAttempts`.
 */
export const EventDeliveryState = z.enum(EVENT_DELIVERY_STATES);
export type EventDeliveryState = z.infer<typeof EventDeliveryState>;

/** An event as the store keeps it: the event, and how far its delivery got. */
export const StoredEvent = PortalEvent.extend({
  state: EventDeliveryState,
  attempts: z.number().int().min(0),
  /** When it may next be tried (also the lease end while `delivering`). */
  runAt: z.date(),
  lastError: z.string().optional(),
  updatedAt: z.date(),
});
export type StoredEvent = z.infer<typeof StoredEvent>;

/** What one flush did with events, by outcome (see `FlushResult.events`). */
export interface EventFlushResult {
  delivered: number;
  /** Given up after `maxAttempts`: the tenant's next event goes next. */
  failed: number;
  /** The host failed; tried again later, and the tenant's later events wait for it. */
  retrying: number;
}
