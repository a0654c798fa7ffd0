import * as z from 'zod';
import { storableText } from './text.js';

/**
 * Ids come from the host (tenants, projects, resources) or from sitegate (clients, shares, …).
 * They are opaque strings, bounded and free of control characters and path separators so they
 * are safe in URLs, logs and SQL parameters alike.
 */
export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[A-Za-z0-9._:@-]+$/, 'may contain only letters, digits and . _ : @ -')
  .refine((id) => id !== '.' && id !== '..', 'must not be . or ..');
export type Id = z.infer<typeof Id>;

/** Email addresses are trimmed and lower-cased, so one person is one client per tenant. */
export const Email = storableText()
  .trim()
  .max(254, 'must be at most 254 characters')
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }));
export type Email = z.infer<typeof Email>;

export const PersonName = storableText().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
