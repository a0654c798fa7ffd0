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

// Types a host annotates with: each named by the entry whose functions use it.
import type { Me, SignedIn, TenantLook, ApprovalQuery } from 'sitegate';
import type { FetchHandler } from 'sitegate/server';
import type { TokenErrorCode } from 'sitegate/client';
export const me = (seen: Me, signedIn: SignedIn, look: TenantLook, query: ApprovalQuery, code: TokenErrorCode) => [seen.client.id, signedIn.session.token, look.name, query, code];
// A fetch handler that may answer at once, as Hono's app.fetch does.
const sync: FetchHandler = () => new Response('ok');
export const syncListener = toNodeListener(sync);
// The elements' events bubble out of their shadow roots: typed on document as on the element.
document.addEventListener('sg-approval-request', (event) => event.detail.approval.id);
document.addEventListener('sg-navigate', (event) => event.detail.projectId);
document.addEventListener('sg-share-change', (event) => event.detail);
// The client's shapes as types alone, for a browser bundle that must not carry zod.
import type { Client as WireClient, Feed, Share as WireShare, ApprovalView, Page } from 'sitegate/client';
export const shapes = (page: Page<WireClient>, feed: Feed, share: WireShare, approval: ApprovalView) => [page.items[0]?.email, feed.project.id, share.id, approval.status];
// smtpMail wants its sender: with the connection, or in the options beside it.
export const mailers = [smtpMail({ url: 'smtp://localhost:2525', from: 'a@b.example' }), smtpMail({ url: 'smtp://localhost:2525' }, { from: 'a@b.example' })];
// @ts-expect-error: no `from` anywhere is refused by the types, not only at run time.
export const noSender = () => smtpMail({ url: 'smtp://localhost:2525' });
