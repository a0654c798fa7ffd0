import { notFound } from '../errors/NotFoundError.js';
import { parseInput } from '../errors/from-zod.js';
import { tokenError } from '../errors/TokenError.js';
import { loadClientScope } from '../access/client-scope.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { requireClient, requireStaff } from '../kernel/guard.js';
import { Actor, type ClientActor, type StaffActor } from '../model/actor.js';
import { Id } from '../model/ids.js';
import { SetNotificationsInput, type Frequency, type NotificationPreference } from '../model/notification.js';
import type { TenantSettings } from '../model/tenant.js';
import type { StorageOps } from '../ports/storage.js';
import { wakeDigests } from './digest-quiet.js';
import { hashToken, parseToken } from '../tokens/secret-token.js';

/**
 * The frequency of a client who chose none, when the tenant sets no default: a daily summary.
 * Clients asked for fewer, better emails; `instant` would mail after every share.
 */
export const DEFAULT_FREQUENCY: Frequency = 'daily';

/** The tenant's default frequency. */
export const defaultFrequency = (tenant: TenantSettings): Frequency => tenant.notifications?.default ?? DEFAULT_FREQUENCY;

/** A client's effective frequency: its own, or the tenant's default; and that default. */
export async function frequencyOf(tx: Pick<StorageOps, 'getNotificationSettings'>, tenant: TenantSettings, tenantId: string, clientId: string): Promise<NotificationPreference> {
  const stored = await tx.getNotificationSettings(tenantId, clientId);
  const tenantDefault = defaultFrequency(tenant);
  return stored ? { frequency: stored.frequency, isDefault: false, tenantDefault } : { frequency: tenantDefault, isDefault: true, tenantDefault };
}

/** Clients' digest preferences, and the one-click unsubscribe. */
export function notificationsService(ctx: PortalContext) {
  const { storage } = ctx;

  /**
   * Whose preference the caller may touch: a client only its own (another id is answered like
   * an unknown client), staff any client of their tenant (the id is required).
   */
  async function target(actor: unknown, clientId: unknown, action: 'read' | 'update'): Promise<{ who: StaffActor | ClientActor; tenantId: string; clientId: string }> {
    const parsed = parseInput(Actor, actor, ['actor']);
    if (parsed.type === 'client') {
      const client = requireClient(parsed);
      if (clientId !== undefined && parseInput(Id, clientId, ['clientId']) !== client.clientId) throw notFound('Client', String(clientId));
      if (!(await loadClientScope(ctx, client))) throw notFound('Client', client.clientId);
      return { who: client, tenantId: client.tenantId, clientId: client.clientId };
    }
    const staff = requireStaff(parsed, action, 'Client');
    const id = parseInput(Id, clientId, ['clientId']);
    const found = await storage.getClient(staff.tenantId, id);
    if (!found) throw notFound('Client', id);
    return { who: staff, tenantId: staff.tenantId, clientId: id };
  }

  /** The client's frequency, whether it is the tenant's default, and that default. */
  async function get(actor: StaffActor | ClientActor, clientId?: string): Promise<NotificationPreference> {
    const t = await target(actor, clientId, 'read');
    return frequencyOf(storage, await ctx.tenant(t.tenantId), t.tenantId, t.clientId);
  }

  /** Sets the client's frequency (audited); `off` also drops what is pending at the next flush. */
  async function set(actor: StaffActor | ClientActor, input: SetNotificationsInput): Promise<NotificationPreference> {
    const data = parseInput(SetNotificationsInput, input);
    const t = await target(actor, data.clientId, 'update');
    const tenant = await ctx.tenant(t.tenantId);
    await storage.transaction(async (tx) => {
      const now = ctx.now();
      await tx.saveNotificationSettings({ tenantId: t.tenantId, clientId: t.clientId, frequency: data.frequency, updatedAt: now });
      await record(tx, now, t.tenantId, t.who, 'notifications.set', { clientId: t.clientId, data: { frequency: data.frequency } });
    });
    wakeDigests(ctx, t.tenantId);
    return { frequency: data.frequency, isDefault: false, tenantDefault: defaultFrequency(tenant) };
  }

  /** `get` for staff, the client named in the path. */
  async function getFor(actor: StaffActor, clientId: string): Promise<NotificationPreference> {
    return get(requireStaff(actor, 'read', 'Client'), clientId);
  }

  /** `set` for staff, the client named in the path. */
  async function setFor(actor: StaffActor, clientId: string, input: { frequency: Frequency }): Promise<NotificationPreference> {
    const staff = requireStaff(actor, 'update', 'Client');
    const body = parseInput(SetNotificationsInput.omit({ clientId: true }), input);
    return set(staff, { ...body, clientId: parseInput(Id, clientId, ['clientId']) });
  }

  /**
   * The one-click unsubscribe of a digest (RFC 8058): the token alone sets the client's
   * frequency to `off`, without signing in. Each token works once; an unknown, forged or
   * expired one changes nothing.
   */
  async function unsubscribe(token: string): Promise<{ frequency: 'off' }> {
    const parsed = parseToken(token);
    if (!parsed) throw tokenError('link_invalid');
    const tokenHash = hashToken(parsed.token);
    const now = ctx.now();
    await storage.transaction(async (tx) => {
      const used = await tx.useUnsubscribeToken(parsed.tenantId, tokenHash, now);
      if (!used) {
        const known = await tx.getUnsubscribeToken(parsed.tenantId, tokenHash);
        if (known?.usedAt) throw tokenError('link_used', 'This unsubscribe link has already been used.');
        if (known) throw tokenError('link_expired', 'This unsubscribe link has expired. Change your email preferences in the portal.');
        throw tokenError('link_invalid', 'This unsubscribe link is not valid.');
      }
      await tx.saveNotificationSettings({ tenantId: used.tenantId, clientId: used.clientId, frequency: 'off', updatedAt: now });
      await record(tx, now, used.tenantId, { type: 'system' }, 'notifications.unsubscribed', { clientId: used.clientId });
    });
    wakeDigests(ctx, parsed.tenantId);
    return { frequency: 'off' };
  }

  return { get, set, getFor, setFor, unsubscribe };
}
