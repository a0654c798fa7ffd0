import { API } from '../contract/api.js';
import { json, type RouteHandler } from './context.js';
import { readArgs } from './request-args.js';
import type { Route } from './router.js';
import { routesFor } from './serve.js';
import { LINK_REQUEST_PER_ACCOUNT, linkRequestKeys, signInAccountKey } from './sign-in-limits.js';

/** Staff routes with rules of their own; every other staff entry of the contract is served as it is. */
const custom = {
  // Lifts the sign-in lock-out of this client's account (the per-account count across
  // addresses); per-address limits still run out on their own. Staff of another tenant get 404.
  // Lifting it is the whole request: a limiter late to reset answers 503 host_timeout, not 200.
  'clients.unlock': (async (c) => {
    const staff = await c.staff();
    const [id] = await readArgs(c, API['clients.unlock']);
    const client = await c.portal.clients.get(staff, id as string);
    await c.resetLimit(signInAccountKey(client.tenantId, client.email), true);
    return json(client);
  }) satisfies RouteHandler,
  // A staff-sent reset is limited per account as a client's own request is, so neither a
  // compromised staff login nor a stuck button can fill the client's mailbox; but under a key of
  // its own, so that five anonymous requests for the address cannot lock staff's button too.
  'clients.sendPasswordReset': (async (c) => {
    const staff = await c.staff();
    const [id] = await readArgs(c, API['clients.sendPasswordReset']);
    const client = await c.portal.clients.get(staff, id as string);
    await c.limit(linkRequestKeys('staff-reset', c.ip(), client.tenantId, client.email).account, LINK_REQUEST_PER_ACCOUNT);
    return json(await c.portal.clients.sendPasswordReset(staff, client.id));
  }) satisfies RouteHandler,
};

/** Builder staff routes; each is the HTTP face of one headless service call. */
export const staffRoutes: Route<RouteHandler>[] = routesFor(['staff'], custom);
