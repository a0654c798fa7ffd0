// Who may open one of the demo's files: what a host does before it serves one of its own. The
// builder (staff) may open every file; a client only a file of a resource `portal.can` lets it
// read, asked fresh on every request, so an unshare or a revoke closes the file at once.
import { FILES_PATH } from './sample-files.mjs';

/** Every file link of a resource: its own, a report's PDF, a drawing's revisions, a log's photos. */
function linksOf(resource) {
  const meta = resource.meta ?? {};
  const nested = [...(Array.isArray(meta.revisions) ? meta.revisions : []), ...(Array.isArray(meta.photos) ? meta.photos : [])];
  return [resource.url, meta.pdfUrl, ...nested.map((n) => n?.url)].filter((url) => typeof url === 'string');
}

/**
 * `(req, pathname) => Promise<boolean>`. `api.clientOf` reads the client's session cookie,
 * which the demo scopes to `/` (`cookie.path`) so the browser sends it here too.
 */
export function fileAccess({ portal, api, content, tenantId, staff }) {
  return async (req, pathname) => {
    if (!pathname.startsWith(FILES_PATH)) return false;
    if (staff.has(req.headers.cookie)) return true;
    const client = await api.clientOf(req);
    if (!client) return false;
    for (const project of await content.projects(tenantId)) {
      for (const resource of content.list(tenantId, project.id)) {
        if (!linksOf(resource).includes(pathname)) continue;
        if (await portal.can(client, 'read', { projectId: project.id, module: resource.module, id: resource.id })) return true;
      }
    }
    return false;
  };
}
