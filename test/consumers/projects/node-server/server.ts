// A Node host as @tsconfig/node20 sets one up: no DOM library, Node's own types, and every
// declaration checked. The handler's types must not need the browser's.
import { createServer } from 'node:http';
import { createPortal } from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { createPortalHandler, toNodeListener } from 'sitegate/server';

/** What a host mirrors from the events: typed by each event's `type`, no casts. */
const lostProjects: string[] = [];
const decisions: ('approved' | 'declined')[] = [];
const portal = createPortal({
  storage: memoryStorage(),
  mail: memoryMail(),
  content: memoryContent({ projects: [], resources: [] }),
  acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
  tenants: async () => ({ name: 'Acme Builders', modules: ['documents'] }),
  onEvent: (event) => {
    if (event.type === 'access.revoked' && event.data.cause === 'project_removed') {
      const projectId: string = event.data.projectId;
      lostProjects.push(`${event.data.clientId}/${projectId}`);
    }
    if (event.type === 'approval.decided') decisions.push(event.data.decision);
  },
});
// The session cookie goes to the whole site, so the host's own file route reads it too.
const handler = createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: async () => null, cookie: { path: '/' } });
const api = toNodeListener(handler);
createServer(async (req, res) => {
  if (req.url?.startsWith('/api/portal/')) return api(req, res);
  // node's own request, no fetch Request: the signed-in client, then what it may read.
  const client = await handler.clientOf(req);
  const allowed = client !== null && (await portal.can(client, 'read', { projectId: 'p1', module: 'documents', id: 'contract.pdf' }));
  res.writeHead(allowed ? 200 : 404).end();
});
