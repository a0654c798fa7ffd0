import { createPortal, MODULES, scryptPasswords, type ClientActor, type PasswordHasher, type Storage } from 'sitegate';
import { memoryMail } from 'sitegate/adapters/memory';
import { syntheticContent } from './synthetic-content.js';

export const TENANT = 'bench';
export const staff = { type: 'staff', tenantId: TENANT, userId: 'u-bench' } as const;

/** Cheap scrypt where passwords are set up, not measured. */
export const cheapPasswords = scryptPasswords({ N: 2 ** 10, r: 8, p: 1 });

/** A portal over `storage` with every module enabled and a synthetic host content source. */
export function benchPortal(storage: Storage, options: { passwords?: PasswordHasher; folderChildren?: number } = {}) {
  const mail = memoryMail();
  const portal = createPortal({
    storage,
    mail,
    content: syntheticContent(options.folderChildren ? { folderChildren: options.folderChildren } : {}),
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${encodeURIComponent(token)}`,
    tenants: async (id) => (id === TENANT ? { name: 'Bench Builders', modules: [...MODULES] } : null),
    ...(options.passwords ? { passwords: options.passwords } : {}),
  });
  return { portal, mail };
}

/** Stores an active client holding `projectIds` directly, skipping the invite flow. */
export async function activeClient(storage: Storage, id: string, projectIds: string[]): Promise<ClientActor> {
  const at = new Date('2026-01-01T00:00:00Z');
  await storage.saveClient({
    tenantId: TENANT,
    id,
    email: `${id}@bench.example`,
    roleId: 'client',
    projectIds,
    portalAccess: true,
    activatedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  return { type: 'client', tenantId: TENANT, clientId: id };
}
