import { API } from '../contract/api.js';
import { json, type RouteHandler } from './context.js';
import { remoteAddressOf } from './remote-address.js';
import { readArgs } from './request-args.js';

/** Longest user agent kept as evidence; longer ones are cut (browsers send ~150 characters). */
const USER_AGENT_MAX = 1000;

/**
 * The request facts a decision keeps as evidence: the caller's address as the handler sees it
 * (the host's `clientIp` hook behind a proxy, else the socket address), unaltered — not grouped
 * like a rate-limit key — and its user agent.
 */
function evidenceOf(request: Request, clientIp: ((request: Request) => string | undefined) | undefined): { ip?: string; userAgent?: string } {
  const ip = (clientIp?.(request) ?? remoteAddressOf(request))?.trim().slice(0, 100);
  const userAgent = request.headers.get('user-agent')?.slice(0, USER_AGENT_MAX);
  return { ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
}

/** Client approval routes with HTTP facts of their own. */
export const approvalRoutes = {
  'approvals.decide': (async (c) => {
    const { actor } = await c.client();
    const [projectId, approvalId, input] = await readArgs(c, API['approvals.decide']);
    const view = await c.portal.approvals.decide(actor, projectId as string, approvalId as string, input as never, evidenceOf(c.request, c.options.clientIp));
    return json(view, API['approvals.decide'].status);
  }) satisfies RouteHandler,
};
