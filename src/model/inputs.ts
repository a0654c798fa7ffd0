import * as z from 'zod';
import { Password } from './account.js';
import { ClientLanguage, ClientStatus } from './client.js';
import { Email, Id, PersonName } from './ids.js';
import { Action, ACTIONS, ModuleId } from './modules.js';
import { RolePermission } from './role.js';
import { ShareInput } from './share.js';
import { storableText } from './text.js';

/**
 * The inputs of the public API, validated once, in the headless core; the HTTP handler hands
 * them over as the request carried them (query numbers already read as numbers). Objects are
 * strict: an unknown field is an error, not silently dropped.
 */
export const ProjectIds = z.array(Id).max(1000, 'must list at most 1000 projects');

export const AddClientInput = z
  .object({
    email: Email,
    name: PersonName.optional(),
    projectIds: ProjectIds,
    roleId: Id.optional(),
    invite: z.boolean().optional(),
    /** The language of the client's emails (`fr`, `fr-CA`); an existing client keeps the one it has. */
    language: ClientLanguage.optional(),
  })
  .strict();
export type AddClientInput = z.input<typeof AddClientInput>;

export const UpdateClientInput = z
  .object({
    name: PersonName.optional(),
    /** A corrected address: re-invites a client that never accepted, asks an active one to confirm. */
    email: Email.optional(),
    roleId: Id.optional(),
    portalAccess: z.boolean().optional(),
    /** The language of the client's emails (`fr`, `fr-CA`); `null` clears it (the tenant's `locale` again). */
    language: ClientLanguage.nullable().optional(),
  })
  .strict();
export type UpdateClientInput = z.input<typeof UpdateClientInput>;

export const ListClientsInput = z
  .object({
    projectId: Id.optional(),
    status: ClientStatus.optional(),
    q: storableText().trim().max(254).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListClientsInput = z.input<typeof ListClientsInput>;

export const ShareInputs = z.array(ShareInput).min(1, 'must list at least one resource').max(500, 'must list at most 500 resources');

/**
 * `shares.status`'s ids: 1 to 500. None at all (an HTTP query without any `ids` key) is said as
 * the missing ids it is, not as a value of the wrong type.
 */
export const StatusIds = z.preprocess((value) => value ?? [], Id.array().min(1, 'give at least one id').max(500));

/**
 * `shares.list`: the project's shares (of one `module`), a page of `limit` at a time (default
 * 100, at most 500) in the order they were made; `cursor` is the `nextCursor` of the page before.
 */
export const ListSharesInput = z
  .object({ module: ModuleId.optional(), limit: z.number().int().min(1).max(500).optional(), cursor: z.string().max(500).optional() })
  .strict();
export type ListSharesInput = z.input<typeof ListSharesInput>;

export const ListUpdatesInput = z
  .object({ limit: z.number().int().min(1).max(500).optional(), cursor: z.string().max(500).optional() })
  .strict();
export type ListUpdatesInput = z.input<typeof ListUpdatesInput>;

export const AuditListInput = z
  .object({
    projectId: Id.optional(),
    clientId: Id.optional(),
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type AuditListInput = z.input<typeof AuditListInput>;

/**
 * `language`: the language of the page the invite was accepted on, kept as the client's email
 * language when the builder set none. A tag that is no language is ignored, not refused: the
 * page's `lang` is not the client's to fix.
 */
export const AcceptInviteInput = z.object({ password: Password, name: PersonName.optional(), language: ClientLanguage.optional().catch(undefined) }).strict();
export type AcceptInviteInput = z.input<typeof AcceptInviteInput>;

export const SignInInput = z
  .object({ tenantId: Id, email: Email, password: z.string().min(1, 'must not be empty').max(256) })
  .strict();
export type SignInInput = z.input<typeof SignInInput>;

/** Asking for a reset or sign-in link: which builder, which address. */
export const AccountEmailInput = z.object({ tenantId: Id, email: Email }).strict();
export type AccountEmailInput = z.input<typeof AccountEmailInput>;

export const ResetPasswordInput = z.object({ password: Password }).strict();
export type ResetPasswordInput = z.input<typeof ResetPasswordInput>;

/** Confirming a changed address: the password the client chooses with it (see `emails.confirm`). */
export const ConfirmEmailInput = z.object({ password: Password.optional() }).strict();
export type ConfirmEmailInput = z.input<typeof ConfirmEmailInput>;

/**
 * One module's actions in a role being saved: each action once. The bound comes first, so an
 * oversized list is one issue rather than one per item (an answer larger than the request).
 * Strict, as the role around it: a key it does not know (`scope`, `admin`) is refused, not
 * dropped, so nobody saves a role believing it limits what it does not.
 */
const RolePermissionInput = RolePermission.extend({
  actions: z
    .array(Action)
    .min(1)
    .max(ACTIONS.length, `must name at most ${ACTIONS.length} actions`)
    .refine((actions) => new Set(actions).size === actions.length, 'must not name an action twice'),
}).strict();

export const SaveRoleInput = z
  .object({
    id: Id,
    name: storableText().trim().min(1).max(100),
    permissions: z
      .array(RolePermissionInput)
      .max(20)
      .refine((permissions) => new Set(permissions.map((p) => p.module)).size === permissions.length, 'must not name a module twice'),
  })
  .strict();
export type SaveRoleInput = z.input<typeof SaveRoleInput>;
