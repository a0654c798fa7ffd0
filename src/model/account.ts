import * as z from 'zod';
import { Id } from './ids.js';

/** A client's login, created when an invite is accepted. */
export const Account = z.object({
  tenantId: Id,
  clientId: Id,
  passwordHash: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Account = z.infer<typeof Account>;

/** A signed-in client. Only the SHA-256 of the session token is stored. */
export const Session = z.object({
  tenantId: Id,
  id: Id,
  clientId: Id,
  tokenHash: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
});
export type Session = z.infer<typeof Session>;

/** What the client gets back: the raw token, once. */
export const SessionToken = z.object({ token: z.string(), expiresAt: z.date() });
export type SessionToken = z.infer<typeof SessionToken>;

export const Password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');
