import type { PasswordHasher } from 'sitegate';

export const SEEDED_PASSWORD_HASHES: ReadonlyMap<string, string>;
export function seededPasswords(hasher: PasswordHasher): { hasher: PasswordHasher; seeding<T>(fn: () => Promise<T>): Promise<T> };
