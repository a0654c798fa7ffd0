import * as z from 'zod';
import { LocaleTag } from './brand.js';
import { Email, Id, PersonName } from './ids.js';
import { Action, ModuleId } from './modules.js';
import { CLIENT_STATUSES, DELIVERY_STATES } from './value-lists.js';
import { copyWith } from './plain-copy.js';

export { CLIENT_STATUSES, DELIVERY_STATES };

export const ClientStatus = z.enum(CLIENT_STATUSES);
export type ClientStatus = z.infer<typeof ClientStatus>;

export const DeliveryState = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** Where the latest invite email stands, so a list can show "invite not delivered". */
export const InviteDelivery = z.object({
  state: DeliveryState,
  reason: z.string().optional(),
  at: z.date(),
});
export type InviteDelivery = z.infer<typeof InviteDelivery>;

/**
 * The language a client's emails are written in: a BCP 47 tag (`fr`, `fr-CA`, `en`), checked as
 * the tenant's `locale` is, at most 35 characters, and kept in its canonical case (`FR-ca` →
 * `fr-CA`, `EN` → `en`). A tag the runtime's `Intl` cannot read is refused.
 */
export const ClientLanguage = LocaleTag.max(35).transform((tag, ctx) => {
  try {
    return Intl.getCanonicalLocales(tag)[0]!;
  } catch {
    ctx.issues.push({ code: 'custom', message: 'must be a language tag such as en, fr or fr-CA', input: tag });
    return z.NEVER;
  }
});

/**
 * A client as stored. `status` is derived from the other fields by `clientStatus()`; it is
 * stored too so lists can filter on it, with `invited` turning `expired` once
 * `inviteExpiresAt` has passed.
 */
export const ClientRecord = z.object({
  tenantId: Id,
  id: Id,
  email: Email,
  name: PersonName.optional(),
  roleId: Id,
  projectIds: z.array(Id),
  /** false = the builder switched portal login off (status `disabled`). */
  portalAccess: z.boolean(),
  /** Set once the client accepted an invite and has an account. */
  activatedAt: z.date().optional(),
  /** Expiry of the latest pending invite, if any. */
  inviteExpiresAt: z.date().optional(),
  inviteDelivery: InviteDelivery.optional(),
  /** Set while the client is archived: no access, left out of lists, history kept. */
  archivedAt: z.date().optional(),
  /**
   * A new address waiting for confirmation (an active client's email was changed). Until the
   * link sent there is used, the client signs in with neither address.
   */
  pendingEmail: Email.optional(),
  /**
   * The language its emails are written in (`ClientLanguage`, canonical), set by the builder or,
   * when it had none, taken from the page it accepted its invite on. Without one, the tenant's `locale`.
   */
  language: LocaleTag.optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ClientRecord = z.infer<typeof ClientRecord>;

export const Client = ClientRecord.extend({ status: ClientStatus });
export type Client = z.infer<typeof Client>;

/** One line of "show permissions": what a client may do in a module. */
export const ModulePermission = z.object({ module: ModuleId, actions: z.array(Action) });
export type ModulePermission = z.infer<typeof ModulePermission>;

export const ClientDetails = Client.extend({ permissions: z.array(ModulePermission) });
export type ClientDetails = z.infer<typeof ClientDetails>;

/** The stored (time-independent) part of the status. */
export type StoredClientStatus = Exclude<ClientStatus, 'expired'>;

export function storedStatus(client: Omit<ClientRecord, 'status'>): StoredClientStatus {
  if (client.archivedAt) return 'archived';
  if (!client.portalAccess) return 'disabled';
  if (client.activatedAt) return 'active';
  if (client.inviteExpiresAt) return 'invited';
  return 'not_invited';
}

/** The status a person sees: `invited` becomes `expired` when the invite's time is up. */
export function clientStatus(client: ClientRecord, now: Date): ClientStatus {
  const stored = storedStatus(client);
  if (stored === 'invited' && client.inviteExpiresAt && client.inviteExpiresAt.getTime() <= now.getTime()) {
    return 'expired';
  }
  return stored;
}

/** The client as a person sees it; without a spread, as a list of clients makes one per client. */
export function withStatus(client: ClientRecord, now: Date): Client {
  return copyWith(client, 'status', clientStatus(client, now));
}

/**
 * The client as it sees itself (signing in, `view.me`): without how its invite mail went, which
 * is the builder's to know — a delivery failure's reason names the builder's mail servers.
 */
export function ownView(client: ClientRecord, now: Date): Client {
  const { inviteDelivery: _builders, ...own } = withStatus(client, now);
  return own;
}

/** `withStatus` for a record the caller owns (a copy storage returned): the status set on it. */
export function statusSet(client: ClientRecord, now: Date): Client {
  const seen = client as Client;
  seen.status = clientStatus(client, now);
  return seen;
}
