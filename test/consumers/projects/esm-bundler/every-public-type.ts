// Type-checked with skipLibCheck off: every declaration file the package's runtime entry points
// pull in must compile in a strict host, given the drivers' types (@types/pg, @types/nodemailer,
// @types/emscripten for PGlite). sitegate/testing and sitegate/mocks are left to the nodenext
// projects: their declarations are vitest's and msw's own.
import { createPortal, defineAbilityFor, SitegateError, ValidationError, type Client, type Share } from 'sitegate';
import { createPortalHandler, toNodeListener, type PortalHandlerOptions } from 'sitegate/server';
import { createPortalClient } from 'sitegate/client';
import { SgClientList, SgShareChangeEvent, portalClientContext, type SgStrings } from 'sitegate/components';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { smtpMail } from 'sitegate/adapters/smtp';

export const portal = createPortal({
  storage: pgliteStorage(),
  mail: memoryMail(),
  content: memoryContent({ projects: [], resources: [] }),
  acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
  tenants: async () => ({ name: 'Acme Builders', modules: ['documents'] }),
});
export const stores = [memoryStorage(), postgresStorage({ connectionString: 'postgres://localhost/portal' })];
export const mailer = smtpMail({ url: 'smtp://localhost:2525', from: 'portal@builder.example' });
export const options: Partial<PortalHandlerOptions> = { basePath: '/api/portal' };
export const listener = toNodeListener(createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: async () => null }));
export const api = createPortalClient({ baseUrl: '/api/portal' });
export const checks = { defineAbilityFor, SitegateError, ValidationError, SgClientList, SgShareChangeEvent, portalClientContext };
export type Seen = [Client, Share, SgStrings];
