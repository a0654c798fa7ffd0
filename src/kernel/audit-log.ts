import type { Actor } from '../model/actor.js';
import type { AuditAction, AuditActor, AuditEvent } from '../model/audit.js';
import type { StorageOps } from '../ports/storage.js';
import { newId } from '../tokens/ids.js';

export function auditActor(actor: Actor | { type: 'system' }): AuditActor {
  if (actor.type === 'staff') return { type: 'staff', id: actor.userId };
  if (actor.type === 'client') return { type: 'client', id: actor.clientId };
  return { type: 'system', id: 'sitegate' };
}

/** Appends one audit event in the same transaction as the change it records. */
export async function record(
  tx: StorageOps,
  at: Date,
  tenantId: string,
  actor: Actor | { type: 'system' },
  action: AuditAction,
  about: { clientId?: string; projectId?: string; data?: Record<string, unknown> } = {},
): Promise<AuditEvent> {
  const event: AuditEvent = { tenantId, id: newId('au'), at, actor: auditActor(actor), action, ...about };
  await tx.insertAudit(event);
  return event;
}
