import * as z from 'zod';
import { AuditEvent } from '../model/audit.js';
import { Client, ClientDetails, InviteDelivery } from '../model/client.js';
import { InviteInfo } from '../model/invite.js';
import { Project, Resource, Schedule } from '../model/resource.js';
import { Role } from '../model/role.js';
import { Share } from '../model/share.js';
import { Update } from '../model/update.js';

/**
 * The model's schemas as they arrive over the wire: dates come as ISO strings and are revived.
 * Objects are not strict here — a newer server may add fields, and they are dropped, not fatal.
 */
const WireDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const clientDates = {
  activatedAt: WireDate.optional(),
  inviteExpiresAt: WireDate.optional(),
  inviteDelivery: InviteDelivery.extend({ at: WireDate }).optional(),
  createdAt: WireDate,
  updatedAt: WireDate,
};

export const WireClient = Client.extend(clientDates);
export const WireClientDetails = ClientDetails.extend(clientDates);
export const WireShare = Share.extend({ createdAt: WireDate });
export const WireUpdate = Update.extend({ publishedAt: WireDate });
export const WireAuditEvent = AuditEvent.extend({ at: WireDate });
export const WireInviteInfo = InviteInfo.extend({ expiresAt: WireDate.optional() });
export const WireSession = z.object({ token: z.string(), expiresAt: WireDate });
export const WireSignedIn = z.object({ client: WireClient, session: WireSession });
export { Project as WireProject, Role as WireRole };

export const WireShareStatus = z.object({
  id: z.string(),
  status: z.enum(['shared', 'via_folder', 'not_shared']),
  shareId: z.string().optional(),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const Resources = z.array(Resource).optional();

export const WireFeed = z.object({
  project: Project,
  modules: z.object({
    updates: z.array(z.object({ update: WireUpdate, resources: z.array(Resource) })).optional(),
    schedule: z.object({ resource: Resource, schedule: Schedule.nullable() }).nullable().optional(),
    documents: Resources,
    drawings: Resources,
    reports: Resources,
    photos: Resources,
    dailyLogs: Resources,
    selections: Resources,
    changeOrders: Resources,
    invoices: Resources,
  }),
});

export const WireOpened = z.object({
  resource: Resource,
  children: z.array(Resource).optional(),
  schedule: Schedule.nullable().optional(),
});

/** Packed CASL rules are arrays of arrays; the browser unpacks them with `unpackRules`. */
export const WireMe = z.object({ client: WireClient, projects: z.array(Project), rules: z.array(z.array(z.unknown())) });

/** A problem+json body, loosely: enough to rebuild the error. */
export const WireProblem = z.looseObject({
  code: z.string(),
  status: z.number().optional(),
  detail: z.string().optional(),
  title: z.string().optional(),
  errors: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string().optional() }))
    .optional(),
});
