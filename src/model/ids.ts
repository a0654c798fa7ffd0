import * as z from 'zod';
import { storableText } from './text.js';

const ID_CHARS = /^[A-Za-z0-9._:@-]+$/;

/**
 * Not `.` or `..` (path segments), and not a name every plain object answers to (`__proto__`,
 * `constructor`, `toString`, …). A host hook written as `tenants: async (id) => settings[id] ??
 * null` finds `Object.prototype` or a function for those instead of `null`, so a stranger asking
 * for tenant `__proto__` would turn a missing tenant into invalid settings (a 503).
 */
const allowedId = (id: string) => id !== '.' && id !== '..' && !(id in Object.prototype);

/** `Id.safeParse(value).success`, without zod: the permission checks' hot path. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 200 && ID_CHARS.test(value) && allowedId(value);
}

/**
 * Ids come from the host (tenants, projects, resources) or from sitegate (clients, shares, …).
 * They are opaque strings, bounded and free of control characters and path separators so they
 * are safe in URLs, logs and SQL parameters alike, and never a name a plain object already has
 * so they are safe as keys of one.
 */
export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(ID_CHARS, 'may contain only letters, digits and . _ : @ -')
  .refine(allowedId, 'must not be . or .. or a name every object has (__proto__, constructor, …)');
export type Id = z.infer<typeof Id>;

/** Email addresses are trimmed and lower-cased, so one person is one client per tenant. */
export const Email = storableText()
  .trim()
  .max(254, 'must be at most 254 characters')
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }));
export type Email = z.infer<typeof Email>;

export const PersonName = storableText().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
