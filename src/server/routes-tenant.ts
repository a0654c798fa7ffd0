import { API } from '../contract/api.js';
import { json, type RouteHandler } from './context.js';
import { readArgs } from './request-args.js';
import type { RateLimitRule } from './rate-limit.js';

/** Look-ups one address may make per window: a page load needs one; walking tenant ids needs thousands. */
export const TENANT_LOOK_PER_ADDRESS: RateLimitRule = { limit: 60, windowSeconds: 60 };

/** The public builder look-up behind the sign-in and reset pages. */
export const tenantRoutes = {
  'tenants.look': (async (c) => {
    const [tenantId] = await readArgs(c, API['tenants.look']);
    await c.limit(`tenant-look:${c.ip()}`, TENANT_LOOK_PER_ADDRESS);
    return json(await c.portal.tenants.look(tenantId as string));
  }) satisfies RouteHandler,
};
