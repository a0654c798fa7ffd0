import { API, endpoints, type EndpointName } from '../contract/api.js';
import type { Endpoint } from '../contract/endpoint.js';
import type { Portal } from '../portal/create-portal.js';
import { json, noContent, type RouteContext, type RouteHandler } from './context.js';
import { readArgs } from './request-args.js';
import type { Route } from './router.js';

/** The caller the entry is for: staff (401/403 otherwise), a signed-in client (401), or nobody in particular. */
export async function actorFor(c: RouteContext, endpoint: Endpoint): Promise<unknown[]> {
  if (endpoint.who === 'staff') return [await c.staff()];
  if (endpoint.who === 'client') return [(await c.client()).actor];
  return [];
}

/** The service method an entry names (`clients.add` → `portal.clients.add`), or undefined. */
export function serviceMethod(portal: Portal, name: EndpointName): ((...args: unknown[]) => Promise<unknown>) | undefined {
  const [group, method] = name.split('.') as [string, string];
  const found = (portal as unknown as Record<string, Record<string, unknown> | undefined>)[group]?.[method];
  return typeof found === 'function' ? (found as (...args: unknown[]) => Promise<unknown>).bind((portal as unknown as Record<string, unknown>)[group]) : undefined;
}

/**
 * The route of an entry with no HTTP rules of its own: who is calling, then the arguments from
 * the request, handed to the service method as they are (the core validates them).
 */
export function serve(name: EndpointName): RouteHandler {
  const endpoint: Endpoint = API[name];
  // A handler serves one portal: its method is looked up once, not on every request.
  let methodOf: { portal: Portal; method: ReturnType<typeof serviceMethod> } | undefined;
  return async (c) => {
    const actor = await actorFor(c, endpoint);
    const args = await readArgs(c, endpoint);
    if (methodOf?.portal !== c.portal) methodOf = { portal: c.portal, method: serviceMethod(c.portal, name) };
    const method = methodOf.method;
    if (!method) throw new TypeError(`The portal has no method ${name}`);
    const result = await method(...actor, ...args);
    return endpoint.status === 204 ? noContent() : json(result, endpoint.status);
  };
}

/** A route per contract entry for these callers; `custom` replaces the generic route where HTTP adds rules. */
export function routesFor(who: readonly Endpoint['who'][], custom: Partial<Record<EndpointName, RouteHandler>>): Route<RouteHandler>[] {
  return endpoints()
    .filter((endpoint) => who.includes(endpoint.who))
    .map((endpoint) => ({
      method: endpoint.method,
      pattern: endpoint.path,
      name: endpoint.name,
      handler: custom[endpoint.name] ?? serve(endpoint.name),
      ...(endpoint.records ? { head: false as const } : {}),
    }));
}
